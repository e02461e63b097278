import CreditBankCore
import Foundation
import GRDB

/// The credit bank's SQLite database: one `DatabasePool` in WAL mode, migrated on open, exposed
/// to the core through its storage ports. Every `write` is one transaction.
///
/// Durability: `synchronous = FULL`. In WAL mode `NORMAL` survives a killed process but may lose
/// the last commits on power loss or an OS crash; an acknowledged approval or issued document must
/// survive both (docs/product.md §7), so every commit waits for the WAL fsync (~1 ms on this disk).
public final class AppDatabase: CreditBankStorage {
    let writer: any DatabaseWriter
    /// Connections for `lookup` on the calling thread (nil in memory: look-ups are plain reads).
    let lookupConnections: LookupConnections?

    /// Opens (creating and migrating when needed) the database at `path`; its folder is created.
    /// - Throws: GRDB's error when the file cannot be opened or migrated.
    public init(path: String) throws {
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        writer = try DatabasePool(path: path, configuration: AppDatabase.configuration(mappingReaders: false))
        // GRDB turns WAL on for the pool's writer after `prepareDatabase` ran, and sets
        // `synchronous = NORMAL` as it does: set FULL again on the one writer connection.
        try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        try Schema.migrator.migrate(writer)
        lookupConnections = try LookupConnections(path: path, count: max(2, ProcessInfo.processInfo.activeProcessorCount))
    }

    /// An empty in-memory database (tests).
    public init() throws {
        writer = try DatabaseQueue(configuration: AppDatabase.configuration(mappingReaders: false))
        try Schema.migrator.migrate(writer)
        lookupConnections = nil
    }

    /// How much of the file each connection maps; the rest is read as usual.
    static let mappedBytes = 1 << 30

    /// The connections' settings. The writer maps the file, and so do read-only connections when
    /// `mappingReaders`: pages at random places of a large file — a look-up's document, the parent
    /// rows the tally's foreign keys check — then come through the map instead of a `pread` each
    /// (BENCHMARKS.md, issue 18). The pool's readers do not: they serve batches and listings, and a
    /// batch reading every stored PDF of 10,000 documents held all 470 MB of them mapped in the
    /// process (peak RSS 392 MB, issue 5's limit is 250 MB). Ignored in memory.
    static func configuration(mappingReaders: Bool) -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            if mappingReaders || !db.configuration.readonly {
                try db.execute(sql: "PRAGMA mmap_size = \(AppDatabase.mappedBytes)")
            }
        }
        return configuration
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any StorageReading) throws -> T) async throws -> T {
        try await translatingErrors { try await writer.read { db in try body(SQLStorage(GRDBSession(db: db))) } }
    }

    /// Reads on the calling thread when a look-up connection is free (where `read` goes to a reader's
    /// queue and back, BENCHMARKS.md, issue 18); never waits there for one (`LookupConnections`).
    public func lookup<T: Sendable>(_ body: @escaping @Sendable (any StorageReading) throws -> T) async throws -> T {
        if let lookupConnections, let value = try lookupConnections.read({ db in try body(SQLStorage(GRDBSession(db: db))) }) {
            return value
        }
        return try await read(body)
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any StorageWriting) throws -> T) async throws -> T {
        try await translatingErrors { try await writer.write { db in try body(SQLStorage(GRDBSession(db: db))) } }
    }

    public func incrementWindowCount(key: String, window: Int64, dropBefore: Int64?) async throws -> Int {
        try await writer.write { db in try SQLStorage(GRDBSession(db: db)).incrementWindowCount(key: key, window: window, dropBefore: dropBefore) }
    }

    /// `PRAGMA integrity_check` and `PRAGMA foreign_key_check`: empty when the file is sound.
    public func integrityProblems() throws -> [String] {
        try writer.read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            let foreign = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { "foreign key: \($0)" }
            return integrity + foreign
        }
    }

    /// The integer in the first column of the first row of `sql` (tests and tools).
    public func integer(_ sql: String) async throws -> Int64? {
        try await writer.read { db in try Int64.fetchOne(db, sql: sql) }
    }

    /// Runs raw SQL for benchmarks and checks; not used by the core.
    public func execute<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await writer.write(body)
    }

    private func translatingErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw CreditBankError.conflict("the change conflicts with stored data (\(error.message ?? "constraint failed"))")
        }
    }
}
