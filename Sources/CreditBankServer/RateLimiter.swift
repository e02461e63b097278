import CreditBankCore
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

/// How public look-ups are limited per client: in this process (one node: `RateLimiter`, a token
/// bucket) or in the database (several nodes: `SharedLookupLimiter`, per clock minute).
protocol LookupLimiter: Sendable {
    /// Nil to go ahead, or the seconds to wait (Retry-After).
    func admitLookup(_ client: String) async throws -> Int?
}

extension RateLimiter: LookupLimiter {
    func admitLookup(_ client: String) async throws -> Int? { admit(client) }
}

/// The look-up limit every node counts together (docs/deploy.md).
struct SharedLookupLimiter: LookupLimiter {
    let service: CreditBankService
    let perMinute: Int

    func admitLookup(_ client: String) async throws -> Int? {
        try await service.admitLookup(client: client, perMinute: perMinute)
    }
}
