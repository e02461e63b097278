/// A published mapping from source catalog outcome(s) to a target catalog outcome (转换规则).
public struct ConversionRule: Identifiable, Hashable, Sendable {
    /// Row id.
    public var id: RuleID
    /// The rule code, e.g. `202201240004`, unique.
    public var code: String
    public var name: String
    public var description: String
    /// The catalog outcomes a learner must hold, each with an optional minimum score.
    public var sources: [Source]
    /// The catalog outcome the learner obtains.
    public var targetCatalogEntryID: CatalogEntryID
    /// Credits of the target before the ratio.
    public var credits: Credits
    /// Conversion ratio in percent (1–100).
    public var ratio: Int
    /// Validity window (inclusive); nil means open.
    public var validFrom: LocalDate?
    public var validTo: LocalDate?
    /// Only published rules can be applied.
    public var published: Bool

    /// One source requirement.
    public struct Source: Hashable, Sendable {
        public var catalogEntryID: CatalogEntryID
        public var minimumScore: Double?
        /// Creates a source requirement.
        public init(catalogEntryID: CatalogEntryID, minimumScore: Double? = nil) {
            self.catalogEntryID = catalogEntryID
            self.minimumScore = minimumScore
        }
    }

    /// Creates a rule value.
    public init(
        id: RuleID, code: String, name: String, description: String = "", sources: [Source], targetCatalogEntryID: CatalogEntryID,
        credits: Credits, ratio: Int, validFrom: LocalDate? = nil, validTo: LocalDate? = nil, published: Bool = true
    ) {
        self.id = id
        self.code = code
        self.name = name
        self.description = description
        self.sources = sources
        self.targetCatalogEntryID = targetCatalogEntryID
        self.credits = credits
        self.ratio = ratio
        self.validFrom = validFrom
        self.validTo = validTo
        self.published = published
    }

    /// Whether the rule may be applied on `day`: published and inside its window.
    public func isApplicable(on day: LocalDate) -> Bool {
        published && validFrom.map { $0 <= day } ?? true && validTo.map { day <= $0 } ?? true
    }

    /// Credits the learner obtains: credits × ratio.
    public var grantedCredits: Credits { credits.applying(percent: ratio) }

    /// Whether `outcome` could serve as a source of this rule (for 可转换规则数).
    public func accepts(_ outcome: Outcome) -> Bool {
        guard outcome.status == .stored, let entry = outcome.catalogEntryID else { return false }
        return sources.contains { $0.catalogEntryID == entry }
    }
}

/// What a rule is made from before it has an id (API body, CSV row, demo).
public struct NewConversionRule: Hashable, Sendable {
    public var code: String
    public var name: String
    public var description: String
    public var sources: [ConversionRule.Source]
    public var targetCatalogEntryID: CatalogEntryID
    public var credits: Credits
    public var ratio: Int
    public var validFrom: LocalDate?
    public var validTo: LocalDate?
    public var published: Bool

    /// Creates an unvalidated rule.
    public init(
        code: String, name: String, description: String = "", sources: [ConversionRule.Source], targetCatalogEntryID: CatalogEntryID,
        credits: Credits, ratio: Int = 100, validFrom: LocalDate? = nil, validTo: LocalDate? = nil, published: Bool = true
    ) {
        self.code = code
        self.name = name
        self.description = description
        self.sources = sources
        self.targetCatalogEntryID = targetCatalogEntryID
        self.credits = credits
        self.ratio = ratio
        self.validFrom = validFrom
        self.validTo = validTo
        self.published = published
    }

    /// Checks the fields that need no look-up.
    /// - Throws: `CreditBankError.invalid` naming the field.
    public func validate() throws(CreditBankError) {
        guard (4...32).contains(code.count), code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw .invalid(field: "code", reason: "use 4–32 letters, digits or '-'")
        }
        try Text.require(name, field: "name", max: 200)
        guard description.count <= 2000 else { throw .invalid(field: "description", reason: "at most 2000 characters") }
        guard !sources.isEmpty else { throw .invalid(field: "sourceCatalogIds", reason: "name at least one source catalog outcome") }
        guard sources.count <= 10 else { throw .invalid(field: "sourceCatalogIds", reason: "at most 10 sources") }
        guard Set(sources.map(\.catalogEntryID)).count == sources.count else {
            throw .invalid(field: "sourceCatalogIds", reason: "a source is listed twice")
        }
        guard !sources.contains(where: { $0.catalogEntryID == targetCatalogEntryID }) else {
            throw .invalid(field: "targetCatalogId", reason: "the target cannot also be a source")
        }
        for source in sources {
            if let score = source.minimumScore, !(0...100).contains(score) {
                throw .invalid(field: "minScore", reason: "must be between 0 and 100")
            }
        }
        guard credits.hundredths > 0, credits <= Credits.maximumPerOutcome else {
            throw .invalid(field: "credits", reason: "must be more than 0 and at most \(Credits.maximumPerOutcome)")
        }
        guard (1...100).contains(ratio) else { throw .invalid(field: "ratio", reason: "must be a percentage from 1 to 100") }
        if let from = validFrom, let to = validTo, to < from {
            throw .invalid(field: "validTo", reason: "\(to) is before validFrom \(from)")
        }
    }
}
