import Crypto
import Foundation

/// An account that can sign in: a learner or a staff member.
public enum AccountRef: Hashable, Sendable {
    case learner(LearnerID)
    case staff(StaffID)
}

/// A signed-in caller, loaded from their session.
public enum Principal: Hashable, Sendable {
    case learner(Learner)
    case staff(StaffMember)

    public var account: AccountRef {
        switch self {
        case .learner(let learner): .learner(learner.id)
        case .staff(let staff): .staff(staff.id)
        }
    }

    /// `learner`, `admin`, `institution` or `expert`, as login answers it.
    public var roleName: String {
        switch self {
        case .learner: "learner"
        case .staff(let staff): staff.role.name
        }
    }
}

/// A session as stored: the hash of its token, never the token itself, so a copy of the database
/// cannot be used to sign in.
public struct Session: Hashable, Sendable {
    public var tokenHash: String
    public var account: AccountRef
    public var createdAt: Date
    public var expiresAt: Date

    /// Creates a session record.
    public init(tokenHash: String, account: AccountRef, createdAt: Date, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.account = account
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// Opaque bearer tokens: 256 random bits in base64url, stored as their SHA-256.
public enum SessionToken {
    /// Random bytes in a token (256 bits).
    public static let byteCount = 32

    /// A fresh token from the injected random source (a CSPRNG in production).
    public static func generate(using random: any RandomSource) -> String {
        Data(random.bytes(byteCount)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Lower-case hex SHA-256 of the token, the key it is stored under.
    public static func hash(_ token: String) -> String {
        Hex.lowercase(SHA256.hash(data: Array(token.utf8)))
    }

    /// Whether `text` has a token's shape (43 base64url characters); anything else is not looked up.
    public static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 43
            && text.utf8.allSatisfy {
                (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || $0 == 0x2D || $0 == 0x5F
            }
    }
}

/// What a login name resolves to, with the stored password hash to check against.
public struct Credentials: Sendable {
    public var account: AccountRef
    public var passwordHash: String
    /// Pairs an account with its stored hash.
    public init(account: AccountRef, passwordHash: String) {
        self.account = account
        self.passwordHash = passwordHash
    }
}
