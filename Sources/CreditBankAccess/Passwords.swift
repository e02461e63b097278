import HummingbirdBcrypt

/// Password hashing: bcrypt with a per-password random salt, slow on purpose. Call it off the
/// event loop (it takes ~50–100 ms at cost 10 on this machine).
public enum Passwords {
    /// The bcrypt cost; each step doubles the work.
    public static let cost: UInt8 = 10

    /// Checks a new password's strength.
    /// - Throws: `PasswordError` saying what to change.
    public static func validate(_ password: String, field: String = "password") throws(PasswordError) {
        guard password.count >= 8 else { throw PasswordError(field: field, reason: "must be at least 8 characters") }
        guard password.utf8.count <= 72 else { throw PasswordError(field: field, reason: "must be at most 72 bytes (bcrypt's limit)") }
        guard password.contains(where: \.isLetter), password.contains(where: \.isNumber) else {
            throw PasswordError(field: field, reason: "must contain letters and digits")
        }
    }

    /// The bcrypt hash (salt included) of `password`.
    public static func hash(_ password: String, cost: UInt8 = cost) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    /// Whether `password` matches `hash`; a malformed hash never matches.
    public static func verify(_ password: String, against hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }
}

/// A password that does not meet the rules.
public struct PasswordError: Error, Equatable, CustomStringConvertible {
    public let field: String
    public let reason: String
    public var description: String { "\(field): \(reason)" }
}
