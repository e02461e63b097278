import Foundation
import Synchronization

/// A token bucket per client: `perMinute` look-ups, refilled continuously. `admit` answers nil to
/// go ahead, or the seconds to wait (Retry-After).
final class RateLimiter: Sendable {
    let perMinute: Int
    private let now: @Sendable () -> Double
    private let state = Mutex(State())

    struct State {
        var buckets: [String: Bucket] = [:]
        var prunedAt = -Double.infinity
    }

    struct Bucket {
        var tokens: Double
        var updated: Double
    }

    /// - Parameter perMinute: 0 turns the limit off.
    init(perMinute: Int, now: @escaping @Sendable () -> Double = RateLimiter.monotonicSeconds) {
        self.perMinute = perMinute
        self.now = now
    }

    /// Remembered clients above which idle ones are forgotten.
    static let pruneAbove = 100_000

    static func monotonicSeconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    func admit(_ client: String) -> Int? {
        guard perMinute > 0 else { return nil }
        let capacity = Double(perMinute)
        let rate = capacity / 60
        let time = now()
        return state.withLock { state in
            // Forget clients whose bucket has refilled, at most once a minute (not on every call
            // while many clients are active).
            if state.buckets.count > Self.pruneAbove, time - state.prunedAt >= 60 {
                state.buckets = state.buckets.filter { $0.value.tokens + (time - $0.value.updated) * rate < capacity }
                state.prunedAt = time
            }
            var bucket = state.buckets[client] ?? Bucket(tokens: capacity, updated: time)
            bucket.tokens = min(capacity, bucket.tokens + (time - bucket.updated) * rate)
            bucket.updated = time
            defer { state.buckets[client] = bucket }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return nil
            }
            return max(1, Int(((1 - bucket.tokens) / rate).rounded(.up)))
        }
    }
}

/// Failed logins counted per login name and per client over a sliding window; past the limit the
/// next attempt is refused (429) until the oldest failure leaves the window. A success clears the
/// login name's count. Unknown names are counted like real ones, so the answers do not tell them apart.
final class LoginThrottle: Sendable {
    let perAccount: Int
    let perClient: Int
    let window: Double
    private let now: @Sendable () -> Double
    private let state = Mutex(State())

    struct State {
        var failures: [String: [Double]] = [:]
        var prunedAt = -Double.infinity
    }

    init(perAccount: Int, perClient: Int, window: Double, now: @escaping @Sendable () -> Double = RateLimiter.monotonicSeconds) {
        self.perAccount = perAccount
        self.perClient = perClient
        self.window = window
        self.now = now
    }

    static func accountKey(_ login: String) -> String { "a:" + login.trimmingCharacters(in: .whitespaces).lowercased() }
    static func clientKey(_ client: String) -> String { "c:" + client }

    /// Seconds to wait when either count is at its limit, else nil.
    func retryAfter(login: String, client: String) -> Int? {
        let time = now()
        return state.withLock { state in
            var wait: Double?
            for (key, limit) in [(Self.accountKey(login), perAccount), (Self.clientKey(client), perClient)] {
                let recent = (state.failures[key] ?? []).filter { $0 > time - window }
                state.failures[key] = recent.isEmpty ? nil : recent
                if recent.count >= limit, let oldest = recent.first { wait = max(wait ?? 0, oldest + window - time) }
            }
            return wait.map { max(1, Int($0.rounded(.up))) }
        }
    }

    func recordFailure(login: String, client: String) {
        let time = now()
        state.withLock { state in
            if state.failures.count > RateLimiter.pruneAbove, time - state.prunedAt >= 60 {
                state.failures = state.failures.filter { ($0.value.last ?? 0) > time - window }
                state.prunedAt = time
            }
            state.failures[Self.accountKey(login), default: []].append(time)
            state.failures[Self.clientKey(client), default: []].append(time)
        }
    }

    func recordSuccess(login: String) {
        _ = state.withLock { $0.failures.removeValue(forKey: Self.accountKey(login)) }
    }
}
