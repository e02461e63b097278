import CreditBankCore
import Dispatch
import Foundation
import Synchronization

/// The credit bank on a PostgreSQL server (docs/storage.md, docs/deploy.md): the same storage
/// ports as `AppDatabase`, over a pool of libpq connections.
///
/// - Every `write` is one SERIALIZABLE transaction: a decision re-checked inside it (the state
///   machine of an application, one waiting activation per account) holds against every other node
///   as it does on SQLite's single writer. A transaction that loses to a concurrent one (SQLSTATE
///   40001, or a deadlock) is rolled back and its body run again, up to `retries` times — which is
///   why a write body must have no effect outside the transaction.
/// - Every `read` is one REPEATABLE READ, READ ONLY transaction: one consistent snapshot.
/// - libpq blocks, so each transaction runs on the connection's own thread, never on an event
///   loop or the Swift concurrency pool.
public final class PostgresDatabase: CreditBankStorage, Sendable {
    let pool: PostgresPool
    /// The schema worked in (nil: the server's search path).
    public var schema: String? { pool.schema }
    /// Times a write that lost a serialization conflict is run again before the conflict is reported.
    let retries = 20

    /// Connects to `url` (`postgresql://user[:password]@host[:port]/dbname`) and migrates the schema.
    /// - Parameters:
    ///   - schema: a schema to work in instead of `public` (tests give each bank its own); created when missing.
    ///   - connections: the most connections this process opens.
    /// - Throws: `PostgresError` when the server cannot be reached or the schema not migrated.
    public init(url: String, schema: String? = nil, connections: Int = 8) async throws {
        pool = PostgresPool(conninfo: url, schema: schema, size: connections)
        try await pool.withConnection { connection in try PostgresSchema.migrate(connection, schema: schema) }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any StorageReading) throws -> T) async throws -> T {
        try await transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { try body(SQLStorage(PostgresSession(connection: $0))) }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any StorageWriting) throws -> T) async throws -> T {
        try await transaction("BEGIN ISOLATION LEVEL SERIALIZABLE") { try body(SQLStorage(PostgresSession(connection: $0))) }
    }

    /// One statement in autocommit (READ COMMITTED): the upsert is atomic by itself, and the table
    /// is unlogged, so the commit waits for no disk.
    public func incrementWindowCount(key: String, window: Int64, dropBefore: Int64?) async throws -> Int {
        try await pool.withConnection { connection in
            try SQLStorage(PostgresSession(connection: connection)).incrementWindowCount(key: key, window: window, dropBefore: dropBefore)
        }
    }

    /// Runs `body` between `begin` and COMMIT, again after a serialization failure; integrity
    /// violations become `CreditBankError.conflict` as on SQLite.
    private func transaction<T: Sendable>(
        _ begin: String, _ body: @escaping @Sendable (PostgresConnection) throws -> T
    ) async throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await pool.withConnection { connection in
                    try connection.simple(begin)
                    do {
                        let value = try body(connection)
                        try connection.simple("COMMIT")
                        return value
                    } catch {
                        if connection.inTransaction { try? connection.simple("ROLLBACK") }
                        throw error
                    }
                }
            } catch let error as PostgresError where error.isRetryable && attempt <= retries {
                // Back off a little, more each time, so the competing transactions spread out.
                try await Task.sleep(nanoseconds: UInt64.random(in: 1...UInt64(attempt)) * 2_000_000)
            } catch let error as PostgresError where error.isIntegrityViolation {
                throw CreditBankError.conflict("the change conflicts with stored data (\(error.message))")
            } catch let error as PostgresError where error.isRetryable {
                throw CreditBankError.conflict("the change lost to concurrent changes \(retries) times; try again")
            }
        }
    }

    /// The channel on which a committed status change of a document is announced (its code).
    static let documentChannel = "creditbank_documents"

    /// Status changes committed by any node (docs/storage.md), from a connection of its own that
    /// LISTENs on a thread of its own; after a lost connection it reconnects and yields nil first.
    public func documentChanges() -> AsyncStream<VerificationCode?>? {
        let conninfo = pool.conninfo
        let (stream, continuation) = AsyncStream<VerificationCode?>.makeStream(bufferingPolicy: .bufferingNewest(10_000))
        let stopped = Atomic(false)
        continuation.onTermination = { _ in stopped.store(true, ordering: .relaxed) }
        let thread = Thread {
            while !stopped.load(ordering: .relaxed) {
                do {
                    let connection = try PostgresConnection(conninfo: conninfo)
                    try connection.simple("LISTEN \(Self.documentChannel)")
                    continuation.yield(nil)  // listening from now on: anything before may have been missed
                    while !stopped.load(ordering: .relaxed) {
                        for payload in try connection.notifications(waitingUpTo: 0.5) {
                            continuation.yield(try? VerificationCode(parsing: payload))
                        }
                    }
                } catch {
                    Thread.sleep(forTimeInterval: 1)
                }
            }
            continuation.finish()
        }
        thread.name = "creditbank.postgres.listen"
        thread.start()
        return stream
    }

    /// Runs raw statements (tests and tools; not used by the core).
    public func execute(_ sql: String) async throws {
        try await pool.withConnection { try $0.simple(sql) }
    }

    /// The integer in the first column of the first row of `sql` (tests and tools).
    public func integer(_ sql: String) async throws -> Int64? {
        try await pool.withConnection { connection in
            try PostgresSession(connection: connection).rows(sql, []).first.flatMap { $0.first() as Int64? }
        }
    }
}

