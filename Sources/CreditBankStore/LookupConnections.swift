import Foundation
import GRDB
import Synchronization

/// Read-only connections for `AppDatabase.lookup`, taken without ever waiting.
///
/// A look-up runs on the calling thread, which is one of Swift's few cooperative threads. It must
/// never block there: waiting for the `DatabasePool`'s readers (a semaphore) while the tasks that
/// hold them wait for a cooperative thread to resume and give them back hangs the whole server —
/// it did, under a download benchmark (BENCHMARKS.md, issue 18). So a look-up takes one of these
/// connections if one is free (a lock held for a pointer swap) and otherwise goes the pool's
/// asynchronous way, which waits off the cooperative threads.
final class LookupConnections: Sendable {
    private let free: Mutex<[DatabaseQueue]>

    /// `count` read-only connections to the WAL database at `path` (already created and migrated).
    init(path: String, count: Int) throws {
        var configuration = AppDatabase.configuration(mappingReaders: true)
        configuration.readonly = true
        free = Mutex(try (0..<count).map { _ in try DatabaseQueue(path: path, configuration: configuration) })
    }

    /// Runs `body` in a read transaction on a free connection; nil when none is free.
    ///
    /// The transaction is begun and ended by cached statements: GRDB's `read` parses its BEGIN and
    /// COMMIT on every call and tracks a savepoint, a fifth of an uncached look-up (issue 18).
    /// The connections are read-only, so the body cannot write whatever it runs.
    func read<T>(_ body: (Database) throws -> T) throws -> T? {
        guard let connection = free.withLock({ $0.popLast() }) else { return nil }
        defer { free.withLock { $0.append(connection) } }
        return try connection.inDatabase { db in
            try db.cachedStatement(sql: "BEGIN DEFERRED TRANSACTION").execute()
            do {
                let value = try body(db)
                try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
                return value
            } catch {
                try? db.cachedStatement(sql: "ROLLBACK TRANSACTION").execute()
                throw error
            }
        }
    }
}
