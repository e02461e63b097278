import Foundation

/// How many failed logins are allowed, per login name and per client, within a sliding window.
public struct LoginLimits: Sendable {
    public var perAccount: Int
    public var perClient: Int
    public var window: TimeInterval
    /// Creates limits.
    public init(perAccount: Int, perClient: Int, window: TimeInterval) {
        self.perAccount = perAccount
        self.perClient = perClient
        self.window = window
    }
}

/// The login throttle (docs/storage.md): failed logins are counted per login name and per client
/// over a sliding window, in the database, so that a guess spread over several nodes gets no more
/// tries than on one. Past a limit the next attempt is refused until the oldest failure leaves the
/// window; a success clears the login name's count. Unknown names count like real ones, so the
/// answers do not tell them apart.
extension CreditBankService {
    static func accountKey(_ login: String) -> String { "a:" + login.trimmingCharacters(in: .whitespaces).lowercased() }
    static func clientKey(_ client: String) -> String { "c:" + client }

    /// Seconds to wait when either count is at its limit, else nil.
    public func loginWait(login: String, client: String, limits: LoginLimits) async throws -> Int? {
        let now = clock.now()
        let since = now.addingTimeInterval(-limits.window)
        let keys = [(Self.accountKey(login), limits.perAccount), (Self.clientKey(client), limits.perClient)]
        let failures = try await storage.lookup { db in try keys.map { (try db.loginFailures(key: $0.0, since: since), $0.1) } }
        var wait: TimeInterval?
        for (times, limit) in failures where times.count >= limit {
            // The attempt is allowed again when enough of the failures have left the window.
            let freeing = times[times.count - limit]
            wait = max(wait ?? 0, freeing.addingTimeInterval(limits.window).timeIntervalSince(now))
        }
        return wait.map { max(1, Int($0.rounded(.up))) }
    }

    /// Counts a failed login against the name and the client.
    public func recordLoginFailure(login: String, client: String, limits: LoginLimits) async throws {
        let now = clock.now()
        try await storage.write { db in
            try db.insertLoginFailure(
                keys: [Self.accountKey(login), Self.clientKey(client)], at: now, droppingBefore: now.addingTimeInterval(-limits.window))
        }
    }

    /// Clears the name's failed logins after it signed in.
    public func recordLoginSuccess(login: String) async throws {
        try await storage.write { db in try db.deleteLoginFailures(key: Self.accountKey(login)) }
    }
}

/// The public look-up limit counted in the database (several nodes, docs/deploy.md): `perMinute`
/// look-ups per client in each clock minute, the same on every node.
extension CreditBankService {
    /// Nil to go ahead, or the seconds until the client's next minute begins.
    public func admitLookup(client: String, perMinute: Int) async throws -> Int? {
        guard perMinute > 0 else { return nil }
        let now = clock.now().timeIntervalSince1970
        let minute = Int64((now / 60).rounded(.down))
        // About one call in a thousand also forgets the windows before the last one.
        let drop: Int64? = UInt16.random(in: 0..<1000) == 0 ? minute - 1 : nil
        let count = try await storage.incrementWindowCount(key: "l:" + client, window: minute, dropBefore: drop)
        guard count > perMinute else { return nil }
        return max(1, Int((Double(minute + 1) * 60 - now).rounded(.up)))
    }
}
