import CreditBankCore
import Foundation

extension SQLStorage {
    func documentIDs(for query: BatchQuery) throws -> [DocumentID] {
        var sql = """
            SELECT d.id FROM issued_document d
            WHERE d.kind = ? AND d.revoked_at IS NULL AND d.superseded_by IS NULL AND (d.expires_at IS NULL OR d.expires_at > ?)
            """
        var arguments: SQLArguments = [query.kind.rawValue, query.validAt.stored]
        if let from = query.issuedFrom {
            sql += " AND d.issued_at >= ?"
            arguments += [from.stored]
        }
        if let before = query.issuedBefore {
            sql += " AND d.issued_at < ?"
            arguments += [before.stored]
        }
        if let institution = query.institution {
            if query.kind == .conversionCertificate {
                sql += """
                     AND EXISTS (SELECT 1 FROM conversion_application a JOIN outcome t ON t.id = a.target_outcome_id
                                 WHERE a.certificate_id = d.id AND t.institution_id = ?)
                    """
            } else {
                sql += """
                     AND EXISTS (SELECT 1 FROM outcome o WHERE o.learner_id = d.holder_id AND o.status = 'stored' AND o.institution_id = ?)
                    """
            }
            arguments += [institution.rawValue]
        }
        sql += " ORDER BY d.issued_at, d.id"
        let ids: [Int64] = try values(sql, arguments)
        return ids.map { DocumentID($0) }
    }

    func batch(_ id: BatchID) throws -> BatchJob? {
        try one("SELECT * FROM batch_job WHERE id = ?", [id.rawValue]).map(BatchJob.init)
    }

    func batches(status: Set<BatchJob.Status>) throws -> [BatchJob] {
        let names = status.map(\.rawValue).sorted()
        let marks = Array(repeating: "?", count: names.count).joined(separator: ",")
        return try all("SELECT * FROM batch_job WHERE status IN (\(marks)) ORDER BY id", names.map { $0 as any SQLBindable }).map(BatchJob.init)
    }

    func recentBatches(limit: Int) throws -> [BatchJob] {
        try all("SELECT * FROM batch_job ORDER BY id DESC LIMIT \(limit)").map(BatchJob.init)
    }

    func claimLease(_ name: String, holder: String, until: Date, now: Date) throws -> Bool {
        try execute(
            """
            INSERT INTO lease (name, holder, until) VALUES (?, ?, ?)
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until
             WHERE lease.holder = excluded.holder OR lease.until < ?
            """, [name, holder, until.stored, now.stored]) == 1
    }

    func releaseLease(_ name: String, holder: String) throws {
        try execute("DELETE FROM lease WHERE name = ? AND holder = ?", [name, holder])
    }

    func insert(_ batch: BatchJob) throws -> BatchJob {
        var saved = batch
        saved.id = BatchID(
            try insert(
                """
                INSERT INTO batch_job (kind, institution_code, from_day, to_day, format, status, done, total, failure, requested_by,
                                       created_at, finished_at)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
                """,
                [
                    batch.selection.kind.rawValue, batch.selection.institutionCode, batch.selection.from?.description,
                    batch.selection.to?.description, batch.format.rawValue, batch.status.rawValue, batch.done, batch.total, batch.failure,
                    batch.requestedBy.rawValue, batch.createdAt.stored, batch.finishedAt?.stored,
                ]))
        return saved
    }

    func update(_ batch: BatchJob) throws {
        try execute("UPDATE batch_job SET status = ?, done = ?, total = ?, failure = ?, finished_at = ? WHERE id = ?", [batch.status.rawValue, batch.done, batch.total, batch.failure, batch.finishedAt?.stored, batch.id.rawValue])
    }
}

extension BatchJob {
    init(row: SQLRow) throws {
        let from: String? = row["from_day"]
        let to: String? = row["to_day"]
        self.init(
            id: BatchID(row["id"]),
            selection: BatchSelection(
                kind: try row.decoded(DocumentKind.self, "kind", in: "batch_job"), institutionCode: row["institution_code"],
                from: from.flatMap(LocalDate.init), to: to.flatMap(LocalDate.init)),
            format: try row.decoded(BatchFormat.self, "format", in: "batch_job"), status: try row.decoded(Status.self, "status", in: "batch_job"), done: row["done"],
            total: row["total"], failure: row["failure"], requestedBy: StaffID(row["requested_by"]), createdAt: Date(stored: row["created_at"]),
            finishedAt: (row["finished_at"] as Double?).map(Date.init(stored:)))
    }
}
