import CreditBankCore
import Foundation

/// How the HTTP service runs: limits, lifetimes and the resources it serves.
public struct ServerSettings: Sendable {
    /// Public look-ups (`/v/…`, `/api/v1/verify…`) per minute per client; 0 turns the limit off.
    public var publicLookupsPerMinute: Int
    /// Failed logins allowed per login name, and per client, within `loginWindow` before refusing.
    public var failedLoginsPerAccount: Int
    public var failedLoginsPerClient: Int
    public var loginWindow: TimeInterval
    /// How long a session lasts.
    public var sessionLifetime: TimeInterval
    /// Largest JSON body accepted.
    public var jsonBodyLimit: Int
    /// Largest upload (evidence, or a PDF to check).
    public var uploadLimit: Int
    /// Peer addresses of reverse proxies whose `X-Forwarded-For` names the real client; requests from
    /// anyone else are keyed by their own address (a client cannot pick its key by sending the header).
    public var trustedProxies: Set<String>
    /// Peer addresses that may read `/metrics`, on direct connections only (a request a proxy
    /// forwards, which carries `X-Forwarded-For`, never does: behind a proxy on the same host every
    /// public request would otherwise come from loopback).
    public var metricsClients: Set<String>
    /// Concurrent password hashes (bcrypt) at most; they run on their own threads, never on the event loop.
    public var passwordThreads: Int
    /// Count public look-ups in the database, so that the limit holds for several nodes together
    /// (`serve` on PostgreSQL); otherwise each process keeps its own token buckets.
    public var sharedLookupLimit = false
    /// How long a batch's file is kept (the console shows each batch's expiry).
    public var batchRetention: TimeInterval = 7 * 86_400

    /// Settings with defaults for a laptop; `serve` sets the look-up limit from `--rate-limit`.
    public init(
        publicLookupsPerMinute: Int = 60, failedLoginsPerAccount: Int = 5, failedLoginsPerClient: Int = 20, loginWindow: TimeInterval = 900,
        sessionLifetime: TimeInterval = CreditBankService.sessionLifetime, jsonBodyLimit: Int = 64 * 1024,
        uploadLimit: Int = Evidence.maximumBytes, trustedProxies: Set<String> = [], metricsClients: Set<String> = ["127.0.0.1", "::1"],
        passwordThreads: Int = max(1, ProcessInfo.processInfo.activeProcessorCount / 2)
    ) {
        self.publicLookupsPerMinute = publicLookupsPerMinute
        self.failedLoginsPerAccount = failedLoginsPerAccount
        self.failedLoginsPerClient = failedLoginsPerClient
        self.loginWindow = loginWindow
        self.sessionLifetime = sessionLifetime
        self.jsonBodyLimit = jsonBodyLimit
        self.uploadLimit = uploadLimit
        self.trustedProxies = trustedProxies
        self.metricsClients = metricsClients
        self.passwordThreads = passwordThreads
    }
}