/// Connections to one server, each used by one transaction at a time on its own serial queue.
final class PostgresPool: Sendable {
    private struct State {
        var idle: [PostgresConnection] = []
        var open = 0
        var waiting: [CheckedContinuation<PostgresConnection?, Never>] = []
    }

    let conninfo: String
    let schema: String?
    let size: Int
    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "creditbank.postgres", attributes: .concurrent)

    init(conninfo: String, schema: String?, size: Int) {
        self.conninfo = conninfo
        self.schema = schema
        self.size = max(1, size)
    }

    /// Runs `body` with a connection on a thread of the pool's queue (libpq blocks).
    func withConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        let connection = try await acquire()
        defer { release(connection) }
        return try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body(connection) }) }
        }
    }

    private func acquire() async throws -> PostgresConnection {
        enum Next { case use(PostgresConnection), open, wait }
        let next = state.withLock { state -> Next in
            if let connection = state.idle.popLast() { return .use(connection) }
            if state.open < size {
                state.open += 1
                return .open
            }
            return .wait
        }
        switch next {
        case .use(let connection): return connection
        case .open:
            do { return try await connect() } catch {
                state.withLock { $0.open -= 1 }
                throw error
            }
        case .wait:
            let handed = await withCheckedContinuation { continuation in
                let connection = state.withLock { state -> PostgresConnection? in
                    if let connection = state.idle.popLast() { return connection }
                    state.waiting.append(continuation)
                    return nil
                }
                if let connection { continuation.resume(returning: connection) }
            }
            // nil: a connection was dropped, and its place is ours to open.
            if let handed { return handed }
            do { return try await connect() } catch {
                state.withLock { $0.open -= 1 }
                throw error
            }
        }
    }

    private func release(_ connection: PostgresConnection) {
        let healthy = connection.isHealthy
        let waiter = state.withLock { state -> CheckedContinuation<PostgresConnection?, Never>? in
            if !state.waiting.isEmpty { return state.waiting.removeFirst() }
            if healthy { state.idle.append(connection) } else { state.open -= 1 }
            return nil
        }
        waiter?.resume(returning: healthy ? connection : nil)
    }

    private func connect() async throws -> PostgresConnection {
        let conninfo = conninfo, schema = schema
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(
                    with: Result {
                        let connection = try PostgresConnection(conninfo: conninfo)
                        try connection.simple("SET client_min_messages = warning")
                        if let schema { try connection.simple("SET search_path TO \(PostgresSchema.quoted(schema))") }
                        return connection
                    })
            }
        }
    }
}
