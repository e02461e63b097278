import Foundation

/// A document the bank issued: a frozen record that never changes except for its status (docs/product.md §3).
public struct IssuedDocument: Identifiable, Hashable, Sendable {
    /// Row id.
    public var id: DocumentID
    public var kind: DocumentKind
    public var language: DocumentLanguage
    /// Whose document it is.
    public var holderID: LearnerID
    /// The issuing body printed on it.
    public var issuerName: String
    public var issuedAt: Date
    public var code: VerificationCode
    /// Every printed field, as the JSON the template was rendered from (sorted keys).
    public var snapshot: Data
    public var templateName: String
    public var templateVersion: Int
    /// Lower-case hex SHA-256 of the PDF bytes.
    public var sha256: String
    public var byteCount: Int
    /// Optional end of validity (proofs; docs/product.md §3).
    public var expiresAt: Date?
    public var revocation: Revocation?
    /// The document that replaced this one.
    public var supersededBy: DocumentID?

    /// Why and when a document was revoked, and by whom.
    public struct Revocation: Hashable, Sendable {
        public var reason: String
        public var at: Date
        public var by: StaffID
        /// Creates a revocation.
        public init(reason: String, at: Date, by: StaffID) {
            self.reason = reason
            self.at = at
            self.by = by
        }
    }

    /// Creates a document value.
    public init(
        id: DocumentID, kind: DocumentKind, language: DocumentLanguage, holderID: LearnerID, issuerName: String, issuedAt: Date,
        code: VerificationCode, snapshot: Data, templateName: String, templateVersion: Int, sha256: String, byteCount: Int,
        expiresAt: Date? = nil, revocation: Revocation? = nil, supersededBy: DocumentID? = nil
    ) {
        self.id = id
        self.kind = kind
        self.language = language
        self.holderID = holderID
        self.issuerName = issuerName
        self.issuedAt = issuedAt
        self.code = code
        self.snapshot = snapshot
        self.templateName = templateName
        self.templateVersion = templateVersion
        self.sha256 = sha256
        self.byteCount = byteCount
        self.expiresAt = expiresAt
        self.revocation = revocation
        self.supersededBy = supersededBy
    }

    /// The status at `now`: revoked beats superseded beats expired beats valid.
    public func status(at now: Date) -> DocumentStatus {
        DocumentStatus(revocation: revocation, supersededBy: supersededBy, expiresAt: expiresAt, at: now)
    }
}

/// A document's status as the verification page shows it.
public enum DocumentStatus: Hashable, Sendable {
    case valid
    case revoked(reason: String, at: Date)
    case superseded(by: DocumentID)
    case expired(at: Date)

    /// The status at `now`: revoked beats superseded beats expired beats valid.
    init(revocation: IssuedDocument.Revocation?, supersededBy: DocumentID?, expiresAt: Date?, at now: Date) {
        if let revocation {
            self = .revoked(reason: revocation.reason, at: revocation.at)
        } else if let supersededBy {
            self = .superseded(by: supersededBy)
        } else if let expiresAt, now >= expiresAt {
            self = .expired(at: expiresAt)
        } else {
            self = .valid
        }
    }

    /// `valid`, `revoked`, `superseded` or `expired`.
    public var name: String {
        switch self {
        case .valid: "valid"
        case .revoked: "revoked"
        case .superseded: "superseded"
        case .expired: "expired"
        }
    }

    /// The Chinese label in large type.
    public var chineseName: String {
        switch self {
        case .valid: "有效"
        case .revoked: "已撤销"
        case .superseded: "已被新版本取代"
        case .expired: "已过期"
        }
    }
}
