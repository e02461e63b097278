import CreditBankCore
import Foundation

extension SQLStorage {
    func application(_ id: ApplicationID) throws -> ConversionApplication? {
        try one("SELECT * FROM conversion_application WHERE id = ?", [id.rawValue]).map(application(from:))
    }

    func applications(withSource outcome: OutcomeID) throws -> [ConversionApplication] {
        try all(
            "SELECT a.* FROM conversion_application a JOIN application_source s ON s.application_id = a.id WHERE s.outcome_id = ? ORDER BY a.id",
            [outcome.rawValue]
        ).map(application(from:))
    }

    func application(certificate document: DocumentID) throws -> ConversionApplication? {
        try one("SELECT * FROM conversion_application WHERE certificate_id = ?", [document.rawValue]).map(application(from:))
    }

    func applications(of learner: LearnerID) throws -> [ConversionApplication] {
        try all("SELECT * FROM conversion_application WHERE learner_id = ? ORDER BY id DESC", [learner.rawValue]).map(application(from:))
    }

    func conversionQueue(status: ConversionStatus, targetInstitution: InstitutionID?) throws -> [ConversionApplication] {
        guard let targetInstitution else {
            return try all("SELECT * FROM conversion_application WHERE status = ? ORDER BY id", [status.rawValue]).map(application(from:))
        }
        return try all(
            """
            SELECT a.* FROM conversion_application a
              LEFT JOIN conversion_rule r ON r.id = a.rule_id
              JOIN catalog_entry t ON t.id = coalesce(r.target_catalog_id, a.case_target_id)
             WHERE a.status = ? AND t.institution_id = ? ORDER BY a.id
            """, [status.rawValue, targetInstitution.rawValue]
        ).map(application(from:))
    }

    func reviews(ofApplication id: ApplicationID) throws -> [ReviewRecord] {
        try all("SELECT * FROM review_record WHERE application_id = ? ORDER BY id", [id.rawValue]).map(ReviewRecord.init)
    }

    func outcomesInUse(_ basis: ConversionBasis, among outcomes: [OutcomeID]) throws -> Set<OutcomeID> {
        guard !outcomes.isEmpty else { return [] }
        let ids = outcomes.map { String($0.rawValue) }.joined(separator: ",")
        let (column, value) =
            switch basis {
            case .rule(let id): ("rule_id", id.rawValue)
            case .caseByCase(let target): ("case_target_id", target.rawValue)
            }
        return Set(
            try values("""
                    SELECT s.outcome_id FROM application_source s JOIN conversion_application a ON a.id = s.application_id
                     WHERE a.\(column) = ? AND a.status IN ('submitted','awaiting-final-review','succeeded') AND s.outcome_id IN (\(ids))
                    """, [value]
            ).map { OutcomeID($0) })
    }

    func usedRuleCounts(of learner: LearnerID) throws -> [OutcomeID: Int] {
        var counts: [OutcomeID: Int] = [:]
        for row in try all(
            """
            SELECT s.outcome_id, count(DISTINCT a.rule_id) AS used FROM application_source s
              JOIN conversion_application a ON a.id = s.application_id
             WHERE a.learner_id = ? AND a.status IN ('submitted','awaiting-final-review','succeeded')
             GROUP BY s.outcome_id
            """, [learner.rawValue])
        {
            counts[OutcomeID(row["outcome_id"])] = row["used"]
        }
        return counts
    }

    func insert(_ application: ConversionApplication) throws -> ConversionApplication {
        var saved = application
        let id = try insert(
            """
            INSERT INTO conversion_application (learner_id, rule_id, case_target_id, status, submitted_at, closed_at,
                                                target_outcome_id, certificate_id)
            VALUES (?,?,?,?,?,?,?,?)
            """,
            [
                application.learnerID.rawValue, application.basis.ruleID?.rawValue, application.basis.caseTargetID?.rawValue,
                application.status.rawValue, application.submittedAt.stored,
                application.closedAt?.stored, application.targetOutcomeID?.rawValue, application.certificateID?.rawValue,
            ])
        for (position, outcome) in application.sourceOutcomeIDs.enumerated() {
            try execute("INSERT INTO application_source (application_id, position, outcome_id) VALUES (?,?,?)", [id, position, outcome.rawValue])
        }
        saved.id = ApplicationID(id)
        return saved
    }

    func update(_ application: ConversionApplication) throws {
        try execute("UPDATE conversion_application SET status = ?, closed_at = ?, target_outcome_id = ?, certificate_id = ? WHERE id = ?", [
                application.status.rawValue, application.closedAt?.stored, application.targetOutcomeID?.rawValue,
                application.certificateID?.rawValue, application.id.rawValue,
            ])
    }

    func insert(_ review: ReviewRecord, application: ApplicationID) throws {
        try insertReview(review, application: application, outcome: nil)
    }

    private func application(from row: SQLRow) throws -> ConversionApplication {
        let id: Int64 = row["id"]
        let basis: ConversionBasis
        if let rule = row["rule_id"] as Int64? {
            basis = .rule(RuleID(rule))
        } else if let target = row["case_target_id"] as Int64? {
            basis = .caseByCase(target: CatalogEntryID(target))
        } else {
            throw CorruptRowError(table: "conversion_application", column: "rule_id", value: "NULL")
        }
        let sources: [Int64] = try values("SELECT outcome_id FROM application_source WHERE application_id = ? ORDER BY position", [id])
        return ConversionApplication(
            id: ApplicationID(id), learnerID: LearnerID(row["learner_id"]), basis: basis,
            sourceOutcomeIDs: sources.map { OutcomeID($0) },
            status: try row.decoded(ConversionStatus.self, "status", in: "conversion_application"), submittedAt: Date(stored: row["submitted_at"]),
            closedAt: (row["closed_at"] as Double?).map(Date.init(stored:)),
            targetOutcomeID: (row["target_outcome_id"] as Int64?).map { OutcomeID($0) },
            certificateID: (row["certificate_id"] as Int64?).map { DocumentID($0) })
    }
}
