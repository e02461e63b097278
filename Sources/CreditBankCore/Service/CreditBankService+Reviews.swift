import Foundation

/// One item of a reviewer's conversion queue: the application with what a reviewer needs to decide.
public struct ConversionCase: Sendable {
    public var application: ConversionApplication
    public var reviews: [ReviewRecord]
    /// The rule, nil for a case-by-case application.
    public var rule: ConversionRule?
    /// The catalog entry the learner would receive, and its institution's name.
    public var target: CatalogEntry
    public var targetInstitutionName: String
    /// The credits the target would carry.
    public var grantedCredits: Credits
    public var learnerName: String
    /// The learner's ID number, masked as on documents.
    public var learnerIDMasked: String
    public var sources: [Outcome]
    /// Each source outcome's own evidence, by outcome.
    public var sourceEvidence: [OutcomeID: [Evidence]]
    public var evidence: [Evidence]
}

/// The two review stages of a conversion.
public enum ConversionReviewStage: String, CaseIterable, Sendable {
    case initial, final

    /// Parses `initial` or `final`.
    /// - Throws: `.invalid` naming the field `stage`.
    public init(parsing text: String) throws(CreditBankError) {
        guard let stage = Self(rawValue: text) else { throw .invalid(field: "stage", reason: "must be initial or final") }
        self = stage
    }

    var status: ConversionStatus { self == .initial ? .submitted : .awaitingFinalReview }
}

extension CreditBankService {
    /// Outcomes waiting for recognition that this reviewer decides: their institution's, or all (admin).
    /// - Throws: `.forbidden` for experts, who review conversions only.
    public func recognitionQueue(for reviewer: StaffMember) async throws -> [(Outcome, [Evidence])] {
        let institution: InstitutionID?
        switch reviewer.role {
        case .admin: institution = nil
        case .institution(let own): institution = own
        case .expert: throw CreditBankError.forbidden("experts review conversions, not recognitions")
        }
        return try await storage.read { db in
            try db.recognitionQueue(institution: institution).map { ($0, try db.evidence(of: .outcome($0.id))) }
        }
    }

    /// Applications waiting at `stage` that this reviewer decides: initial review by the target
    /// institution's reviewers, final review by experts; admins see both.
    /// - Throws: `.forbidden` when the role does not review that stage.
    public func conversionQueue(stage: ConversionReviewStage, for reviewer: StaffMember) async throws -> [ConversionCase] {
        let institution: InstitutionID?
        switch (reviewer.role, stage) {
        case (.admin, _): institution = nil
        case (.institution(let own), .initial): institution = own
        case (.expert, .final): institution = nil
        case (.institution, .final): throw CreditBankError.forbidden("final review is for the experts of the review committee")
        case (.expert, .initial): throw CreditBankError.forbidden("initial review is for the target institution's reviewers")
        }
        return try await storage.read { db in
            try db.conversionQueue(status: stage.status, targetInstitution: institution).map { try Self.conversionCase($0, in: db) }
        }
    }

    /// One application as a reviewer sees it; institution reviewers see only their institution's.
    /// - Throws: `.notFound` outside the reviewer's scope.
    public func conversionCase(_ id: ApplicationID, for reviewer: StaffMember) async throws -> ConversionCase {
        try await storage.read { db in
            let application = try db.require(db.application(id), "conversion application \(id)")
            if case .institution(let own) = reviewer.role, try targetInstitution(of: application, in: db) != own {
                throw CreditBankError.notFound("conversion application \(id)")
            }
            return try Self.conversionCase(application, in: db)
        }
    }

    static func conversionCase(_ application: ConversionApplication, in db: any StorageReading) throws -> ConversionCase {
        let terms = try ConversionTerms(of: application, in: db)
        let learner = try db.learner(application.learnerID)
        return ConversionCase(
            application: application, reviews: try db.reviews(ofApplication: application.id), rule: terms.rule, target: terms.target,
            targetInstitutionName: try db.institution(terms.target.institutionID)?.name ?? "", grantedCredits: terms.grantedCredits,
            learnerName: learner?.name.value ?? "", learnerIDMasked: learner?.idNumber.masked ?? "",
            sources: try application.sourceOutcomeIDs.compactMap { try db.outcome($0) },
            sourceEvidence: Dictionary(uniqueKeysWithValues: try application.sourceOutcomeIDs.map { ($0, try db.evidence(of: .outcome($0))) }),
            evidence: try db.evidence(of: .application(application.id)))
    }
}
