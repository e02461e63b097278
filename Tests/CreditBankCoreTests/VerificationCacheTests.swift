import Foundation
import Testing

@testable import CreditBankCore

@Suite("Verification cache: lifetime, capacity, eviction")
struct VerificationCacheTests {
    func entry(_ seed: UInt64, at time: Date) -> VerificationCache.Entry {
        let record = RegistryRecord(
            documentID: DocumentID(Int64(seed)), holderID: LearnerID(1), kind: .conversionCertificate, issuerName: "学分银行管理中心", issuedAt: time,
            code: VerificationCode.generate(using: SeededRandomSource(seed: seed)), sha256: "ab", expiresAt: nil, revocation: nil,
            supersededBy: nil, newerCode: nil, summary: PublicSummary(holderName: "张三", holderIDMasked: "1101**********1234", lines: []))
        return VerificationCache.Entry(record: record, storedAt: time)
    }

    @Test("an entry lives `lifetime` seconds; a full cache drops its oldest entry for the new one; evict forgets one")
    func lifeAndCapacity() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let cache = VerificationCache(lifetime: 5, capacity: 3)
        let entries = (1...4).map { entry(UInt64($0), at: now.addingTimeInterval(Double($0) / 10)) }
        for entry in entries.prefix(3) { cache.put(entry) }
        #expect(entries.prefix(3).allSatisfy { cache.get($0.record.code, at: now.addingTimeInterval(4.9)) != nil })
        cache.put(entries[3])  // the fourth: the oldest is dropped
        #expect(cache.count == 3)
        #expect(cache.get(entries[0].record.code, at: now.addingTimeInterval(1)) == nil)
        #expect(entries[1...3].allSatisfy { cache.get($0.record.code, at: now.addingTimeInterval(1))?.record.documentID == $0.record.documentID })
        #expect(cache.get(entries[3].record.code, at: now.addingTimeInterval(5.4)) == nil)  // expired, and forgotten
        cache.put(entries[0])
        cache.evict(entries[0].record.code)
        #expect(cache.get(entries[0].record.code, at: now) == nil)
    }

    @Test("each new entry drops those that expired before it, oldest first, so the cache never fills and never empties at once")
    func expiredDroppedAsNewArrive() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let cache = VerificationCache(lifetime: 5, capacity: 50_000)
        // 3,000 entries a second for 20 seconds: about 15,000 held at any time, the oldest 5 s old.
        for i in 0..<60_000 {
            cache.put(entry(UInt64(i + 1), at: start.addingTimeInterval(Double(i) / 3_000)))
            if i % 3_000 == 2_999, i >= 15_000 { #expect((15_000...15_001).contains(cache.count), "after \(i + 1) entries: \(cache.count)") }
        }

        // An entry stored again is kept when its first storing expires.
        let small = VerificationCache(lifetime: 5, capacity: 10)
        small.put(entry(7, at: start))
        small.put(entry(7, at: start.addingTimeInterval(3)))
        small.put(entry(8, at: start.addingTimeInterval(5.1)))
        #expect(small.get(entry(7, at: start).record.code, at: start.addingTimeInterval(5.1))?.storedAt == start.addingTimeInterval(3))
        small.put(entry(9, at: start.addingTimeInterval(8)))
        #expect(small.count == 2)
    }

    @Test("a record read before an eviction is not stored after it; one read after the eviction is")
    func noStaleRecordAfterEviction() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let cache = VerificationCache(lifetime: 5, capacity: 10)
        let stale = entry(1, at: now)
        guard case .miss(let mark) = cache.probe(stale.record.code, at: now) else {
            Issue.record("an empty cache answered")
            return
        }
        cache.evict(stale.record.code)  // the document's status changed while its record was being read
        cache.put(stale, ifNoEvictionSince: mark)
        #expect(cache.get(stale.record.code, at: now) == nil)
        cache.evictAll()
        guard case .miss(let fresh) = cache.probe(stale.record.code, at: now) else {
            Issue.record("an evicted code answered")
            return
        }
        #expect(fresh != mark)
        cache.put(stale, ifNoEvictionSince: fresh)
        #expect(cache.get(stale.record.code, at: now)?.record.documentID == stale.record.documentID)
    }

    @Test("when a full cache expires at once, a look-up frees only a few entries, and look-ups that hit drain the rest")
    func expiryFreedAFewAtATime() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let cache = VerificationCache(lifetime: 5, capacity: 50_000)
        for i in 0..<10_000 { cache.put(entry(UInt64(i + 1), at: start)) }
        // Random codes stop; one hot code goes on: its first put after they all expired.
        let hot = entry(20_001, at: start.addingTimeInterval(6))
        cache.put(hot)
        #expect(cache.count >= 10_000 - 2 * VerificationCache.dropsPerCall, "one put freed \(10_001 - cache.count) entries")
        for _ in 0..<5_000 { #expect(cache.get(hot.record.code, at: start.addingTimeInterval(6)) != nil) }
        #expect(cache.count == 1, "after 5,000 hits \(cache.count) entries remain")
    }
}
