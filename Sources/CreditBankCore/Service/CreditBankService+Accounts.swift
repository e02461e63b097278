import Foundation

/// What a learner registers with (docs/product.md §5 `POST /auth/register`).
public struct Registration: Sendable {
    public var name: String
    public var idNumber: String
    public var phone: String
    /// Creates a registration.
    public init(name: String, idNumber: String, phone: String) {
        self.name = name
        self.idNumber = idNumber
        self.phone = phone
    }
}

extension CreditBankService {
    /// Validates a registration (before the caller spends time hashing the password).
    /// - Throws: `CreditBankError.invalid` naming the field.
    public func validate(_ registration: Registration) throws(CreditBankError) -> (PersonName, IDCardNumber, PhoneNumber) {
        let name = try PersonName(registration.name)
        try requirePrintable(name.value, field: "name")
        let idNumber = try IDCardNumber(registration.idNumber)
        guard let birthDate = idNumber.birthDate, birthDate <= clock.today() else {
            throw .invalid(
                field: "idNumber",
                reason: "birth date \(idNumber.birthDate.map(String.init(describing:)) ?? "?") is in the future: accepted birth dates are "
                    + "\(IDCardNumber.earliestBirthYear)-01-01 to today")
        }
        return (name, idNumber, try PhoneNumber(registration.phone))
    }

    /// Opens a learner account with a fresh account number and card id.
    /// - Throws: `.invalid` for a bad field, `.conflict` if the ID number or phone is registered.
    public func register(_ registration: Registration, passwordHash: String) async throws -> Learner {
        let (name, idNumber, phone) = try validate(registration)
        let now = clock.now()
        let random = self.random
        return try await storage.write { db in
            if let existing = try db.learner(idNumber: idNumber.value) {
                guard existing.isActive else {
                    throw CreditBankError.conflict("an institution created an account for this ID number: activate it at /activate")
                }
                throw CreditBankError.conflict("this ID number is already registered")
            }
            if try db.learner(phone: phone.value) != nil { throw CreditBankError.conflict("this phone number is already registered") }
            let learner = Learner(
                id: 0, accountNumber: AccountNumbers.accountNumber(using: random), cardID: AccountNumbers.cardID(using: random),
                name: name, idNumber: idNumber, phone: phone, registeredAt: now)
            return try db.insert(learner, passwordHash: passwordHash)
        }
    }

    /// Adds an institution (admin).
    /// - Throws: `.invalid` for a bad code or name, `.conflict` if the code exists.
    public func addInstitution(code: String, name: String, kind: String) async throws -> Institution {
        try Institution.validate(code: code)
        let name = try Text.require(name, field: "name", max: 100)
        try requirePrintable(name, field: "name")
        guard let kind = Institution.Kind(rawValue: kind) else {
            throw CreditBankError.invalid(
                field: "kind", reason: "'\(kind)' is not one of \(Institution.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return try await storage.write { db in
            if try db.institution(code: code) != nil { throw CreditBankError.conflict("institution \(code) already exists") }
            return try db.insert(Institution(id: 0, code: code, name: name, kind: kind))
        }
    }

    /// Adds a staff account; an institution reviewer names their institution's code.
    /// - Throws: `.invalid` for a bad username or role, `.notFound` for an unknown institution, `.conflict` for a taken username.
    public func addStaff(username: String, displayName: String?, role: String, institutionCode: String?, passwordHash: String) async throws
        -> StaffMember
    {
        try StaffMember.validate(username: username)
        let display = try Text.optional(displayName, field: "displayName", max: 50) ?? username
        return try await storage.write { db in
            let resolved: StaffRole
            switch role {
            case "admin": resolved = .admin
            case "expert": resolved = .expert
            case "institution":
                guard let code = institutionCode else {
                    throw CreditBankError.invalid(field: "institution", reason: "an institution reviewer needs --institution CODE")
                }
                resolved = .institution(try db.require(db.institution(code: code), "institution \(code)").id)
            default: throw CreditBankError.invalid(field: "role", reason: "'\(role)' is not admin, institution or expert")
            }
            if try db.staff(username: username) != nil { throw CreditBankError.conflict("username \(username) is taken") }
            return try db.insert(StaffMember(id: 0, username: username, displayName: display, role: resolved), passwordHash: passwordHash)
        }
    }
}

extension CreditBankService {
    /// Every institution, by code.
    public func institutions() async throws -> [Institution] {
        try await storage.read { db in try db.institutions() }
    }
}

/// Staff accounts managed by administrators in the console (docs/product.md §8): created and reset
/// with a one-time password that must be changed at the first sign-in, disabled, each audited.
extension CreditBankService {
    /// Every staff account.
    /// - Throws: `.forbidden` for anyone but an administrator.
    public func staffAccounts(for admin: StaffMember) async throws -> [StaffMember] {
        guard admin.role == .admin else { throw CreditBankError.forbidden("only administrators manage accounts") }
        return try await storage.read { db in try db.allStaff() }
    }

