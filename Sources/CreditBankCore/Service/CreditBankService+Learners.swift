import Foundation

/// A learner's personal centre: profile, credits and counts (docs/product.md §5 `GET /me`).
public struct LearnerSummary: Sendable {
    public var learner: Learner
    /// Credits over stored outcomes, in all and per category.
    public var totalCredits: Credits
    public var creditsByCategory: [OutcomeCategory: Credits]
    /// Number of outcomes in each status.
    public var outcomeCounts: [OutcomeStatus: Int]
    /// Number of applications in each status.
    public var applicationCounts: [ConversionStatus: Int]
    public var documentCount: Int
}

/// An outcome with its applicable and used rule counts (可转换规则数 / 已用转换规则数).
public struct OutcomeListing: Sendable {
    public var outcome: Outcome
    public var applicableRules: Int
    public var usedRules: Int
}

/// Credit arithmetic over a learner's outcomes.
public enum CreditLedger {
    /// Sum of credits of stored outcomes, in all and per category.
    public static func totals(of outcomes: [Outcome]) -> (total: Credits, byCategory: [OutcomeCategory: Credits]) {
        var byCategory: [OutcomeCategory: Credits] = [:]
        for outcome in outcomes where outcome.status == .stored {
            byCategory[outcome.category, default: .zero] += outcome.countedCredits
        }
        return (byCategory.values.reduce(.zero, +), byCategory)
    }
}

extension CreditBankService {
    /// The learner's personal centre.
    /// - Throws: `.notFound` for an unknown learner.
    public func summary(of learnerID: LearnerID) async throws -> LearnerSummary {
        try await storage.read { db in
            let learner = try db.require(db.learner(learnerID), "learner \(learnerID)")
            let outcomes = try db.outcomes(of: learnerID)
            let totals = CreditLedger.totals(of: outcomes)
            let applications = try db.applications(of: learnerID)
            return LearnerSummary(
                learner: learner, totalCredits: totals.total, creditsByCategory: totals.byCategory,
                outcomeCounts: Dictionary(grouping: outcomes, by: \.status).mapValues(\.count),
                applicationCounts: Dictionary(grouping: applications, by: \.status).mapValues(\.count),
                documentCount: try db.documents(of: learnerID).count)
        }
    }

    /// The learner's outcomes, newest first, each with its applicable and used rule counts.
    public func outcomes(of learnerID: LearnerID) async throws -> [OutcomeListing] {
        let today = clock.today()
        return try await storage.read { db in
            let outcomes = try db.outcomes(of: learnerID)
            let rules = try db.rules(withSourceIn: Set(outcomes.compactMap(\.catalogEntryID))).filter { $0.isApplicable(on: today) }
            let used = try db.usedRuleCounts(of: learnerID)
            return outcomes.map { outcome in
                OutcomeListing(
                    outcome: outcome, applicableRules: rules.filter { $0.accepts(outcome) }.count, usedRules: used[outcome.id] ?? 0)
            }
        }
    }

    /// The names of learners, for staff lists (one read for the whole list).
    public func learnerNames(_ ids: Set<LearnerID>) async throws -> [LearnerID: String] {
        try await storage.read { db in
            try ids.reduce(into: [:]) { names, id in names[id] = try db.learner(id)?.name.value }
        }
    }

    /// Which of `outcomes` the learner has already used under `rule` (one read, for a list).
    public func outcomesUsed(under rule: RuleID, among outcomes: [OutcomeID]) async throws -> Set<OutcomeID> {
        try await storage.read { db in try db.outcomesInUse(.rule(rule), among: outcomes) }
    }

    /// The published rules valid today that `id` (the learner's stored outcome) can serve as a
    /// source of, each with whether the learner has already applied it to this outcome.
    /// - Throws: `.notFound` if the outcome is not theirs.
    public func rules(for id: OutcomeID, of learner: LearnerID) async throws -> [(rule: ConversionRule, used: Bool)] {
        let today = clock.today()
        return try await storage.read { db in
            let outcome = try db.ownOutcome(id, of: learner)
            guard let entry = outcome.catalogEntryID else { return [] }
            let rules = try db.rules(withSourceIn: [entry]).filter { $0.isApplicable(on: today) && $0.accepts(outcome) }
            return try rules.map { rule in (rule, !(try db.outcomesInUse(.rule(rule.id), among: [id]).isEmpty)) }
        }
    }

    /// One of the learner's outcomes with its review records.
    /// - Throws: `.notFound` if it is not theirs.
    public func outcome(_ id: OutcomeID, of learner: LearnerID) async throws -> (Outcome, [ReviewRecord]) {
        try await storage.read { db in (try db.ownOutcome(id, of: learner), try db.reviews(ofOutcome: id)) }
    }

    /// The learner's applications with their review records, newest first.
    public func applications(of learner: LearnerID) async throws -> [ApplicationRecord] {
        try await storage.read { db in
            try db.applications(of: learner).map {
                ApplicationRecord(application: $0, reviews: try db.reviews(ofApplication: $0.id), terms: try ConversionTerms(of: $0, in: db))
            }
        }
    }

