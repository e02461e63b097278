import CreditBankCore
import CreditBankStore
import Foundation
import Testing

/// Evidence files no record refers to are removed; referenced ones and fresh uploads stay.
@Suite("Evidence clean-up")
struct EvidenceSweepTests {
    @Test("an hour-old file without a record goes; a referenced file, a fresh one and one stored again stay; stale partial writes go")
    func sweep() async throws {
        let bank = try await Fixture()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("creditbank-evidence-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = EvidenceDirectory(root: folder)
        let service = CreditBankService(storage: bank.storage, renderer: FakeRenderer(), clock: bank.clock, evidenceFiles: files)

        func stored(_ text: String, age: TimeInterval) throws -> (hash: String, url: URL) {
            let bytes = Array(("%PDF-1.4 " + text).utf8)
            let hash = CreditBankService.sha256(bytes)
            try files.store(bytes, sha256: hash)
            let url = folder.appendingPathComponent(String(hash.prefix(2))).appendingPathComponent(hash + ".bin")
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-age)], ofItemAtPath: url.path)
            return (hash, url)
        }
        // A file with its record, old; an orphan, old; an orphan just stored; an old orphan stored again.
        let referenced = try stored("referenced", age: 7200)
        let outcome = try await bank.storedNCRE()
        _ = try await bank.storage.write { db in
            try db.insert(
                Evidence(
                    id: 0, learnerID: bank.learner.id, subject: .outcome(outcome.id), format: .pdf, sha256: referenced.hash, byteCount: 20,
                    uploadedAt: Date()))
        }
        let orphan = try stored("orphan", age: 7200)
        let fresh = try stored("fresh", age: 10)
        let again = try stored("again", age: 7200)
        try files.store(Array("%PDF-1.4 again".utf8), sha256: again.hash)
        let partial = orphan.url.deletingLastPathComponent().appendingPathComponent(".\(orphan.hash).abandoned.tmp")
        FileManager.default.createFile(atPath: partial.path, contents: Data("half".utf8))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: partial.path)

        #expect(try await service.sweepEvidence(olderThan: 3600) == 2)
        #expect(!FileManager.default.fileExists(atPath: orphan.url.path))
        #expect(!FileManager.default.fileExists(atPath: partial.path))
        for kept in [referenced, fresh, again] {
            #expect(FileManager.default.fileExists(atPath: kept.url.path))
        }
        #expect(try files.bytes(sha256: referenced.hash) != nil)
    }
}
