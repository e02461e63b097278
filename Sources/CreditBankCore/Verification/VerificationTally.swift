import Foundation
import Synchronization

/// How often each document was verified (by code or by upload), counted in memory on the hot path
/// and written to storage now and then (`CreditBankService.flushVerificationTally`), so that a
/// look-up never waits for a write. The console shows the stored count plus what is pending.
public final class VerificationTally: Sendable {
    private let pending = Mutex<[DocumentID: Int]>([:])

    public init() {}

    /// Counts one verification of `document`.
    public func count(_ document: DocumentID) {
        pending.withLock { $0[document, default: 0] += 1 }
    }

    /// The verifications of `document` not yet written.
    public func pendingCount(of document: DocumentID) -> Int {
        pending.withLock { $0[document] ?? 0 }
    }

    /// Takes every pending count (to be written).
    func take() -> [DocumentID: Int] {
        pending.withLock { counts in
            defer { counts = [:] }
            return counts
        }
    }

    /// Puts counts back after a failed write.
    func restore(_ counts: [DocumentID: Int]) {
        pending.withLock { current in
            for (document, n) in counts { current[document, default: 0] += n }
        }
    }
}

extension CreditBankService {
    /// Writes the pending verification counts; returns how many documents were updated.
    @discardableResult
    public func flushVerificationTally() async throws -> Int {
        let counts = verificationTally.take()
        guard !counts.isEmpty else { return 0 }
        let now = clock.now()
        do {
            try await storage.write { db in try db.addVerifications(counts, at: now) }
        } catch {
            verificationTally.restore(counts)
            throw error
        }
        return counts.count
    }

    /// How often a document was verified: stored plus pending.
    public func verificationCount(of document: DocumentID) async throws -> Int {
        let stored = try await storage.read { db in try db.verificationCount(of: document) }
        return stored + verificationTally.pendingCount(of: document)
    }
}
