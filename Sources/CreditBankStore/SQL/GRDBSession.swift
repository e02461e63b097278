import Foundation
import GRDB

/// A GRDB (SQLite) connection as an `SQLSession`; statements are GRDB's cached statements.
struct GRDBSession: SQLSession {
    let db: Database

    var dialect: SQLDialect { .sqlite }

    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        let statement = try db.cachedStatement(sql: sql)
        statement.arguments = StatementArguments(arguments.map { $0.databaseValue })
        let columns = SQLRow.Columns(statement.columnNames)
        var rows: [SQLRow] = []
        let cursor = try Row.fetchCursor(statement)
        while let row = try cursor.next() {
            rows.append(SQLRow(columns: columns, values: row.databaseValues.map(SQLValue.init)))
        }
        return rows
    }

    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(arguments.map { $0.databaseValue }))
        return db.changesCount
    }

    func withBytes<T>(_ sql: String, _ arguments: [SQLValue], _ body: (UnsafeRawBufferPointer) throws -> T) throws -> T? {
        let statement = try db.cachedStatement(sql: sql)
        statement.arguments = StatementArguments(arguments.map { $0.databaseValue })
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
