import CreditBankCore
import Foundation

extension SQLStorage {
    func evidence(_ id: EvidenceID) throws -> Evidence? {
        try one("SELECT * FROM evidence WHERE id = ?", [id.rawValue]).map(Evidence.init)
    }

    func evidenceHashes() throws -> Set<String> {
        Set(
            try values("""
                    SELECT sha256 FROM evidence UNION SELECT attachment_sha256 FROM feedback WHERE attachment_sha256 IS NOT NULL
                    UNION SELECT photo_sha256 FROM activation_request
                    """))
    }

    func evidence(of subject: EvidenceSubject) throws -> [Evidence] {
        switch subject {
        case .outcome(let id): try all("SELECT * FROM evidence WHERE outcome_id = ? ORDER BY id", [id.rawValue]).map(Evidence.init)
        case .application(let id): try all("SELECT * FROM evidence WHERE application_id = ? ORDER BY id", [id.rawValue]).map(Evidence.init)
        }
    }

    func insert(_ evidence: Evidence) throws -> Evidence {
        var outcome: Int64?
        var application: Int64?
        switch evidence.subject {
        case .outcome(let id): outcome = id.rawValue
        case .application(let id): application = id.rawValue
        }
        var saved = evidence
        saved.id = EvidenceID(
            try insert(
                "INSERT INTO evidence (learner_id, outcome_id, application_id, format, sha256, byte_count, uploaded_at) VALUES (?,?,?,?,?,?,?)",
                [
                    evidence.learnerID.rawValue, outcome, application, evidence.format.rawValue, evidence.sha256, evidence.byteCount,
                    evidence.uploadedAt.stored,
                ]))
        return saved
    }
}

extension Evidence {
    init(row: SQLRow) throws {
        let outcome: Int64? = row["outcome_id"]
        let application: Int64? = row["application_id"]
        self.init(
            id: EvidenceID(row["id"]), learnerID: LearnerID(row["learner_id"]),
            subject: outcome.map { .outcome(OutcomeID($0)) } ?? .application(ApplicationID(application ?? 0)),
            format: try row.decoded(EvidenceFormat.self, "format", in: "evidence"), sha256: row["sha256"], byteCount: row["byte_count"],
            uploadedAt: Date(stored: row["uploaded_at"]))
    }
}
