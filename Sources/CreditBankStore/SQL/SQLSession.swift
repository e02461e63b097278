import CreditBankCore

/// The SQL dialects the store speaks. The statements are written once, in the SQL both accept;
/// where they differ (full-text search, placeholders, errors) the session or the storage says so.
enum SQLDialect: Sendable {
    case sqlite
    case postgresql
}

/// One connection inside one transaction (docs/storage.md): what `SQLStorage` runs its statements
/// on. Statements use `?` placeholders (or `?1`, `?2` for a repeated argument); a PostgreSQL session
/// turns them into `$1`, `$2`. Both keep prepared statements per connection.
protocol SQLSession {
    var dialect: SQLDialect { get }
    /// The rows of a query.
    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow]
    /// Runs a statement; returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int
    /// Hands the bytes of the first column of the first row to `body` where the driver holds them
    /// (nil when there is no row or the value is NULL).
    func withBytes<T>(_ sql: String, _ arguments: [SQLValue], _ body: (UnsafeRawBufferPointer) throws -> T) throws -> T?
    /// The bytes of `column` in the row of `table` whose integer primary key `key` is `id`, made by
    /// `make` and copied once into the memory it hands (nil when there is no such row).
    func bytes<T>(of column: String, in table: String, key: String, _ id: Int64, _ make: BytesMaker<T>) throws -> T?
}

extension Array where Element == any SQLBindable {
    var sqlValues: [SQLValue] { map { $0.sqlValue } }
}
