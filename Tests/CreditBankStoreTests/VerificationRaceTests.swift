import CreditBankCore
import CreditBankStore
import Foundation
import Synchronization
import Testing

/// A storage that runs a step between a look-up's read and its return: the moment a concurrent
/// change can commit while a verification holds a record read before it.
final class InterleavingStorage: TestStorage {
    let base: any TestStorage
    /// Run once, after the next look-up has read.
    let afterNextLookup = Mutex<(@Sendable () async throws -> Void)?>(nil)

    init(base: any TestStorage) { self.base = base }

    func read<T: Sendable>(_ body: @escaping @Sendable (any StorageReading) throws -> T) async throws -> T { try await base.read(body) }
    func write<T: Sendable>(_ body: @escaping @Sendable (any StorageWriting) throws -> T) async throws -> T { try await base.write(body) }
    func lookup<T: Sendable>(_ body: @escaping @Sendable (any StorageReading) throws -> T) async throws -> T {
        let value = try await base.lookup(body)
        if let step = afterNextLookup.withLock({ $0.take() }) { try await step() }
        return value
    }
    func incrementWindowCount(key: String, window: Int64, dropBefore: Int64?) async throws -> Int {
        try await base.incrementWindowCount(key: key, window: window, dropBefore: dropBefore)
    }
    func execute(_ sql: String) async throws { try await base.execute(sql) }
    func integer(_ sql: String) async throws -> Int64? { try await base.integer(sql) }
}

@Suite("Verification racing a revocation")
struct VerificationRaceTests {
    @Test("a revocation that commits while a look-up holds the old record shows at the next look-up", arguments: Backend.all)
    func revocationDuringLookup(backend: Backend) async throws {
        let storage = InterleavingStorage(base: try await backend.makeStorage())
        let f = try await Fixture(backend: backend, storage: storage)
        let document = try await f.service.issueTranscript(validityMonths: nil, for: f.learner.id)
        let service = f.service, admin = f.admin
        storage.afterNextLookup.withLock { $0 = { _ = try await service.revoke(document.id, reason: "材料造假", by: admin) } }
        // This look-up read the document before the revocation committed: it may answer valid.
        guard case .found(let during) = try await service.verify(code: document.code.canonical) else {
            Issue.record("the issued document was not found")
            return
        }
        #expect(during.status.name == "valid")
        #expect(storage.afterNextLookup.withLock { $0 == nil }, "the revocation ran")
        // Every look-up after the revocation says revoked, though the first one's record was read before it.
        guard case .found(let after) = try await service.verify(code: document.code.canonical) else {
            Issue.record("the revoked document was not found")
            return
        }
        #expect(after.status.name == "revoked")
    }
}
