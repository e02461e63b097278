import Foundation
import Synchronization

/// Recently looked-up documents by code, so the public verification answer (the busiest read) needs
/// no database round trip. Status is computed at each look-up from the cached fields, so expiry is
/// exact; entries live `lifetime` seconds, and the service evicts a document the moment it revokes
/// or supersedes it, so a change made through this process shows at once and one made by another
/// process within `lifetime`.
///
/// A record read before a change commits must not be stored after the change's eviction (it would
/// show the old status for `lifetime`): a miss hands out the count of evictions so far, and `put`
/// stores nothing if any eviction happened since.
public final class VerificationCache: Sendable {
    struct Entry {
        var record: RegistryRecord
        var storedAt: Date
    }

    let lifetime: TimeInterval
    let capacity: Int
    /// Expired entries one `probe` or `put` drops at most.
    static let dropsPerCall = 2
    private let state = Mutex(State())

    /// The entries by code, and their codes in the order they were stored: each `probe` and each
    /// `put` drops at most `dropsPerCall` of the oldest entries once they expire (and `put` one
    /// more when the cache is full), so no look-up ever frees a whole cache at once — 50,000
    /// records took tens of milliseconds, and when random codes gave way to one hot code, the
    /// first `put` after they expired held every look-up that long (p99 ×3, a 100 ms stall; issue 18).
    /// Two calls a look-up drop more than the one entry a look-up can add, so the cache drains.
    private struct State {
        var entries: [VerificationCode: Entry] = [:]
        var order: [(code: VerificationCode, storedAt: Date)] = []
        /// The first of `order` still to be looked at.
        var head = 0
        /// Evictions so far (`evict` and `evictAll`).
        var evictions: UInt64 = 0

        /// Drops up to `limit` of the oldest entries stored `lifetime` before `now` or more, and
        /// one more while `full` says so.
        mutating func dropOldest(before now: Date, lifetime: TimeInterval, limit: Int, full: (Int) -> Bool) {
            var dropped = 0
            while head < order.count {
                let (code, storedAt) = order[head]
                let expired = now.timeIntervalSince(storedAt) >= lifetime && dropped < limit
                guard expired || full(entries.count) else { break }
                dropped += 1
                head += 1
                // An entry stored again later (or already evicted) is not this one.
                if entries[code]?.storedAt == storedAt { entries[code] = nil }
            }
            // Every 4,096 drops the dropped codes are freed and the rest moved up: 0.15–0.25 ms
            // at 50,000 entries. Compacting once half the array was dropped freed up to 25,000
            // codes in one call, about 1 ms under the lock.
            if head >= 4096 {
                order.removeFirst(head)
                head = 0
            }
        }
    }

    /// - Parameters:
    ///   - lifetime: seconds an entry is trusted.
    ///   - capacity: entries kept at most (beyond it the oldest go first).
    public init(lifetime: TimeInterval = 5, capacity: Int = 50_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// Entries held (expired ones not yet dropped included).
    var count: Int { state.withLock { $0.entries.count } }

    /// What `probe` found: the entry, or on a miss the mark to hand to `put` with the record read.
    enum Probe {
        case hit(Entry)
        case miss(evictionsSoFar: UInt64)
    }

    func probe(_ code: VerificationCode, at now: Date) -> Probe {
        state.withLock { state in
            state.dropOldest(before: now, lifetime: lifetime, limit: Self.dropsPerCall) { _ in false }
            guard let entry = state.entries[code] else { return .miss(evictionsSoFar: state.evictions) }
            guard now.timeIntervalSince(entry.storedAt) < lifetime, now >= entry.storedAt else {
                state.entries[code] = nil
                return .miss(evictionsSoFar: state.evictions)
            }
            return .hit(entry)
        }
    }

    func get(_ code: VerificationCode, at now: Date) -> Entry? {
        if case .hit(let entry) = probe(code, at: now) { return entry }
        return nil
    }

    /// Stores `entry`, unless a document was evicted after the miss that handed out `mark` (the
    /// record may have been read before that change committed); no mark: stores it regardless.
    func put(_ entry: Entry, ifNoEvictionSince mark: UInt64? = nil) {
        state.withLock { state in
            if let mark, state.evictions != mark { return }
            let capacity = capacity
            state.dropOldest(before: entry.storedAt, lifetime: lifetime, limit: Self.dropsPerCall) { $0 >= capacity }
            state.entries[entry.record.code] = entry
            state.order.append((entry.record.code, entry.storedAt))
        }
    }

    /// Forgets every document (changes made elsewhere may have been missed).
    public func evictAll() {
        state.withLock { state in
            state.entries.removeAll(keepingCapacity: true)
            state.order.removeAll(keepingCapacity: true)
            state.head = 0
            state.evictions &+= 1
        }
    }

    /// Forgets a document (after it was revoked or superseded).
    public func evict(_ code: VerificationCode) {
        state.withLock { state in
            state.entries[code] = nil
            state.evictions &+= 1
        }
    }
}
