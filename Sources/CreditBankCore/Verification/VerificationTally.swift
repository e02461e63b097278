import Foundation
import Synchronization

/// How often each document was verified (by code or by upload), and the look-ups the holder sees
/// on `/me/verifications`, kept in memory on the hot path and written to storage now and then
/// (`CreditBankService.flushVerificationTally`), so that a look-up never waits for a write. The
/// console shows the stored count plus what is pending; the holder's log adds the pending look-ups.
public final class VerificationTally: Sendable {
    /// Counts and look-ups under one lock: a verification by code takes it once for both.
    private struct Pending {
        var counts: [DocumentID: Int] = [:]
        var lookups: [VerificationLookup] = []

        mutating func append(_ lookup: VerificationLookup) {
            if lookups.count >= VerificationTally.lookupCapacity { lookups.removeFirst(lookups.count / 10) }
            lookups.append(lookup)
        }
    }
    private let pending = Mutex(Pending())
    /// Look-ups kept while storage cannot be written; beyond this the oldest are dropped (counts stay).
    static let lookupCapacity = 200_000

    public init() {}

    /// Counts one verification of `document` and records its look-up, if any, for the holder's log.
    public func count(_ document: DocumentID, recording lookup: VerificationLookup?) {
        pending.withLock { pending in
            pending.counts[document, default: 0] += 1
            if let lookup { pending.append(lookup) }
        }
    }

    /// Records one look-up for the holder's log.
    public func record(_ lookup: VerificationLookup) {
        pending.withLock { $0.append(lookup) }
    }

    /// The look-ups of `holder`'s documents not yet written.
    func pendingLookups(of holder: LearnerID) -> [VerificationLookup] {
        pending.withLock { $0.lookups.filter { $0.holderID == holder } }
    }

    func takeLookups() -> [VerificationLookup] {
        pending.withLock { pending in
            defer { pending.lookups = [] }
            return pending.lookups
        }
    }

    func restoreLookups(_ taken: [VerificationLookup]) {
        pending.withLock { $0.lookups.insert(contentsOf: taken, at: 0) }
    }

    /// The verifications of `document` not yet written.
    public func pendingCount(of document: DocumentID) -> Int {
        pending.withLock { $0.counts[document] ?? 0 }
    }

    /// Takes every pending count (to be written).
    func take() -> [DocumentID: Int] {
        pending.withLock { pending in
            defer { pending.counts = [:] }
            return pending.counts
        }
    }

    /// Puts counts back after a failed write.
    func restore(_ counts: [DocumentID: Int]) {
        pending.withLock { pending in
            for (document, n) in counts { pending.counts[document, default: 0] += n }
        }
    }
}

/// What one write of the pending tally stored.
public struct WrittenTally: Sendable, Equatable {
    /// Documents whose verification count grew.
    public var documents: Int
    /// Look-ups added to the holders' logs.
    public var lookups: Int

    public init(documents: Int, lookups: Int) {
        self.documents = documents
        self.lookups = lookups
    }
}

extension CreditBankService {
    /// Writes the pending verification counts and look-ups in one transaction, and with
    /// `droppingExpired` deletes the stored look-ups older than 180 days; writes nothing when nothing
    /// is pending and nothing is to be dropped. On failure everything taken stays pending.
    @discardableResult
    public func flushVerificationTally(droppingExpired: Bool = true) async throws -> WrittenTally {
        let counts = verificationTally.take()
        let lookups = verificationTally.takeLookups()
        let written = WrittenTally(documents: counts.count, lookups: lookups.count)
        guard !counts.isEmpty || !lookups.isEmpty || droppingExpired else { return written }
        let now = clock.now()
        do {
            try await storage.write { db in
                if !counts.isEmpty { try db.addVerifications(counts, at: now) }
                if !lookups.isEmpty { try db.insert(lookups) }
                if droppingExpired { try db.dropLookups(before: now.addingTimeInterval(-VerificationLookup.retention)) }
            }
        } catch {
            verificationTally.restore(counts)
            verificationTally.restoreLookups(lookups)
            throw error
        }
        return written
    }

    /// Records a look-up of `document` unless the viewer is its holder (whose own views are not counted).
    func recordLookup(of document: IssuedDocument, _ context: LookupContext?, at now: Date) {
        if let lookup = Self.lookup(of: document.id, heldBy: document.holderID, context, at: now) { verificationTally.record(lookup) }
    }

    /// Counts a verification of document `id` and records its look-up (as `recordLookup`), under one lock.
    func countVerification(of id: DocumentID, heldBy holder: LearnerID, _ context: LookupContext?, at now: Date) {
        verificationTally.count(id, recording: Self.lookup(of: id, heldBy: holder, context, at: now))
    }

    /// The holder's log entry for a look-up: none without a context or when the viewer is the holder.
    static func lookup(of id: DocumentID, heldBy holder: LearnerID, _ context: LookupContext?, at now: Date) -> VerificationLookup? {
        guard let context, context.viewer != holder else { return nil }
        return VerificationLookup(
            documentID: id, holderID: holder, at: now, channel: context.channel, network: VerificationLookup.network(of: context.clientAddress))
    }

    /// The look-ups of the learner's documents in the last 180 days, newest first (at most `limit`),
    /// those not yet written included.
    public func lookups(of learner: LearnerID, limit: Int = 500) async throws -> [HolderLookup] {
        let now = clock.now()
        let since = now.addingTimeInterval(-VerificationLookup.retention)
        let pending = verificationTally.pendingLookups(of: learner).filter { $0.at >= since }
        return try await storage.read { db in
            var kinds: [DocumentID: (DocumentKind, VerificationCode)] = [:]
            for lookup in pending where kinds[lookup.documentID] == nil {
                if let document = try db.document(lookup.documentID) { kinds[lookup.documentID] = (document.kind, document.code) }
            }
            let fresh = pending.reversed().compactMap { lookup in
                kinds[lookup.documentID].map { HolderLookup(lookup: lookup, kind: $0.0, code: $0.1) }
            }
            return Array((fresh + (try db.lookups(ofHolder: learner, since: since, limit: limit))).prefix(limit))
        }
    }

    /// How often a document was verified: stored plus pending.
    public func verificationCount(of document: DocumentID) async throws -> Int {
        let stored = try await storage.read { db in try db.verificationCount(of: document) }
        return stored + verificationTally.pendingCount(of: document)
    }
}
