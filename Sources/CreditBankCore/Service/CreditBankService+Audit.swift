import Foundation

extension CreditBankService {
    /// The audit log for an administrator, newest first, filtered (docs/product.md §2 "Audit").
    /// - Throws: `.forbidden` for anyone else; `.invalid` naming `staff` for an unknown username,
    ///   `limit` or `offset` outside their ranges.
    public func auditLog(_ filter: AuditFilter, limit: Int, offset: Int, for staff: StaffMember) async throws -> Page<AuditEntry> {
        guard staff.role == .admin else { throw CreditBankError.forbidden("only administrators read the audit log") }
        guard (1...100_000).contains(limit) else { throw CreditBankError.invalid(field: "limit", reason: "must be 1 to 100000") }
        guard (0...PageRequest.maximumOffset).contains(offset) else {
            throw CreditBankError.invalid(field: "offset", reason: "must be 0 to \(PageRequest.maximumOffset)")
        }
        let from = filter.from.map { Self.startOfDay($0) }
        let before = filter.to.map { Self.startOfDay($0.adding(days: 1)) }
        return try await storage.read { db in
            var staffID: StaffID?
            if let username = filter.staff, !username.isEmpty {
                guard let member = try db.staff(username: username) else {
                    throw CreditBankError.invalid(field: "staff", reason: "no staff account '\(username)'")
                }
                staffID = member.id
            }
            return try db.auditEntries(action: filter.action, staff: staffID, from: from, before: before, limit: limit, offset: offset)
        }
    }

}
