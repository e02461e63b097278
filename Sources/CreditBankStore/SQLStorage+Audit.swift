import CreditBankCore
import Foundation

extension SQLStorage {
    func insert(_ entry: AuditEntry) throws {
        _ = try insert(
            "INSERT INTO audit_log (at, staff_id, actor, action, subject, detail) VALUES (?,?,?,?,?,?)",
            [entry.at.stored, entry.staffID?.rawValue, entry.actor, entry.action.rawValue, entry.subject, entry.detail])
    }

    func addVerifications(_ counts: [DocumentID: Int], at time: Date) throws {
        try insertRows(
            "INSERT INTO verification_tally (document_id, count, last_at) VALUES", columns: 3,
            counts.map { document, n in [document.rawValue, n, time.stored] },
            then: "ON CONFLICT(document_id) DO UPDATE SET count = verification_tally.count + excluded.count, last_at = excluded.last_at")
    }

    func insert(_ lookups: [VerificationLookup]) throws {
        try insertRows(
            "INSERT INTO verification_lookup (document_id, holder_id, at, channel, network) VALUES", columns: 5,
            lookups.map { [$0.documentID.rawValue, $0.holderID.rawValue, $0.at.stored, $0.channel.rawValue, $0.network] })
    }

    func dropLookups(before expiredBefore: Date) throws {
        try execute("DELETE FROM verification_lookup WHERE at < ?", [expiredBefore.stored])
    }

    func lookups(ofHolder learner: LearnerID, since: Date, limit: Int) throws -> [HolderLookup] {
        try all(
            """
            SELECT l.*, d.kind, d.code FROM verification_lookup l JOIN issued_document d ON d.id = l.document_id
            WHERE l.holder_id = ? AND l.at >= ? ORDER BY l.at DESC, l.id DESC LIMIT ?
            """, [learner.rawValue, since.stored, limit]
        ).map { row in
            HolderLookup(
                lookup: VerificationLookup(
                    documentID: DocumentID(row["document_id"]), holderID: learner, at: Date(stored: row["at"]),
                    channel: try row.decoded(LookupChannel.self, "channel", in: "verification_lookup"), network: row["network"]),
                kind: try row.decoded(DocumentKind.self, "kind", in: "issued_document"),
                code: VerificationCode(stored: row["code"]))
        }
    }

    func verificationCount(of document: DocumentID) throws -> Int {
        try value("SELECT count FROM verification_tally WHERE document_id = ?", [document.rawValue]) ?? 0
    }

    func auditEntries(action: AuditAction?, staff: StaffID?, from: Date?, before: Date?, limit: Int, offset: Int) throws
        -> Page<AuditEntry>
    {
        var conditions: [String] = []
        var arguments: SQLArguments = []
        if let action {
            conditions.append("action = ?")
            arguments += [action.rawValue]
        }
        if let staff {
            conditions.append("staff_id = ?")
            arguments += [staff.rawValue]
        }
        if let from {
            conditions.append("at >= ?")
            arguments += [from.stored]
        }
        if let before {
            conditions.append("at < ?")
            arguments += [before.stored]
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let total = try count("SELECT 1 FROM audit_log \(filter)", arguments)
        let rows = try all("SELECT * FROM audit_log \(filter) ORDER BY id DESC LIMIT \(limit) OFFSET \(offset)", arguments)
        return Page(
            items: try rows.map { row in
                AuditEntry(
                    id: AuditID(row["id"]), at: Date(stored: row["at"]), staffID: (row["staff_id"] as Int64?).map { StaffID($0) },
                    actor: row["actor"], action: try row.decoded(AuditAction.self, "action", in: "audit_log"), subject: row["subject"],
                    detail: row["detail"])
            }, total: total)
    }
}
