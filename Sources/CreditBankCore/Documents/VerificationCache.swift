import Foundation
import Synchronization

/// Recently looked-up documents by code, so the public verification answer (the busiest read) needs
/// no database round trip. Status is computed at each look-up from the cached fields, so expiry is
/// exact; entries live `lifetime` seconds, and the service evicts a document the moment it revokes
/// or supersedes it, so a change made through this process shows at once and one made by another
/// process within `lifetime`.
public final class VerificationCache: Sendable {
    struct Entry {
        var record: RegistryRecord
        var storedAt: Date
    }

    let lifetime: TimeInterval
    let capacity: Int
    private let state = Mutex(State())

    /// The entries by code, and their codes in the order they were stored: each `put` drops the
    /// oldest entries once they expire (or the cache is full), one or two at a time, so no look-up
    /// ever frees a whole cache at once (50,000 records took tens of milliseconds; issue 18).
    private struct State {
        var entries: [VerificationCode: Entry] = [:]
        var order: [(code: VerificationCode, storedAt: Date)] = []
        /// The first of `order` still to be looked at.
        var head = 0

        /// Drops the oldest entries stored `lifetime` before `now` or more, and more while `full` says so.
        mutating func dropOldest(before now: Date, lifetime: TimeInterval, full: (Int) -> Bool) {
            while head < order.count {
                let (code, storedAt) = order[head]
                guard now.timeIntervalSince(storedAt) >= lifetime || full(entries.count) else { break }
                head += 1
                // An entry stored again later (or already evicted) is not this one.
                if entries[code]?.storedAt == storedAt { entries[code] = nil }
            }
            if head > 1024, head * 2 > order.count {
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

    func get(_ code: VerificationCode, at now: Date) -> Entry? {
        state.withLock { state in
            guard let entry = state.entries[code] else { return nil }
            guard now.timeIntervalSince(entry.storedAt) < lifetime, now >= entry.storedAt else {
                state.entries[code] = nil
                return nil
            }
            return entry
        }
    }

    func put(_ entry: Entry) {
        state.withLock { state in
            let capacity = capacity
            state.dropOldest(before: entry.storedAt, lifetime: lifetime) { $0 >= capacity }
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
        }
    }

    /// Forgets a document (after it was revoked or superseded).
    public func evict(_ code: VerificationCode) {
        _ = state.withLock { $0.entries.removeValue(forKey: code) }
    }
}
