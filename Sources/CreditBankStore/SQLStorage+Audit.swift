import CreditBankCore
import Foundation
import GRDB

extension SQLStorage {
    func insert(_ entry: AuditEntry) throws {
        _ = try insert(
            "INSERT INTO audit_log (at, staff_id, actor, action, subject, detail) VALUES (?,?,?,?,?,?)",
            [entry.at.stored, entry.staffID?.rawValue, entry.actor, entry.action.rawValue, entry.subject, entry.detail])
    }

    func auditEntries(action: AuditAction?, staff: StaffID?, from: Date?, before: Date?, limit: Int, offset: Int) throws
        -> Page<AuditEntry>
    {
        var conditions: [String] = []
        var arguments: StatementArguments = []
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
