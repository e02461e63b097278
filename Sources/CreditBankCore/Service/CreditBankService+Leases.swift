import Foundation

extension CreditBankService {
    /// Claims (or renews) the lease `name` for `holder` for `seconds` (docs/storage.md): work that one
    /// node at a time does. Returns whether `holder` has it now.
    public func claimLease(_ name: String, holder: String, for seconds: TimeInterval) async throws -> Bool {
        let now = clock.now()
        return try await storage.write { db in
            try db.claimLease(name, holder: holder, until: now.addingTimeInterval(seconds), now: now)
        }
    }

    /// Gives the lease back before it expires.
    public func releaseLease(_ name: String, holder: String) async throws {
        try await storage.write { db in try db.releaseLease(name, holder: holder) }
    }
}
