import CreditBankCore
import CreditBankStore
import Foundation
import Testing

@Suite("Storage contract: the verification tally written in bulk")
struct VerificationTallyStoreTests {
    /// The counts and look-ups go to storage in statements of 100, 10 and 1 rows: 112 documents and
    /// 223 look-ups take every size, and a second write adds to the stored counts.
    @Test("every pending count and look-up is stored once, and a later write adds to the counts", arguments: Backend.all)
    func bulkWrite(backend: Backend) async throws {
        let bank = try await Fixture(backend: backend)
        var documents: [IssuedDocument] = []
        for _ in 0..<112 { documents.append(try await bank.service.issueTranscript(validityMonths: nil, for: bank.learner.id)) }
        #expect(Set(documents.map(\.id)).count == 112)

        // Document i is verified 1 + i % 3 times, each from its own network.
        var expected: [DocumentID: Int] = [:]
        var networks: [String] = []
        for (i, document) in documents.enumerated() {
            for n in 0..<(1 + i % 3) {
                let address = "10.\(i).\(n).7"
                _ = try await bank.service.verify(code: document.code.canonical, context: LookupContext(channel: .json, clientAddress: address))
                expected[document.id, default: 0] += 1
                networks.append("10.\(i).\(n).x")
            }
        }
        let total = expected.values.reduce(0, +)
        #expect(total == 223)

        let written = try await bank.service.flushVerificationTally()
        #expect(written == WrittenTally(documents: 112, lookups: 223))
        let issued = documents
        let (counts, stored) = try await bank.service.storage.read { db in
            (try issued.map { try db.verificationCount(of: $0.id) },
             try db.lookups(ofHolder: bank.learner.id, since: Date(timeIntervalSince1970: 0), limit: 1000))
        }
        #expect(counts == documents.map { expected[$0.id] ?? -1 })
        #expect(stored.count == 223)
        #expect(stored.map(\.lookup.network).sorted() == networks.sorted())
        #expect(stored.allSatisfy { $0.lookup.channel == .json && $0.lookup.holderID == bank.learner.id })
        #expect(Set(stored.map(\.lookup.documentID)) == Set(documents.map(\.id)))

        // Nothing pending: nothing written. Then one more look-up adds to the stored count.
        #expect(try await bank.service.flushVerificationTally(droppingExpired: false) == WrittenTally(documents: 0, lookups: 0))
        _ = try await bank.service.verify(code: documents[0].code.canonical, context: LookupContext(channel: .page, clientAddress: "192.0.2.1"))
        #expect(try await bank.service.flushVerificationTally() == WrittenTally(documents: 1, lookups: 1))
        #expect(try await bank.service.verificationCount(of: documents[0].id) == expected[documents[0].id]! + 1)
        #expect(try await bank.service.lookups(of: bank.learner.id, limit: 1000).count == 224)
    }
}
