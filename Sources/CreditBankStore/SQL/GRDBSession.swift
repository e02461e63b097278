import Foundation
import GRDB
import Synchronization

/// A GRDB (SQLite) connection as an `SQLSession`; statements are GRDB's cached statements.
struct GRDBSession: SQLSession {
    let db: Database

    var dialect: SQLDialect { .sqlite }

    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        let statement = try db.cachedStatement(sql: sql)
        statement.arguments = Self.statementArguments(arguments)
        let columns = Self.columns(of: sql, statement)
        var rows: [SQLRow] = []
        let cursor = try Row.fetchCursor(statement)
        while let row = try cursor.next() {
            rows.append(SQLRow(columns: columns, values: row.databaseValues.map(SQLValue.init)))
        }
        return rows
    }

    /// The result columns of `sql`, made once per statement text: their names and positions cost
    /// more than a look-up's own work. A statement's columns depend on its text and the schema, and
    /// every database this process queries is at the newest schema (`AppDatabase` migrates before
    /// the first query); the column count is checked all the same.
    private static func columns(of sql: String, _ statement: Statement) -> SQLRow.Columns {
        if let known = knownColumns.withLock({ $0[sql] }), known.names.count == statement.columnCount { return known }
        let columns = SQLRow.Columns(statement.columnNames)
        knownColumns.withLock { if $0.count < 1024 { $0[sql] = columns } }
        return columns
    }
    private static let knownColumns = Mutex<[String: SQLRow.Columns]>([:])

    /// GRDB's arguments through its initializer for optional existentials: the one for a sequence
    /// of `DatabaseValue` maps it with a key path, instantiated at run time on every call (8 % of
    /// an uncached look-up; issue 18).
    private static func statementArguments(_ values: [SQLValue]) -> StatementArguments {
        StatementArguments(values.map { value -> (any DatabaseValueConvertible)? in value.databaseValue })
    }

    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        try db.cachedStatement(sql: sql).execute(arguments: Self.statementArguments(arguments))
        return db.changesCount
    }

    func withBytes<T>(_ sql: String, _ arguments: [SQLValue], _ body: (UnsafeRawBufferPointer) throws -> T) throws -> T? {
        let statement = try db.cachedStatement(sql: sql)
        statement.arguments = Self.statementArguments(arguments)
        // The cursor keeps the statement stepped while its row is read: the blob as SQLite holds it,
        // without an intermediate copy.
        let cursor = try Row.fetchCursor(statement)
        guard let row = try cursor.next() else { return nil }
        return try withExtendedLifetime(cursor) {
            try row.withUnsafeData(atIndex: 0) { data in
            guard let data else { return nil }
            return try data.withUnsafeBytes { try body($0) }
            }
        }
    }
}

extension SQLValue {
    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let number): self = .integer(number)
        case .double(let number): self = .real(number)
        case .string(let text): self = .text(text)
        case .blob(let data): self = .blob(Array(data))
        }
    }

    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let number): number.databaseValue
        case .real(let number): number.databaseValue
        case .text(let text): text.databaseValue
        case .blob(let bytes): Data(bytes).databaseValue
        }
    }
}
