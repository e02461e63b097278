/// What a download of a stored PDF needs of its document: who holds it (the access check), and its
/// kind, code and SHA-256 (the file names and the ETag). Read in one narrow query on the download
/// path (BENCHMARKS.md, issue 18); not the snapshot or the status.
public struct DocumentFile: Sendable, Hashable {
    public var id: DocumentID
    public var holderID: LearnerID
    public var kind: DocumentKind
    public var code: VerificationCode
    /// The stored PDF's SHA-256, lower-case hex.
    public var sha256: String

    /// Creates the description of a stored file.
    public init(id: DocumentID, holderID: LearnerID, kind: DocumentKind, code: VerificationCode, sha256: String) {
        self.id = id
        self.holderID = holderID
        self.kind = kind
        self.code = code
        self.sha256 = sha256
    }

    /// The file of an issued document.
    public init(_ document: IssuedDocument) {
        self.init(id: document.id, holderID: document.holderID, kind: document.kind, code: document.code, sha256: document.sha256)
    }
}
