import CreditBankCore

/// A PostgreSQL connection inside one transaction, as an `SQLSession`.
struct PostgresSession: SQLSession {
    let connection: PostgresConnection

    var dialect: SQLDialect { .postgresql }

    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        let result = try connection.run(sql, arguments)
        let columns = SQLRow.Columns(result.columnNames)
        let width = result.columnCount
        return try (0..<result.rowCount).map { row in
            SQLRow(columns: columns, values: try (0..<width).map { try result.value(row: row, column: $0) })
        }
    }

    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        try connection.run(sql, arguments).changedRows
    }

    func withBytes<T>(_ sql: String, _ arguments: [SQLValue], _ body: (UnsafeRawBufferPointer) throws -> T) throws -> T? {
        let result = try connection.run(sql, arguments)
        guard result.rowCount > 0, let bytes = result.bytes(row: 0, column: 0) else { return nil }
        return try body(bytes)
    }

    func bytes<T>(of column: String, in table: String, key: String, _ id: Int64, _ make: BytesMaker<T>) throws -> T? {
        try withBytes("SELECT \(column) FROM \(table) WHERE \(key) = ?", [.integer(id)]) { stored in
            try make(stored.count) { target in target.copyMemory(from: stored) }
        }
    }
}
