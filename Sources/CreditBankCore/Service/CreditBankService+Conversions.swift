import Foundation

extension CreditBankService {
    /// Submits a conversion application after every check of `ConversionEligibility`.
    /// - Throws: `.notFound` (rule or outcome not the learner's), `.conflict` (rule not valid,
    ///   outcome not stored or already used), `.invalid` (outcomes do not match the rule).
    public func submitConversion(outcomeIDs: [OutcomeID], ruleID: RuleID, for learner: LearnerID) async throws -> ConversionApplication {
        let now = clock.now()
        guard !outcomeIDs.isEmpty else { throw CreditBankError.invalid(field: "outcomeIds", reason: "name at least one outcome") }
        return try await storage.write { db in
            let rule = try db.require(db.rule(ruleID), "rule \(ruleID)")
            guard rule.published else { throw CreditBankError.notFound("rule \(ruleID)") }
            let outcomes = try outcomeIDs.map { try db.ownOutcome($0, of: learner) }
            let used = try db.outcomesInUse(.rule(ruleID), among: outcomeIDs)
            let ordered = try ConversionEligibility.check(
                rule: rule, learner: learner, outcomes: outcomes, usedOutcomeIDs: used, today: LocalDate(now))
            let application = try db.insert(
                ConversionApplication(
                    id: 0, learnerID: learner, basis: .rule(ruleID), sourceOutcomeIDs: ordered, status: .submitted, submittedAt: now))
            _ = try db.insert(
                Message(id: 0, learnerID: learner, text: "转换申请 \(application.number)（规则 \(rule.code)）已提交，等待初审。", createdAt: now,
                    subject: .application(application.id)))
            return application
        }
    }

    /// Submits a case-by-case application (manual 001 §五): one recognised 业绩类 outcome of the
    /// learner's, converted to a catalog entry the learner picked; the target institution's reviewers
    /// and the experts decide it in the same two stages as a rule's.
    /// - Throws: `.notFound` (outcome not the learner's, target unknown), `.conflict` (outcome not
    ///   stored, or already offered for this target), `.invalid` (outcome not 业绩类).
    public func submitCaseConversion(outcomeID: OutcomeID, target: CatalogEntryID, for learner: LearnerID) async throws
        -> ConversionApplication
    {
        let now = clock.now()
        return try await storage.write { db in
            let outcome = try db.ownOutcome(outcomeID, of: learner)
            let entry = try db.require(db.catalogEntry(target), "catalog entry \(target)")
            let used = try db.outcomesInUse(.caseByCase(target: target), among: [outcomeID])
            try ConversionEligibility.checkCase(outcome: outcome, target: entry, alreadyOffered: !used.isEmpty)
            let application = try db.insert(
                ConversionApplication(
                    id: 0, learnerID: learner, basis: .caseByCase(target: target), sourceOutcomeIDs: [outcomeID], status: .submitted,
                    submittedAt: now))
            _ = try db.insert(
                Message(
                    id: 0, learnerID: learner, text: "转换申请 \(application.number)（个案认定：\(outcome.name) → \(entry.name)）已提交，等待初审。",
                    createdAt: now, subject: .application(application.id)))
            return application
        }
    }

    /// Withdraws an application before initial review.
    /// - Throws: `.notFound` if not the learner's, `.conflict` after initial review.
    public func withdrawConversion(_ id: ApplicationID, for learner: LearnerID) async throws -> ConversionApplication {
        let now = clock.now()
        return try await storage.write { db in
            var application = try db.require(db.application(id), "conversion application \(id)")
            guard application.learnerID == learner else { throw CreditBankError.notFound("conversion application \(id)") }
            let target = try targetInstitution(of: application, in: db)
            let effects = try ConversionWorkflow.handle(
                .withdraw, by: .learner(learner), status: application.status, applicationOwner: application.learnerID,
                targetInstitution: target)
            application.status = effects.newStatus
            application.closedAt = now
            try db.update(application)
            _ = try db.insert(Message(id: 0, learnerID: learner, text: "转换申请 \(application.number)：\(effects.message)", createdAt: now,
                    subject: .application(application.id)))
            return application
        }
    }

    func targetInstitution(of application: ConversionApplication, in db: any StorageReading) throws -> InstitutionID {
        try ConversionTerms(of: application, in: db).target.institutionID
    }

