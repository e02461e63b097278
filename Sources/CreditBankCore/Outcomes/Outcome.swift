import Foundation

/// One achievement of one learner (学习成果).
public struct Outcome: Identifiable, Hashable, Sendable {
    /// Row id.
    public var id: OutcomeID
    /// Whose it is.
    public var learnerID: LearnerID
    /// The catalog entry it was chosen from, if any.
    public var catalogEntryID: CatalogEntryID?
    /// The institution that issued it, when known (decides who reviews recognition).
    public var institutionID: InstitutionID?
    public var category: OutcomeCategory
    /// Subtype code (see `SubtypeRegistry`).
    public var subtype: String
    public var name: String
    /// Issuing body as printed (institution name, or what the learner typed).
    public var issuer: String
    public var certificateNumber: String?
    public var obtainedOn: LocalDate
    /// Score out of 100, when there is one.
    public var score: Double?
    /// Original study hours and original credits, when there are some.
    public var hours: Int?
    public var originalCredits: Credits?
    /// Bank credits; set once stored.
    public var credits: Credits?
    public var status: OutcomeStatus
    public var source: OutcomeSource
    /// Subtype-specific fields, validated against the subtype.
    public var attributes: [String: String]
    public var createdAt: Date

    /// Creates an outcome value.
    public init(
        id: OutcomeID, learnerID: LearnerID, catalogEntryID: CatalogEntryID? = nil, institutionID: InstitutionID? = nil,
        category: OutcomeCategory, subtype: String, name: String, issuer: String, certificateNumber: String? = nil,
        obtainedOn: LocalDate, score: Double? = nil, hours: Int? = nil, originalCredits: Credits? = nil, credits: Credits? = nil,
        status: OutcomeStatus, source: OutcomeSource, attributes: [String: String] = [:], createdAt: Date
    ) {
        self.id = id
        self.learnerID = learnerID
        self.catalogEntryID = catalogEntryID
        self.institutionID = institutionID
        self.category = category
        self.subtype = subtype
        self.name = name
        self.issuer = issuer
        self.certificateNumber = certificateNumber
        self.obtainedOn = obtainedOn
        self.score = score
        self.hours = hours
        self.originalCredits = originalCredits
        self.credits = credits
        self.status = status
        self.source = source
        self.attributes = attributes
        self.createdAt = createdAt
    }

    /// Credits that count towards the learner's total: only stored outcomes count.
    public var countedCredits: Credits { status == .stored ? credits ?? .zero : .zero }
}

extension Outcome {
    /// Whether this outcome records the achievement a learner adds again from catalog entry `entry`:
    /// the same entry with the same certificate number, or with none on the same date.
    public func isSameAchievement(as entry: CatalogEntryID, number: String?, on date: LocalDate) -> Bool {
        guard catalogEntryID == entry else { return false }
        if let number { return certificateNumber == number }
        return certificateNumber == nil && obtainedOn == date
    }
}