    /// One application with its review records, for its owner (`learner`) or staff (`nil`).
    /// - Throws: `.notFound` if it is someone else's.
    public func application(_ id: ApplicationID, for learner: LearnerID?) async throws -> (ConversionApplication, [ReviewRecord]) {
        try await storage.read { db in
            let application = try db.require(db.application(id), "conversion application \(id)")
            if let learner, application.learnerID != learner { throw CreditBankError.notFound("conversion application \(id)") }
            return (application, try db.reviews(ofApplication: id))
        }
    }

    /// The learner's messages, newest first.
    public func messages(of learner: LearnerID) async throws -> [Message] {
        try await storage.read { db in try db.messages(of: learner) }
    }

    /// Sets the language the learner's documents are issued in from now on.
    /// - Throws: `.invalid` naming `language` for anything but zh or en.
    public func setDocumentLanguage(_ text: String, for learner: LearnerID) async throws -> DocumentLanguage {
        guard let language = DocumentLanguage(rawValue: text) else {
            throw CreditBankError.invalid(field: "language", reason: "must be zh or en")
        }
        try await storage.write { db in try db.setDocumentLanguage(language, of: learner) }
        return language
    }

    /// Changes the learner's phone (the sign-in name) after the caller checked their password.
    /// - Throws: `.invalid` naming `phone`, `.conflict` when another account has the number.
    public func changePhone(_ text: String, for learner: LearnerID) async throws -> PhoneNumber {
        let phone = try PhoneNumber(text)
        let now = clock.now()
        try await storage.write { db in
            if let holder = try db.learner(phone: phone.value) {
                guard holder.id != learner else { throw CreditBankError.invalid(field: "phone", reason: "is already your phone number") }
                throw CreditBankError.conflict("phone \(phone.masked) belongs to another account")
            }
            try db.setPhone(phone, of: learner)
            _ = try db.insert(Message(id: 0, learnerID: learner, text: "您的手机号已改为 \(phone.masked)，请用新号码登录。", createdAt: now))
        }
        return phone
    }

    /// Marks every unread message of the learner read; returns how many there were.
    @discardableResult
    public func markMessagesRead(of learner: LearnerID) async throws -> Int {
        let now = clock.now()
        return try await storage.write { db in try db.markMessagesRead(of: learner, at: now) }
    }

    /// Reports an error in an outcome that an institution or the bank created.
    /// - Throws: `.notFound` if not the learner's, `.conflict` for the learner's own entries, `.invalid` for empty fields.
    public func reportProblem(
        outcome id: OutcomeID, problems: [String], description: String, attachment: [UInt8]? = nil, for learner: LearnerID
    ) async throws -> Feedback {
        guard !problems.isEmpty, problems.count <= 10 else {
            throw CreditBankError.invalid(field: "problems", reason: "name 1 to 10 problems")
        }
        let problems = try problems.map { try Text.require($0, field: "problems", max: 50) }
        let description = try Text.requireLines(description, field: "description", max: 2000)
        let now = clock.now()
        var stored: Feedback.Attachment?
        if let attachment, !attachment.isEmpty {
            // Seed 002 §4: the feedback file is a PDF.
            _ = try Self.uploadFormat(attachment, accepted: [.pdf], what: "a PDF file")
            let hash = Self.sha256(attachment)
            try await storage.read { db in _ = try db.ownOutcome(id, of: learner) }
            try evidenceFiles.store(attachment, sha256: hash)
            stored = Feedback.Attachment(sha256: hash, byteCount: attachment.count)
        }
        let attached = stored
        return try await storage.write { db in
            let outcome = try db.ownOutcome(id, of: learner)
            guard outcome.source == .institution || outcome.source == .bank || outcome.source == .conversion else {
                throw CreditBankError.conflict("feedback is for outcomes an institution or the bank created; edit your own entries instead")
            }
            return try db.insert(
                Feedback(
                    id: 0, learnerID: learner, outcomeID: id, problems: problems, description: description, status: .open, createdAt: now,
                    attachment: attached))
        }
    }

    /// The PDF attached to a report, for its learner or staff who may answer it.
    /// - Throws: `.notFound` when there is none or the caller may not see it.
    public func feedbackAttachment(_ id: FeedbackID, for caller: Principal) async throws -> [UInt8] {
        let attachment = try await storage.read { db -> Feedback.Attachment in
            let report = try db.require(db.feedback(id), "feedback \(id)")
            let outcome = try db.require(db.outcome(report.outcomeID), "outcome")
            switch caller {
            case .learner(let learner): if learner.id != report.learnerID { throw CreditBankError.notFound("feedback \(id)") }
            case .staff(let staff):
                if case .institution(let own) = staff.role, own != outcome.institutionID { throw CreditBankError.notFound("feedback \(id)") }
            }
            return try db.require(report.attachment, "attachment of feedback \(id)")
        }
        guard let bytes = try evidenceFiles.bytes(sha256: attachment.sha256) else {
            throw CreditBankError.notFound("attachment of feedback \(id)")
        }
        return bytes
    }

    /// The learner's feedback reports.
    public func feedback(of learner: LearnerID) async throws -> [Feedback] {
        try await storage.read { db in try db.feedback(of: learner) }
    }
}
