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
    private let entries = Mutex<[VerificationCode: Entry]>([:])

    /// - Parameters:
    ///   - lifetime: seconds an entry is trusted.
    ///   - capacity: entries kept at most (the cache empties when full).
    public init(lifetime: TimeInterval = 5, capacity: Int = 50_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    func get(_ code: VerificationCode, at now: Date) -> Entry? {
        entries.withLock { entries in
            guard let entry = entries[code] else { return nil }
            guard now.timeIntervalSince(entry.storedAt) < lifetime, now >= entry.storedAt else {
                entries[code] = nil
                return nil
            }
            return entry
        }
    }

    func put(_ entry: Entry) {
        // A full cache is swapped for an empty one under the lock and freed after it: freeing
        // 50,000 records took long enough, under the lock, to stall every look-up behind it.
        let dropped: [VerificationCode: Entry]? = entries.withLock { entries in
            var dropped: [VerificationCode: Entry]?
            if entries.count >= capacity {
                dropped = entries
                entries = Dictionary(minimumCapacity: capacity)
            }
            entries[entry.record.code] = entry
            return dropped
        }
        _ = dropped
    }

    /// Forgets every document (changes made elsewhere may have been missed).
    public func evictAll() {
        entries.withLock { $0.removeAll(keepingCapacity: true) }
    }

    /// Forgets a document (after it was revoked or superseded).
    public func evict(_ code: VerificationCode) {
        _ = entries.withLock { $0.removeValue(forKey: code) }
    }
}
