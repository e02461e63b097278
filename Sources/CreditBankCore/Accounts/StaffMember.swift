/// What a staff account may do.
public enum StaffRole: Hashable, Sendable {
    /// The bank's administration: everything.
    case admin
    /// A reviewer of one institution: recognitions of its outcomes, initial reviews of conversions into it.
    case institution(InstitutionID)
    /// A member of the review committee: final reviews.
    case expert

    /// `admin`, `institution` or `expert`, as stored and as the API spells it.
    public var name: String {
        switch self {
        case .admin: "admin"
        case .institution: "institution"
        case .expert: "expert"
        }
    }
}

/// A staff account (administrator, institution reviewer or expert).
public struct StaffMember: Identifiable, Hashable, Sendable {
    /// Row id.
    public var id: StaffID
    /// Login name: letters, digits, `.`, `_`, `-`.
    public var username: String
    /// Display name on review records.
    public var displayName: String
    /// What the account may do.
    public var role: StaffRole
    /// A disabled account signs in no more; its records stay.
    public var disabled: Bool
    /// Signed in with a one-time password an administrator set: a new password comes first.
    public var mustChangePassword: Bool

    /// Creates a staff value.
    public init(id: StaffID, username: String, displayName: String, role: StaffRole, disabled: Bool = false, mustChangePassword: Bool = false) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.role = role
        self.disabled = disabled
        self.mustChangePassword = mustChangePassword
    }

    /// Validates a login name: 3–32 ASCII letters, digits, `.`, `_` or `-`.
    /// - Throws: `CreditBankError.invalid(field: "username")`.
    public static func validate(username: String) throws(CreditBankError) {
        guard (3...32).contains(username.count),
            username.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
        else { throw .invalid(field: "username", reason: "use 3–32 letters, digits, '.', '_' or '-'") }
    }
}
