/// The port through which the core reaches its database. The SQLite adapter (`CreditBankStore`)
/// implements it; a PostgreSQL adapter would implement the same three protocols.
///
/// Each business operation is one `write` call: everything inside commits together or not at all.
public protocol CreditBankStorage: Sendable {
    /// Runs `body` with a consistent read-only view.
    func read<T: Sendable>(_ body: @escaping @Sendable (any StorageReading) throws -> T) async throws -> T
    /// Runs `body` in one write transaction; a thrown error rolls everything back.
    func write<T: Sendable>(_ body: @escaping @Sendable (any StorageWriting) throws -> T) async throws -> T
    /// Runs a short read by key (a verification look-up) like `read`; an adapter may run it on the
    /// calling thread when that costs less than handing it to another (SQLite: an indexed read from
    /// the page cache takes microseconds, the hop to a reader queue and back more).
    func lookup<T: Sendable>(_ body: @escaping @Sendable (any StorageReading) throws -> T) async throws -> T
    /// Documents whose status other processes changed (revoked, superseded), as they commit, so that
    /// a cache can forget them (docs/storage.md); `nil` in the stream means "some may have been
    /// missed: forget everything". Nil when the database cannot tell (SQLite: one node).
    func documentChanges() -> AsyncStream<VerificationCode?>?
    /// Adds one to the count of `key` in the time window `window` and returns the new count,
    /// atomically across every node, in a short transaction of its own (the public look-up limit of
    /// several nodes, docs/storage.md); counts of windows before `dropBefore` are forgotten.
    func incrementWindowCount(key: String, window: Int64, dropBefore: Int64?) async throws -> Int
}

extension CreditBankStorage {
    public func documentChanges() -> AsyncStream<VerificationCode?>? { nil }

    public func lookup<T: Sendable>(_ body: @escaping @Sendable (any StorageReading) throws -> T) async throws -> T {
        try await read(body)
    }
}

/// One page of a listing.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    /// Matching rows in all.
    public var total: Int
    /// Creates a page.
    public init(items: [Item], total: Int) {
        self.items = items
        self.total = total
    }
}

/// Paging parameters, checked.
public struct PageRequest: Hashable, Sendable {
    public var limit: Int
    public var offset: Int
    /// Creates a request of `limit` (1…100) items from `offset`.
    /// - Throws: `CreditBankError.invalid` for an offset outside 0…`maximumOffset` or a limit outside 1…100.
    /// The furthest a listing pages (far beyond any real list; keeps the number an integer everywhere).
    public static let maximumOffset = 10_000_000

    public init(limit: Int = 20, offset: Int = 0) throws(CreditBankError) {
        guard (0...Self.maximumOffset).contains(offset) else {
            throw .invalid(field: "offset", reason: "must be 0 to \(Self.maximumOffset)")
        }
        guard (1...100).contains(limit) else { throw .invalid(field: "limit", reason: "must be 1 to 100") }
        self.limit = limit
        self.offset = offset
    }
}
