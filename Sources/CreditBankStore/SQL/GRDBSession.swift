import CreditBankCore
import Foundation
import GRDB
import GRDBSQLite
import Synchronization

/// A GRDB (SQLite) connection as an `SQLSession`; statements are GRDB's cached statements.
struct GRDBSession: SQLSession {
    let db: Database

    var dialect: SQLDialect { .sqlite }

    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        let statement = try db.cachedStatement(sql: sql)
        if sqlite3_stmt_readonly(statement.sqliteStatement) != 0 { return try readRows(sql, statement, arguments) }
        statement.arguments = Self.statementArguments(arguments)
        let columns = Self.columns(of: sql, statement)
        var rows: [SQLRow] = []
        let cursor = try Row.fetchCursor(statement)
        while let row = try cursor.next() {
            rows.append(SQLRow(columns: columns, values: row.databaseValues.map(SQLValue.init)))
        }
        return rows
    }

    /// Through SQLite's incremental blob reading: the bytes go from the file's pages (mapped)
    /// straight into `make`'s memory. Reading the column through a statement first assembles a
    /// value spread over overflow pages into SQLite's own buffer — a second copy (issue 18).
    /// SQLite opens the blob by rowid: `key` must be the table's `INTEGER PRIMARY KEY` (its rowid),
    /// as `document_pdf.document_id` is; `key` itself is read only to tell a missing row apart.
    func bytes<T>(of column: String, in table: String, key: String, _ id: Int64, _ make: BytesMaker<T>) throws -> T? {
        var blob: OpaquePointer?
        let opened = sqlite3_blob_open(db.sqliteConnection, "main", table, column, id, 0, &blob)
        defer { sqlite3_blob_close(blob) }
        guard opened == SQLITE_OK, let blob else {
            // No such row: the value `SELECT … WHERE key = id` would not find.
            if try one("SELECT 1 FROM \(table) WHERE \(key) = ?", id) == nil { return nil }
            throw error(opened, "reading \(table).\(column) of \(id)")
        }
        let count = Int(sqlite3_blob_bytes(blob))
        return try make(count) { target in
            guard count > 0 else { return }
            let read = sqlite3_blob_read(blob, target.baseAddress, Int32(count), 0)
            guard read == SQLITE_OK else { throw error(read, "reading \(table).\(column) of \(id)") }
        }
    }

    private func one(_ sql: String, _ id: Int64) throws -> SQLRow? {
        try rows(sql, [.integer(id)]).first
    }

    /// A read statement's rows, bound and stepped through SQLite's own functions: GRDB's cursor
    /// and `Row` (a copy of every value as a `DatabaseValue`, then ours) were a third of an uncached
    /// look-up (issue 18). Statements that write go through GRDB, which tracks what they change.
    private func readRows(_ sql: String, _ statement: Statement, _ arguments: [SQLValue]) throws -> [SQLRow] {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        defer { sqlite3_reset(handle) }
        guard Int(sqlite3_bind_parameter_count(handle)) == arguments.count else {
            throw DatabaseError(
                resultCode: .SQLITE_MISUSE, message: "wrong number of statement arguments: \(arguments.count)", sql: sql)
        }
        for (offset, value) in arguments.enumerated() { try bind(value, at: Int32(offset + 1), of: handle, sql) }
        let columns = Self.columns(of: sql, statement)
        let count = Int(sqlite3_column_count(handle))
        var rows: [SQLRow] = []
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return rows }
            guard code == SQLITE_ROW else { throw error(code, sql) }
            var values: [SQLValue] = []
            values.reserveCapacity(count)
            for column in 0..<Int32(count) { values.append(Self.value(handle, column)) }
            rows.append(SQLRow(columns: columns, values: values))
        }
    }

    private func bind(_ value: SQLValue, at index: Int32, of handle: OpaquePointer, _ sql: String) throws {
        let code: Int32
        switch value {
        case .null: code = sqlite3_bind_null(handle, index)
        case .integer(let number): code = sqlite3_bind_int64(handle, index, number)
        case .real(let number): code = sqlite3_bind_double(handle, index, number)
        case .text(let text) where text.isEmpty: code = sqlite3_bind_text(handle, index, "", 0, Self.transient)
        case .text(var text):
            code = text.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) { sqlite3_bind_text(handle, index, $0.baseAddress, Int32($0.count), Self.transient) }
            }
        case .blob(let bytes):
            code = bytes.isEmpty
                ? sqlite3_bind_zeroblob(handle, index, 0)
                : bytes.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), Self.transient) }
        }
        guard code == SQLITE_OK else { throw error(code, sql) }
    }

    private static func value(_ handle: OpaquePointer, _ column: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, column))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(handle, column) else { return .text("") }
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column))), as: UTF8.self))
        case SQLITE_BLOB:
            guard let blob = sqlite3_column_blob(handle, column) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: blob, count: Int(sqlite3_column_bytes(handle, column)))))
        default: return .null
        }
    }

    /// SQLite copies the bound text or bytes.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private func error(_ code: Int32, _ sql: String) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
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
