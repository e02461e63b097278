import Foundation

/// The fields of an outcome entered by hand (手动录入), or its edits.
public struct ManualOutcome: Sendable {
    public var category: String
    public var subtype: String
    public var name: String
    public var issuer: String
    /// Code of the issuing institution when it is one of the bank's (its reviewers then review recognition).
    public var institutionCode: String?
    public var certificateNumber: String?
    public var obtainedOn: String
    public var score: Double?
    public var hours: Int?
    public var credits: Credits?
    public var attributes: [String: String]

    /// Creates an unvalidated manual outcome.
    public init(
        category: String, subtype: String, name: String, issuer: String, institutionCode: String? = nil, certificateNumber: String? = nil,
        obtainedOn: String, score: Double? = nil, hours: Int? = nil, credits: Credits? = nil, attributes: [String: String] = [:]
    ) {
        self.category = category
        self.subtype = subtype
        self.name = name
        self.issuer = issuer
        self.institutionCode = institutionCode
        self.certificateNumber = certificateNumber
        self.obtainedOn = obtainedOn
        self.score = score
        self.hours = hours
        self.credits = credits
        self.attributes = attributes
    }
}

/// What a learner adds from the catalog (选择已有): stored at once with the catalog's credits.
public struct CatalogChoice: Sendable {
    public var catalogEntryID: CatalogEntryID
    public var obtainedOn: String?
    public var score: Double?
    public var certificateNumber: String?
    /// Creates a choice.
    public init(catalogEntryID: CatalogEntryID, obtainedOn: String? = nil, score: Double? = nil, certificateNumber: String? = nil) {
        self.catalogEntryID = catalogEntryID
        self.obtainedOn = obtainedOn
        self.score = score
        self.certificateNumber = certificateNumber
    }
}

extension CreditBankService {
    static func validScore(_ score: Double?) throws(CreditBankError) -> Double? {
        guard let score else { return nil }
        guard score.isFinite, (0...100).contains(score) else { throw .invalid(field: "score", reason: "must be between 0 and 100") }
        return score
    }

    static func obtainedDate(_ text: String?, today: LocalDate) throws(CreditBankError) -> LocalDate {
        guard let text else { return today }
        guard let date = LocalDate(text) else { throw .invalid(field: "obtainedOn", reason: "'\(text)' is not a yyyy-MM-dd date") }
        guard date <= today else { throw .invalid(field: "obtainedOn", reason: "\(date) is in the future") }
        return date
    }

    /// Adds a catalog outcome to the learner: stored at once with the catalog's credits.
    /// - Throws: `.notFound` for an unknown entry or learner, `.invalid` for score or date,
    ///   `.conflict` naming the learner's outcome when the same entry is already theirs with the same
    ///   certificate number (or with none, on the same date): credits count once.
    public func addOutcome(_ choice: CatalogChoice, for learner: LearnerID) async throws -> Outcome {
        let now = clock.now()
        let score = try Self.validScore(choice.score)
        let obtained = try Self.obtainedDate(choice.obtainedOn, today: LocalDate(now))
        let number = try Text.optional(choice.certificateNumber, field: "certificateNumber", max: 60)
        try requirePrintable(number, field: "certificateNumber")
        return try await storage.write { db in
            _ = try db.require(db.learner(learner), "learner \(learner)")
            let entry = try db.require(db.catalogEntry(choice.catalogEntryID), "catalog entry \(choice.catalogEntryID)")
            let institution = try db.require(db.institution(entry.institutionID), "institution")
            if let twin = try db.outcomes(of: learner).first(where: { $0.isSameAchievement(as: entry.id, number: number, on: obtained) }) {
                let which = number.map { "certificate number \($0)" } ?? "no certificate number and the date \(obtained)"
                throw CreditBankError.conflict(
                    "“\(entry.name)” with \(which) is already your outcome \(twin.id); the same achievement counts its credits once")
            }
            var attributes: [String: String] = [:]
            if let major = entry.major, subtypes.subtype(code: entry.subtype)?.fields.contains(where: { $0.key == "major" }) == true {
                attributes["major"] = major
            }
            let outcome = Outcome(
                id: 0, learnerID: learner, catalogEntryID: entry.id, institutionID: institution.id, category: entry.category,
                subtype: entry.subtype,
                name: entry.name, issuer: institution.name, certificateNumber: number, obtainedOn: obtained, score: score,
                hours: entry.hours,
                originalCredits: entry.credits, credits: entry.credits, status: .stored, source: .learner, attributes: attributes,
                createdAt: now)
            let saved = try db.insert(outcome)
            _ = try db.insert(Message(id: 0, learnerID: learner, text: "成果“\(entry.name)”已存储，计 \(entry.credits) 学分。", createdAt: now, subject: .outcome(saved.id)))
            return saved
        }
    }