    /// Creates a staff account with a one-time password (hashed by the caller).
    /// - Throws: as `addStaff`, and `.forbidden` for anyone but an administrator.
    public func createStaffAccount(
        username: String, displayName: String?, role: String, institutionCode: String?, oneTimePasswordHash: String, by admin: StaffMember
    ) async throws -> StaffMember {
        guard admin.role == .admin else { throw CreditBankError.forbidden("only administrators manage accounts") }
        let created = try await addStaff(
            username: username, displayName: displayName, role: role, institutionCode: institutionCode, passwordHash: oneTimePasswordHash)
        let now = clock.now()
        try await storage.write { db in
            try db.setMustChangePassword(true, staff: created.id)
            try db.insert(
                AuditEntry(
                    at: now, by: admin, .accountChange, "staff \(created.username)",
                    "created as \(role)\(institutionCode.map { " of \($0)" } ?? ""), one-time password"))
        }
        var account = created
        account.mustChangePassword = true
        return account
    }

    /// Sets a one-time password (hashed by the caller) and ends the account's sessions.
    /// - Throws: `.forbidden`, `.notFound`.
    public func resetStaffPassword(_ id: StaffID, oneTimePasswordHash: String, by admin: StaffMember) async throws -> StaffMember {
        guard admin.role == .admin else { throw CreditBankError.forbidden("only administrators manage accounts") }
        let now = clock.now()
        return try await storage.write { db in
            let member = try db.require(db.staff(id), "staff account \(id)")
            try db.setPasswordHash(of: .staff(id), to: oneTimePasswordHash)
            try db.setMustChangePassword(true, staff: id)
            try db.deleteSessions(of: .staff(id), except: nil)
            try db.insert(AuditEntry(at: now, by: admin, .accountChange, "staff \(member.username)", "password reset to a one-time password"))
            return member
        }
    }

    /// Disables (or enables again) a staff account; a disabled account's sessions end at once.
    /// - Throws: `.forbidden` (not an administrator, or their own account), `.notFound`.
    public func setStaffDisabled(_ id: StaffID, _ disabled: Bool, by admin: StaffMember) async throws -> StaffMember {
        guard admin.role == .admin else { throw CreditBankError.forbidden("only administrators manage accounts") }
        guard id != admin.id else { throw CreditBankError.forbidden("an administrator cannot disable their own account") }
        let now = clock.now()
        return try await storage.write { db in
            var member = try db.require(db.staff(id), "staff account \(id)")
            try db.setStaffDisabled(disabled, staff: id, at: now)
            if disabled { try db.deleteSessions(of: .staff(id), except: nil) }
            try db.insert(AuditEntry(at: now, by: admin, .accountChange, "staff \(member.username)", disabled ? "disabled" : "enabled"))
            member.disabled = disabled
            return member
        }
    }
}
