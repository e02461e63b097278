import Foundation

extension CreditBankService {
    /// Most outcomes on one proof.
    public static let maximumOutcomesPerProof = 50

    /// Issues an outcome proof (学习成果证明) of the learner's stored outcomes, optionally valid for
    /// 1–6 months. Rendered outside the transaction; stored with a message to the learner in one.
    /// - Throws: `.invalid` (outcomeIds, validityMonths) — including an outcome that is not stored
    ///   (registered, waiting or not recognised outcomes cannot be certified); `.notFound` for an
    ///   outcome that is not the learner's.
    public func issueOutcomeProof(
        outcomeIDs: [OutcomeID], validityMonths: Int?, language: DocumentLanguage = .zh, for learnerID: LearnerID
    ) async throws -> IssuedDocument {
        guard !outcomeIDs.isEmpty, outcomeIDs.count <= Self.maximumOutcomesPerProof else {
            throw CreditBankError.invalid(field: "outcomeIds", reason: "name 1 to \(Self.maximumOutcomesPerProof) outcomes")
        }
        guard Set(outcomeIDs).count == outcomeIDs.count else {
            throw CreditBankError.invalid(field: "outcomeIds", reason: "names an outcome twice")
        }
        try Self.validate(validityMonths: validityMonths)
        let now = clock.now()
        let expiresAt = validityMonths.map { Self.adding(months: $0, to: now) }
        let subtypes = self.subtypes
        let settings = self.settings
        let snapshot = try await storage.read { db in
            let learner = try db.require(db.learner(learnerID), "learner \(learnerID)")
            let outcomes = try Self.certifiable(outcomeIDs, of: learnerID, in: db)
            return Self.proofSnapshot(
                learner: learner, outcomes: outcomes, issuedAt: now, expiresAt: expiresAt, settings: settings, subtypes: subtypes)
        }
        let prepared = try await prepare(kind: .outcomeProof, language: language, snapshot: snapshot, at: now, expiresAt: expiresAt)
        let document = try await storage.write { db in
            _ = try Self.certifiable(outcomeIDs, of: learnerID, in: db)
            let document = try store(prepared, holder: learnerID, in: db)
            _ = try db.insert(
                Message(
                    id: 0, learnerID: learnerID, text: "您的学习成果证明已开具（验证码 \(document.code.formatted)）。", createdAt: now,
                    subject: .document(document.id)))
            return document
        }
        return document
    }

    /// The learner's outcomes in the order named, each stored.
    static func certifiable(_ ids: [OutcomeID], of learner: LearnerID, in db: any StorageReading) throws -> [Outcome] {
        try ids.map { id in
            let outcome = try db.ownOutcome(id, of: learner)
            guard outcome.status == .stored else {
                throw CreditBankError.invalid(
                    field: "outcomeIds",
                    reason:
                        "outcome \(id) is \(outcome.status.chineseName) (\(outcome.status.rawValue)); only stored outcomes can be certified"
                )
            }
            return outcome
        }
    }

    /// Checks a validity period chosen by the learner (1–6 months, or none).
    static func validate(validityMonths: Int?) throws(CreditBankError) {
        if let months = validityMonths, !(1...6).contains(months) {
            throw .invalid(field: "validityMonths", reason: "must be 1 to 6 (or left out for no expiry)")
        }
    }

    /// The printed validity lines, Chinese and English.
    static func validityTexts(_ expiresAt: Date?) -> (validUntil: String, zh: String, en: String) {
        guard let expiresAt else { return ("", "长期有效", "Does not expire") }
        let day = LocalDate(expiresAt)
        return (day.description, "有效期至 \(day.year)年\(day.month)月\(day.day)日", "Valid until \(day)")
    }

    static func adding(months: Int, to date: Date) -> Date {
        Calendar.chinaStandard.date(byAdding: .month, value: months, to: date) ?? date.addingTimeInterval(Double(months) * 30 * 86_400)
    }

    static func proofSnapshot(
        learner: Learner, outcomes: [Outcome], issuedAt: Date, expiresAt: Date?, settings: Settings, subtypes: SubtypeRegistry
    ) -> OutcomeProofSnapshot {
        let validity = validityTexts(expiresAt)
        let items = outcomes.enumerated().map { index, outcome in
            let subtype = try? subtypes.subtype(outcome.subtype, in: outcome.category)
            return OutcomeProofSnapshot.Item(
                index: String(index + 1), name: outcome.name, category: outcome.category.chineseName,
                categoryEn: outcome.category.englishName,
                subtype: subtype?.chineseName ?? outcome.subtype, subtypeEn: subtype?.englishName ?? outcome.subtype,
                issuer: outcome.issuer,
                certificateNumber: outcome.certificateNumber ?? "—", obtainedOn: outcome.obtainedOn.description,
                score: outcome.score?.formatted ?? "—", hours: outcome.hours.map(String.init) ?? "—",
                credits: outcome.countedCredits.description, source: outcome.source.chineseName, sourceEn: outcome.source.englishName)
        }
        let total = outcomes.map(\.countedCredits).reduce(.zero, +)
        return OutcomeProofSnapshot(
            code: "", verifyUrl: "", verifyBase: settings.verifyBase, issuedAt: SnapshotCoding.timestamp(issuedAt),
            validUntil: validity.validUntil,
            validityZh: "本证明" + validity.zh, validityEn: "This proof: " + validity.en.lowercased() + ".",
            issuer: .init(name: settings.issuerName, nameEn: settings.issuerNameEn),
            holder: DocumentHolder(learner),
            outcomes: items, count: String(items.count), totalCredits: total.description)
    }
}
