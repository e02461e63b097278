import CreditBankCore
import Foundation
import GRDB

/// `creditbank migrate-data` (docs/deploy.md): a SQLite bank copied into an empty PostgreSQL database
/// in one transaction, then checked — every table's row count, and every stored PDF's SHA-256
/// against the hash recorded when it was issued.
public enum DataMigration {
    /// The tables in an order that satisfies their foreign keys (a document's `superseded_by` is set
    /// after all documents are in: it points at a newer one).
    static let tables = [
        "institution", "learner", "staff", "catalog_entry", "conversion_rule", "rule_source", "outcome", "issued_document",
        "document_pdf", "conversion_application", "application_source", "review_record", "message", "feedback", "session",
        "evidence", "batch_job", "activation_request", "audit_log", "verification_tally", "share_link", "verification_lookup",
        "lease", "login_failure",
    ]

    /// What was copied and checked.
    public struct Report: Sendable {
        /// Rows per table, in copy order (equal on both sides).
        public var rows: [(table: String, count: Int)]
        /// Stored PDFs whose hash was checked on the target.
        public var pdfsChecked: Int
    }

    /// Why a migration stopped; the target is left as it was (the copy is one transaction).
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Copies `source` into `target`, which must be empty, and checks the copy.
    /// - Throws: `Failure` for a non-empty target or a check that does not hold; database errors.
    public static func copy(from source: AppDatabase, to target: PostgresDatabase, progress: @escaping @Sendable (String) -> Void) async throws
        -> Report
    {
        for table in tables {
            if let rows = try await target.integer("SELECT count(*) FROM \(table)"), rows > 0 {
                throw Failure(description: "the target database is not empty (\(rows) rows in \(table)); migrate into an empty database")
            }
        }
        let reader = source.writer
        try await target.pool.withConnection { connection in
            let session = PostgresSession(connection: connection)
            try connection.simple("BEGIN ISOLATION LEVEL SERIALIZABLE")
            do {
                for table in tables {
                    let copied = try copyTable(table, from: reader, to: session)
                    progress("\(table): \(copied) rows")
                }
                // The documents' newer versions, now that all of them exist.
                let superseded = try reader.read { db in
                    try Row.fetchAll(db, sql: "SELECT id, superseded_by FROM issued_document WHERE superseded_by IS NOT NULL")
                        .map { ($0["id"] as Int64, $0["superseded_by"] as Int64) }
                }
                for (id, newer) in superseded {
                    try session.execute("UPDATE issued_document SET superseded_by = ? WHERE id = ?", [.integer(newer), .integer(id)])
                }
                try rebuildCatalogSearch(session)
                // Identity columns continue after the copied ids.
                for table in tables where try columns(of: table, in: reader).contains("id") {
                    try connection.simple(
                        "SELECT setval(pg_get_serial_sequence('\(table)', 'id'), coalesce((SELECT max(id) FROM \(table)), 0) + 1, false)")
                }
                try connection.simple("COMMIT")
            } catch {
                try? connection.simple("ROLLBACK")
                throw error
            }
        }
        return try await check(source: source, target: target, progress: progress)
    }

    static func columns(of table: String, in reader: any DatabaseReader) throws -> [String] {
        try reader.read { db in try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { $0["name"] as String } }
    }

    /// Copies one table in pages of 500 rows (PDFs included), keyed so each page is one index range.
    static func copyTable(_ table: String, from reader: any DatabaseReader, to session: PostgresSession) throws -> Int {
        let names = try columns(of: table, in: reader)
        let key = table == "session" ? "token_hash" : "rowid"
        let values = names.map { table == "issued_document" && $0 == "superseded_by" ? "NULL" : $0 }
        let insert = "INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: names.count).joined(separator: ",")))"
        var last: DatabaseValue = key == "rowid" ? Int64.min.databaseValue : "".databaseValue
        var copied = 0
        while true {
            let page = try reader.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT \(key) AS page_key, \(values.joined(separator: ", ")) FROM \(table) WHERE \(key) > ? ORDER BY \(key) LIMIT 500",
                    arguments: [last])
            }
            guard let end = page.last else { return copied }
            for row in page {
                try session.execute(insert, Array(row.databaseValues.dropFirst().map(SQLValue.init)))
            }
            copied += page.count
            last = end["page_key"]
        }
    }

    /// PostgreSQL's catalog search rows, made from the copied entries as `insert(_ entries:)` makes
    /// them, 10,000 to a statement (the gram tally's trigger sums each statement's grams once).
    static func rebuildCatalogSearch(_ session: PostgresSession) throws {
        let rows = try session.rows(
            "SELECT c.id, c.institution_id, c.name, c.code, c.major, i.name AS institution FROM catalog_entry c JOIN institution i ON i.id = c.institution_id",
            [])
        let searchRows = rows.map { row in
            CatalogSearchRow(row["id"], row["institution_id"], [row["name"], row["code"], row["institution"], (row["major"] as String?) ?? ""])
        }
        let storage = SQLStorage(session)
        for start in stride(from: 0, to: searchRows.count, by: 10_000) {
            try storage.insert(Array(searchRows[start..<min(start + 10_000, searchRows.count)]))
        }
    }

    /// Every table's count on both sides, and every PDF on the target hashed.
    static func check(source: AppDatabase, target: PostgresDatabase, progress: @escaping @Sendable (String) -> Void) async throws -> Report {
        var report = Report(rows: [], pdfsChecked: 0)
        for table in tables {
            let expected = try await source.integer("SELECT count(*) FROM \(table)") ?? -1
            let found = try await target.integer("SELECT count(*) FROM \(table)") ?? -2
            guard expected == found else {
                throw Failure(description: "\(table): \(expected) rows in the source but \(found) in the target")
            }
            report.rows.append((table, Int(found)))
        }
        let entries = try await target.integer("SELECT count(*) FROM catalog_search") ?? -1
        let catalog = try await target.integer("SELECT count(*) FROM catalog_entry") ?? -2
        guard entries == catalog else { throw Failure(description: "catalog search: \(entries) rows for \(catalog) entries") }
        var last: Int64 = 0
        while true {
            let after = last
            let page: [(Int64, String, String)] = try await target.pool.withConnection { connection in
                let session = PostgresSession(connection: connection)
                return try session.rows(
                    "SELECT p.document_id, d.sha256 FROM document_pdf p JOIN issued_document d ON d.id = p.document_id WHERE p.document_id > ? ORDER BY p.document_id LIMIT 200",
                    [.integer(after)]
                ).map { row in
                    let id: Int64 = row["document_id"]
                    let actual =
                        try session.withBytes("SELECT bytes FROM document_pdf WHERE document_id = ?", [.integer(id)]) {
                            CreditBankService.sha256($0.bindMemory(to: UInt8.self))
                        } ?? ""
                    return (id, row["sha256"], actual)
                }
            }
            guard let end = page.last else { break }
            for (id, recorded, actual) in page where recorded != actual {
                throw Failure(description: "document \(id): the PDF on the target hashes to \(actual), not the recorded \(recorded)")
            }
            report.pdfsChecked += page.count
            last = end.0
        }
        progress("checked: every table's count, \(report.pdfsChecked) PDF hashes")
        return report
    }
}
