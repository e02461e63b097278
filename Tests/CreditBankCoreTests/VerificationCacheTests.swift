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

    @Test("an entry lives `lifetime` seconds; a full cache starts again empty with the new entry; evict forgets one")
    func lifeAndCapacity() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let cache = VerificationCache(lifetime: 5, capacity: 3)
        let entries = (1...4).map { entry(UInt64($0), at: now) }
        for entry in entries.prefix(3) { cache.put(entry) }
        #expect(entries.prefix(3).allSatisfy { cache.get($0.record.code, at: now.addingTimeInterval(4.9)) != nil })
        cache.put(entries[3])  // the fourth: the three before are dropped
        #expect(entries.prefix(3).allSatisfy { cache.get($0.record.code, at: now) == nil })
        #expect(cache.get(entries[3].record.code, at: now)?.record.documentID == entries[3].record.documentID)
        #expect(cache.get(entries[3].record.code, at: now.addingTimeInterval(5)) == nil)  // expired, and forgotten
        cache.put(entries[0])
        cache.evict(entries[0].record.code)
        #expect(cache.get(entries[0].record.code, at: now) == nil)
    }
}
