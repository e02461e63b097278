import Foundation

extension CreditBankService {
    /// Issues the learner's lifelong-learning transcript (终身学习档案): every outcome grouped by
    /// category with status, source, date and credits, totals, and every conversion. The new
    /// transcript supersedes the learner's earlier valid ones in the same transaction.
    /// - Throws: `.invalid` (validityMonths), `.notFound` (learner).
    public func issueTranscript(validityMonths: Int?, language: DocumentLanguage = .zh, for learnerID: LearnerID) async throws
        -> IssuedDocument
    {
        try Self.validate(validityMonths: validityMonths)
        let now = clock.now()
        let expiresAt = validityMonths.map { Self.adding(months: $0, to: now) }
        let subtypes = self.subtypes
        let settings = self.settings
        let snapshot = try await storage.read { db in
            let learner = try db.require(db.learner(learnerID), "learner \(learnerID)")
            let applications = try db.applications(of: learnerID).map { application in
                (application, try ConversionTerms(of: application, in: db))
            }
            return Self.transcriptSnapshot(
                learner: learner, outcomes: try db.outcomes(of: learnerID), applications: applications, issuedAt: now, expiresAt: expiresAt,
                settings: settings, subtypes: subtypes)
        }
        let prepared = try await prepare(kind: .transcript, language: language, snapshot: snapshot, at: now, expiresAt: expiresAt)
        let (document, superseded) = try await storage.write { db in
            let document = try store(prepared, holder: learnerID, in: db)
            var superseded: [VerificationCode] = []
            for var earlier in try db.documents(of: learnerID)
            where earlier.kind == .transcript && earlier.id != document.id && earlier.supersededBy == nil && earlier.revocation == nil {
                earlier.supersededBy = document.id
                try db.updateStatus(of: earlier)
                superseded.append(earlier.code)
            }
            _ = try db.insert(
                Message(id: 0, learnerID: learnerID, text: "您的终身学习档案已开具（验证码 \(document.code.formatted)）。", createdAt: now,
                    subject: .document(document.id)))
            return (document, superseded)
        }
        for code in superseded { verificationCache.evict(code) }
        return document
    }

    static func transcriptSnapshot(
        learner: Learner, outcomes: [Outcome], applications: [(ConversionApplication, ConversionTerms)], issuedAt: Date, expiresAt: Date?,
        settings: Settings, subtypes: SubtypeRegistry
    ) -> TranscriptSnapshot {
        let categories = OutcomeCategory.allCases
        let ordered = outcomes.sorted {
            let (a, b) = (categories.firstIndex(of: $0.category) ?? 0, categories.firstIndex(of: $1.category) ?? 0)
            return (a, $0.obtainedOn, $0.id) < (b, $1.obtainedOn, $1.id)
        }
        let totalsByCategory = Dictionary(grouping: ordered, by: \.category).mapValues { rows in
            let category = rows[0].category
            return TranscriptSnapshot.Total(
                category: category.chineseName, categoryEn: category.englishName, count: String(rows.count),
                stored: String(rows.filter { $0.status == .stored }.count), credits: CreditLedger.totals(of: rows).total.description)
        }
        let totals = categories.compactMap { totalsByCategory[$0] }
        let items = ordered.enumerated().map { index, outcome in
            let subtype = try? subtypes.subtype(outcome.subtype, in: outcome.category)
            let total = totalsByCategory[outcome.category]
            return TranscriptSnapshot.Item(
                index: String(index + 1), name: outcome.name, category: outcome.category.rawValue,
                group: "\(outcome.category.chineseName)（\(total?.count ?? "") 项，存储学分 \(total?.credits ?? "")）",
                groupEn: "\(outcome.category.englishName) (\(total?.count ?? "") outcomes, \(total?.credits ?? "") stored credits)",
                subtype: subtype?.chineseName ?? outcome.subtype, subtypeEn: subtype?.englishName ?? outcome.subtype,
                issuer: outcome.issuer,
                obtainedOn: outcome.obtainedOn.description, status: outcome.status.chineseName, statusEn: outcome.status.englishName,
                source: outcome.source.chineseName, sourceEn: outcome.source.englishName,
                credits: outcome.status == .stored ? outcome.countedCredits.description : "—")
        }
        let conversions = applications.sorted { $0.0.id < $1.0.id }.map { application, terms in
            TranscriptSnapshot.Conversion(
                number: application.number, ruleCode: terms.rule?.code ?? "个案认定",
                ruleName: terms.rule?.name ?? "\(terms.target.name)（个案认定）",
                status: application.status.chineseName,
                statusEn: application.status.englishName, submittedOn: LocalDate(application.submittedAt).description,
                closedOn: application.closedAt.map { LocalDate($0).description } ?? "—",
                credits: application.status == .succeeded ? terms.grantedCredits.description : "—")
        }
        let validity = validityTexts(expiresAt)
        return TranscriptSnapshot(
            code: "", verifyUrl: "", verifyBase: settings.verifyBase, issuedAt: SnapshotCoding.timestamp(issuedAt),
            validUntil: validity.validUntil, validityZh: "本档案" + validity.zh,
            validityEn: "This transcript: " + validity.en.lowercased() + ".",
            issuer: .init(name: settings.issuerName, nameEn: settings.issuerNameEn),
            holder: DocumentHolder(learner),
            outcomes: items, totals: totals, outcomeCount: String(items.count),
            totalCredits: CreditLedger.totals(of: outcomes).total.description,
            conversions: conversions)
    }
}