    /// Checks manual fields and resolves the institution, inside a transaction.
    func validate(_ manual: ManualOutcome, in db: any StorageReading, now: Date) throws -> (Outcome, Institution?) {
        let category = try OutcomeCategory(parsing: manual.category)
        let subtype = try subtypes.subtype(manual.subtype, in: category)
        try subtype.validate(attributes: manual.attributes)
        for (key, value) in manual.attributes.sorted(by: { $0.key < $1.key }) {
            try requirePrintable(value, field: "attributes.\(key)")
        }
        if let hours = manual.hours, !(0...100_000).contains(hours) {
            throw CreditBankError.invalid(field: "hours", reason: "must be 0 to 100000")
        }
        if let credits = manual.credits, credits > Credits.maximumPerOutcome {
            throw CreditBankError.invalid(field: "credits", reason: "at most \(Credits.maximumPerOutcome)")
        }
        var institution: Institution?
        if let code = manual.institutionCode, !code.isEmpty {
            guard let found = try db.institution(code: code) else {
                throw CreditBankError.invalid(field: "institutionCode", reason: "no institution has the code '\(code)'")
            }
            institution = found
        }
        let name = try Text.require(manual.name, field: "name", max: 200)
        let issuer = try Text.require(manual.issuer, field: "issuer", max: 100)
        let number = try Text.optional(manual.certificateNumber, field: "certificateNumber", max: 60)
        for (value, field) in [(name, "name"), (issuer, "issuer"), (number, "certificateNumber")] {
            try requirePrintable(value, field: field)
        }
        let outcome = Outcome(
            id: 0, learnerID: 0, institutionID: institution?.id, category: category, subtype: subtype.code,
            name: name, issuer: issuer, certificateNumber: number,
            obtainedOn: try Self.obtainedDate(manual.obtainedOn, today: LocalDate(now)), score: try Self.validScore(manual.score),
            hours: manual.hours,
            originalCredits: manual.credits, credits: nil, status: .registered, source: .learner, attributes: manual.attributes,
            createdAt: now)
        return (outcome, institution)
    }

    /// Registers an outcome entered by hand; it stays registered until recognised.
    /// - Throws: `.invalid` naming the field, `.notFound` for an unknown institution.
    public func addOutcome(_ manual: ManualOutcome, for learner: LearnerID) async throws -> Outcome {
        let now = clock.now()
        return try await storage.write { db in
            _ = try db.require(db.learner(learner), "learner \(learner)")
            var (outcome, _) = try validate(manual, in: db, now: now)
            outcome.learnerID = learner
            outcome.createdAt = now
            return try db.insert(outcome)
        }
    }

    /// A learner's outcome as editable fields (the base a partial edit is laid over).
    /// - Throws: `.notFound` if not the learner's.
    public func editableFields(of id: OutcomeID, for learner: LearnerID) async throws -> ManualOutcome {
        try await storage.read { db in
            let outcome = try db.ownOutcome(id, of: learner)
            return ManualOutcome(
                category: outcome.category.rawValue, subtype: outcome.subtype, name: outcome.name, issuer: outcome.issuer,
                institutionCode: try outcome.institutionID.flatMap { try db.institution($0)?.code },
                certificateNumber: outcome.certificateNumber,
                obtainedOn: outcome.obtainedOn.description, score: outcome.score, hours: outcome.hours, credits: outcome.originalCredits,
                attributes: outcome.attributes)
        }
    }

    /// Replaces a registered outcome's fields.
    /// - Throws: `.notFound` if not the learner's, `.conflict` unless registered, `.invalid` naming the field.
    public func editOutcome(_ id: OutcomeID, with manual: ManualOutcome, for learner: LearnerID) async throws -> Outcome {
        let now = clock.now()
        return try await storage.write { db in
            let existing = try db.ownOutcome(id, of: learner)
            _ = try OutcomeLifecycle.handle(.edit, in: existing.status)
            var (edited, _) = try validate(manual, in: db, now: now)
            edited.id = existing.id
            edited.learnerID = learner
            edited.createdAt = existing.createdAt
            try db.update(edited)
            return edited
        }
    }

