import Foundation

/// What a look-up by code needs of an issued document, read in one query (docs/verification.md):
/// its public fields, its status fields, its frozen public summary and the newer document's code.
/// Not the snapshot, the template or the PDF: verification answers without them.
public struct RegistryRecord: Sendable {
    public var documentID: DocumentID
    public var holderID: LearnerID
    public var kind: DocumentKind
    public var issuerName: String
    public var issuedAt: Date
    public var code: VerificationCode
    public var sha256: String
    public var expiresAt: Date?
    public var revocation: IssuedDocument.Revocation?
    public var supersededBy: DocumentID?
    /// The code of the document that superseded this one.
    public var newerCode: VerificationCode?
    public var summary: PublicSummary

    /// Creates a record.
    public init(
        documentID: DocumentID, holderID: LearnerID, kind: DocumentKind, issuerName: String, issuedAt: Date, code: VerificationCode,
        sha256: String, expiresAt: Date?, revocation: IssuedDocument.Revocation?, supersededBy: DocumentID?,
        newerCode: VerificationCode?, summary: PublicSummary
    ) {
        self.documentID = documentID
        self.holderID = holderID
        self.kind = kind
        self.issuerName = issuerName
        self.issuedAt = issuedAt
        self.code = code
        self.sha256 = sha256
        self.expiresAt = expiresAt
        self.revocation = revocation
        self.supersededBy = supersededBy
        self.newerCode = newerCode
        self.summary = summary
    }

    /// The status at `now`, by the document's rule.
    public func status(at now: Date) -> DocumentStatus {
        DocumentStatus(revocation: revocation, supersededBy: supersededBy, expiresAt: expiresAt, at: now)
    }
}
