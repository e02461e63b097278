import CreditBankCore
import Foundation

/// The core's storage ports over one `SQLSession` (SQLite or PostgreSQL), valid for one transaction.
/// The statements are the same for both databases except where `dialect` says otherwise.
struct SQLStorage: StorageWriting {
    let db: any SQLSession

    init(_ db: any SQLSession) { self.db = db }

    var dialect: SQLDialect { db.dialect }

    func one(_ sql: String, _ arguments: SQLArguments = []) throws -> SQLRow? {
        try db.rows(sql, arguments.sqlValues).first
    }

    func all(_ sql: String, _ arguments: SQLArguments = []) throws -> [SQLRow] {
        try db.rows(sql, arguments.sqlValues)
    }

    /// The first column of the first row.
    func value<T: SQLReadable>(_ sql: String, _ arguments: SQLArguments = []) throws -> T? {
        try db.rows(sql, arguments.sqlValues).first.flatMap { $0.first() }
    }

    /// The first column of every row.
    func values<T: SQLReadable>(_ sql: String, _ arguments: SQLArguments = []) throws -> [T] {
        try db.rows(sql, arguments.sqlValues).compactMap { $0.first() }
    }

    /// Runs a statement; returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: SQLArguments = []) throws -> Int {
        try db.execute(sql, arguments.sqlValues)
    }

    /// Runs an INSERT and returns the new row's id.
    func insert(_ sql: String, _ arguments: SQLArguments) throws -> Int64 {
        guard let id: Int64 = try value(sql + " RETURNING id", arguments) else {
            throw CorruptRowError(table: "?", column: "id", value: "no id returned by \(sql)")
        }
        return id
    }

    /// The most a search total counts to ("10,000 or more"), the same on every database.
    static let countCap = 10_000

    /// Inserts `rows` (each of `columns` values) as `head (?,…),(?,…) … then`, up to 100 rows per
    /// statement: a flush of tens of thousands of look-ups is a few hundred statements, not one
    /// each (a round trip each on PostgreSQL). Statements of 100, 10 and 1 rows, so that the
    /// statement caches hold three texts.
    func insertRows(_ head: String, columns: Int, _ rows: [SQLArguments], then tail: String = "") throws {
        let tuple = "(" + Array(repeating: "?", count: columns).joined(separator: ",") + ")"
        var start = 0
        for size in [100, 10, 1] {
            let sql = head + " " + Array(repeating: tuple, count: size).joined(separator: ",") + (tail.isEmpty ? "" : " " + tail)
            while rows.count - start >= size {
                try execute(sql, rows[start..<start + size].flatMap { $0 })
                start += size
            }
        }
    }

    /// Counts up to `cap` rows of a query, so a broad search stays fast.
    func count(_ sql: String, _ arguments: SQLArguments, cap: Int = countCap) throws -> Int {
        try value("SELECT count(*) FROM (\(sql) LIMIT \(cap)) AS counted", arguments) ?? 0
    }
}

extension Date {
    /// Seconds since 1970, as stored.
    var stored: Double { timeIntervalSince1970 }
    init(stored: Double) { self.init(timeIntervalSince1970: stored) }
}

enum JSON {
    static func encode(_ value: some Encodable) -> String {
        String(decoding: SnapshotCoding.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