    /// Deletes a registered outcome.
    /// - Throws: `.notFound` if not the learner's, `.conflict` unless registered.
    public func deleteOutcome(_ id: OutcomeID, for learner: LearnerID) async throws {
        try await storage.write { db in
            let existing = try db.ownOutcome(id, of: learner)
            _ = try OutcomeLifecycle.handle(.delete, in: existing.status)
            try db.delete(id)
        }
    }

    /// Asks the issuing institution (or the bank) to recognise a registered outcome.
    /// - Throws: `.notFound` if not the learner's, `.conflict` unless registered.
    public func requestRecognition(_ id: OutcomeID, for learner: LearnerID) async throws -> Outcome {
        let now = clock.now()
        return try await storage.write { db in
            var outcome = try db.ownOutcome(id, of: learner)
            guard case .transition(let status, _, _) = try OutcomeLifecycle.handle(.requestRecognition, in: outcome.status) else {
                preconditionFailure("requestRecognition always transitions")
            }
            // The subtype's evidence list (manual 001 证明材料清单) must be answered by a file first.
            if let subtype = subtypes.subtype(code: outcome.subtype), subtype.needsEvidence, try db.evidence(of: .outcome(id)).isEmpty {
                let needed = subtype.evidence.filter(\.required).map(\.label).joined(separator: "、")
                throw CreditBankError.conflict("upload the evidence first (\(needed)): a recognition is decided on it")
            }
            outcome.status = status
            try db.update(outcome)
            _ = try db.insert(Message(id: 0, learnerID: learner, text: "成果“\(outcome.name)”已提交认定申请。", createdAt: now, subject: .outcome(outcome.id)))
            return outcome
        }
    }

    /// A reviewer decides a recognition: approve with credits (→ stored) or reject (→ not recognised, kept).
    /// - Throws: `.notFound`, `.forbidden` (another institution's outcome, or an expert), `.conflict`
    ///   (not waiting for recognition), `.invalid` (no credits on approval, empty opinion on rejection).
    public func reviewRecognition(
        _ id: OutcomeID, decision: ReviewRecord.Decision, opinion: String, credits: Credits?,
        by reviewer: StaffMember
    ) async throws -> Outcome {
        let now = clock.now()
        let opinion = try Text.optionalLines(opinion, field: "opinion", max: 1000) ?? ""
        if decision == .reject && opinion.isEmpty {
            throw CreditBankError.invalid(field: "opinion", reason: "say why the outcome is not recognised")
        }
        return try await storage.write { db in
            var outcome = try db.require(db.outcome(id), "outcome \(id)")
            switch reviewer.role {
            case .admin: break
            case .institution(let own):
                guard outcome.institutionID == own else { throw CreditBankError.notFound("outcome \(id)") }
            case .expert: throw CreditBankError.forbidden("experts do not review recognitions")
            }
            let event: OutcomeLifecycle.Event
            if decision == .approve {
                guard let credits, credits.hundredths > 0, credits <= Credits.maximumPerOutcome else {
                    throw CreditBankError.invalid(field: "credits", reason: "an approval sets the bank credits (more than 0)")
                }
                event = .approveRecognition(credits: credits)
            } else {
                event = .rejectRecognition
            }
            guard case .transition(let status, let granted, _) = try OutcomeLifecycle.handle(event, in: outcome.status) else {
                preconditionFailure("a review always transitions")
            }
            outcome.status = status
            outcome.credits = granted
            try db.update(outcome)
            try db.insert(
                ReviewRecord(
                    stage: .recognition, decision: decision, reviewerID: reviewer.id, reviewerName: reviewer.displayName, opinion: opinion,
                    decidedAt: now),
                outcome: id)
            try db.insert(
                AuditEntry(
                    at: now, by: reviewer, .recognition, "outcome \(id) \(outcome.name)",
                    status == .stored ? "approved, \(granted!) credits" : "rejected: \(opinion)"))
            let text = status == .stored ? "成果“\(outcome.name)”已通过认定，计 \(granted!) 学分。" : "成果“\(outcome.name)”未通过认定：\(opinion)"
            _ = try db.insert(Message(id: 0, learnerID: outcome.learnerID, text: text, createdAt: now, subject: .outcome(outcome.id)))
            return outcome
        }
    }
}