    /// A reviewer decides the application's current stage. The final approval adds the target
    /// outcome, writes the review record, issues the conversion certificate and messages the
    /// learner, all in one transaction.
    /// - Throws: `.notFound`, `.forbidden` (wrong role or institution for this stage),
    ///   `.conflict` (already decided), `.invalid` (no opinion on a rejection).
    public func reviewConversion(
        _ id: ApplicationID, decision: ReviewRecord.Decision, opinion: String,
        by reviewer: StaffMember
    ) async throws -> ConversionApplication {
        let opinion = try Text.optionalLines(opinion, field: "opinion", max: 1000) ?? ""
        if decision == .reject && opinion.isEmpty {
            throw CreditBankError.invalid(field: "opinion", reason: "say why the application is rejected")
        }
        // Decide first on a read; render the certificate outside the write lock if it will be issued.
        let planned = try await storage.read { db in
            let application = try db.require(db.application(id), "conversion application \(id)")
            let target = try targetInstitution(of: application, in: db)
            if case .institution(let own) = reviewer.role, own != target, application.status == .submitted {
                throw CreditBankError.notFound("conversion application \(id)")
            }
            return try ConversionWorkflow.handle(
                .review(decision), by: .staff(reviewer.role), status: application.status, applicationOwner: application.learnerID,
                targetInstitution: target)
        }
        let now = clock.now()
        var certificate: PreparedDocument?
        if planned.grantsTarget {
            let (snapshot, language) = try await storage.read { db in
                let snapshot = try certificateSnapshot(for: id, approvedAt: now, in: db)
                let application = try db.require(db.application(id), "conversion application \(id)")
                return (snapshot, try db.require(db.learner(application.learnerID), "learner").documentLanguage)
            }
            do {
                // In the learner's document language (docs/product.md §3).
                certificate = try await prepare(kind: .conversionCertificate, language: language, snapshot: snapshot, at: now)
            } catch CreditBankError.conflict(let why) {
                throw CreditBankError.conflict(
                    "\(why). Nothing was changed: application \(id) still awaits final review; correct the data and approve again")
            }
        }
        let prepared = certificate
        return try await storage.write { db in
            var application = try db.require(db.application(id), "conversion application \(id)")
            let target = try targetInstitution(of: application, in: db)
            let effects = try ConversionWorkflow.handle(
                .review(decision), by: .staff(reviewer.role), status: application.status, applicationOwner: application.learnerID,
                targetInstitution: target)
            guard effects == planned else {
                throw CreditBankError.conflict("the application changed while it was being reviewed; try again")
            }
            application.status = effects.newStatus
            if effects.closes { application.closedAt = now }
            try db.insert(
                ReviewRecord(
                    stage: effects.reviewStage!, decision: decision, reviewerID: reviewer.id, reviewerName: reviewer.displayName,
                    opinion: opinion, decidedAt: now),
                application: id)
            if effects.grantsTarget, let prepared {
                let outcome = try grantTarget(of: application, at: now, in: db)
                application.targetOutcomeID = outcome.id
                application.certificateID = try store(prepared, holder: application.learnerID, in: db).id
            }
            try db.update(application)
            try db.insert(
                AuditEntry(
                    at: now, by: reviewer, effects.reviewStage == .final ? .finalReview : .initialReview, "application \(application.number)",
                    "\(decision == .approve ? "approved" : "rejected")\(opinion.isEmpty ? "" : ": \(opinion)")"
                        + (application.certificateID.map { ", certificate issued (document \($0))" } ?? "")))
            let suffix = opinion.isEmpty ? "" : "审核意见：\(opinion)"
            _ = try db.insert(
                Message(
                    id: 0, learnerID: application.learnerID, text: "转换申请 \(application.number)：\(effects.message)\(suffix)", createdAt: now,
                    subject: .application(application.id))
            )
            return application
        }
    }

    /// Adds the target outcome to the learner: stored, source conversion, credits × ratio.
    func grantTarget(of application: ConversionApplication, at now: Date, in db: any StorageWriting) throws -> Outcome {
        let terms = try ConversionTerms(of: application, in: db)
        let entry = terms.target
        let institution = try db.require(db.institution(entry.institutionID), "institution")
        return try db.insert(
            Outcome(
                id: 0, learnerID: application.learnerID, catalogEntryID: entry.id, institutionID: institution.id, category: entry.category,
                subtype: entry.subtype, name: entry.name, issuer: institution.name, obtainedOn: LocalDate(now), hours: entry.hours,
                originalCredits: entry.credits, credits: terms.grantedCredits, status: .stored, source: .conversion,
                createdAt: now))
    }

    /// Every field printed on the certificate of application `id`, as approved at `approvedAt`.
    func certificateSnapshot(for id: ApplicationID, approvedAt: Date, in db: any StorageReading) throws -> ConversionCertificateSnapshot {
        let application = try db.require(db.application(id), "conversion application \(id)")
        let learner = try db.require(db.learner(application.learnerID), "learner")
        let terms = try ConversionTerms(of: application, in: db)
        let target = terms.target
        let targetInstitution = try db.require(db.institution(target.institutionID), "institution")
        let subtype = subtypes.subtype(code: target.subtype)
        let sources = try application.sourceOutcomeIDs.map { outcomeID in
            let outcome = try db.require(db.outcome(outcomeID), "outcome \(outcomeID)")
            let entry = try outcome.catalogEntryID.flatMap { try db.catalogEntry($0) }
            return ConversionCertificateSnapshot.Source(
                name: outcome.name, code: entry?.code ?? outcome.certificateNumber ?? "—", score: outcome.score?.formatted ?? "—",
                hours: outcome.hours.map(String.init) ?? "—", credits: (outcome.originalCredits ?? outcome.credits)?.description ?? "—",
                institution: outcome.issuer)
        }
        return ConversionCertificateSnapshot(
            code: "", verifyUrl: "", verifyBase: settings.verifyBase, issuedAt: SnapshotCoding.timestamp(approvedAt),
            issuer: .init(name: settings.issuerName, nameEn: settings.issuerNameEn),
            applicant: .init(name: learner.name.value, idMasked: learner.idNumber.masked),
            rule: .init(code: terms.rule?.code ?? "", name: terms.rule?.name ?? ""), sources: sources,
            target: .init(
                name: target.name, code: target.code, category: target.category.chineseName, categoryEn: target.category.englishName,
                subtype: subtype?.chineseName ?? target.subtype, subtypeEn: subtype?.englishName ?? target.subtype,
                institution: targetInstitution.name, credits: terms.grantedCredits.description),
            application: .init(
                number: application.number, submittedOn: LocalDate(application.submittedAt).description,
                approvedOn: LocalDate(approvedAt).description),
            caseByCase: terms.rule == nil ? ConversionCertificateSnapshot.caseByCaseNote : nil)
    }
}
