import CreditBankCore
import Foundation
import GRDB

/// The core's storage ports over one GRDB `Database` connection, valid for one transaction.
struct SQLStorage: StorageWriting {
    let db: Database

    init(_ db: Database) { self.db = db }

    func one(_ sql: String, _ arguments: StatementArguments = []) throws -> Row? {
        try Row.fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }

    func all(_ sql: String, _ arguments: StatementArguments = []) throws -> [Row] {
        try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }

    /// Runs an INSERT and returns the new row id.
    func insert(_ sql: String, _ arguments: StatementArguments) throws -> Int64 {
        try db.cachedStatement(sql: sql).execute(arguments: arguments)
        return db.lastInsertedRowID
    }

    /// Counts up to `cap` rows of a query, so a broad search stays fast.
    func count(_ sql: String, _ arguments: StatementArguments, cap: Int = 10_000) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(sql) LIMIT \(cap))", arguments: arguments) ?? 0
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
