import Foundation

/// The port that seals issued PDFs with the bank's signature and checks signatures of uploaded
/// ones (docs/seal.md). The adapter holds the key; the core only asks for bytes and answers.
public protocol DocumentSealing: Sendable {
    /// `pdf` with the bank's signature appended as an incremental update; `signedAt` (the issue time)
    /// is the signature's time, so the same input always gives the same bytes.
    /// - Throws: the adapter's error when the file cannot be signed.
    func seal(_ pdf: [UInt8], signedAt: Date) throws -> [UInt8]

    /// Seals the PDF file at `path` in place, as `seal` would its bytes (a batch's one-PDF print,
    /// written under a temporary name that is renamed afterwards).
    /// - Throws: the adapter's error, or the file's.
    func sealFile(at path: String, signedAt: Date) throws

    /// What the signatures in `pdf` say, checked against the bank's trusted certificates.
    func check(_ pdf: [UInt8]) -> SignatureCheck

    /// The certificates the bank publishes (`/.well-known/creditbank/seal.pem`).
    var published: PublishedSeal { get }
}

extension DocumentSealing {
    /// Reads the file whole, seals the bytes and writes them back; an adapter that signs large
    /// files overrides it (the bank's seal streams: a batch of 10,000 certificates is 400 MB).
    /// - Throws: the adapter's error, or the file's.
    public func sealFile(at path: String, signedAt: Date) throws {
        let url = URL(fileURLWithPath: path)
        let sealed = try seal(Array(try Data(contentsOf: url)), signedAt: signedAt)
        try Data(sealed).write(to: url, options: .atomic)
    }
}

/// The bank's certificates as published: PEM text and what each one is.
public struct PublishedSeal: Sendable {
    /// One certificate: its role, subject and SHA-256 fingerprint of its DER bytes (lower-case hex).
    public struct Entry: Sendable, Hashable, Codable {
        public var role: String
        public var subject: String
        public var sha256: String
        public var notValidAfter: Date
        /// Creates an entry.
        public init(role: String, subject: String, sha256: String, notValidAfter: Date) {
            self.role = role
            self.subject = subject
            self.sha256 = sha256
            self.notValidAfter = notValidAfter
        }
    }
    /// The current seal certificate first, then its chain, then older roots still trusted.
    public var entries: [Entry]
    public var pem: String

    /// Creates the publication.
    public init(entries: [Entry], pem: String) {
        self.entries = entries
        self.pem = pem
    }
}

/// The answer about a PDF's signature (docs/seal.md).
public struct SignatureCheck: Sendable, Hashable {
    /// Whether the file holds a signature at all.
    public var signed: Bool
    /// The signature value matches the signed bytes and the signer's certificate.
    public var intact: Bool
    /// The signed ranges cover the whole file: nothing was added after signing.
    public var coversWholeFile: Bool
    /// The signer's certificate subject and SHA-256 fingerprint.
    public var signer: String?
    public var signerSHA256: String?
    /// The signer's certificate chains to a root the bank trusts.
    public var chainedToBankRoot: Bool
    /// Why it is not intact or not trusted, in a sentence.
    public var problem: String?

    /// Valid, whole and the bank's.
    public var isBankSeal: Bool { signed && intact && coversWholeFile && chainedToBankRoot }

    /// No signature in the file.
    public static let unsigned = SignatureCheck(
        signed: false, intact: false, coversWholeFile: false, signer: nil, signerSHA256: nil, chainedToBankRoot: false,
        problem: "the file holds no signature")

    /// Creates a check result.
    public init(
        signed: Bool, intact: Bool, coversWholeFile: Bool, signer: String?, signerSHA256: String?, chainedToBankRoot: Bool,
        problem: String?
    ) {
        self.signed = signed
        self.intact = intact
        self.coversWholeFile = coversWholeFile
        self.signer = signer
        self.signerSHA256 = signerSHA256
        self.chainedToBankRoot = chainedToBankRoot
        self.problem = problem
    }
}

/// A bank without a seal: PDFs stay unsigned. For tests and tools that do not issue documents;
/// every command that issues uses the bank's seal.
public struct NoSeal: DocumentSealing {
    public init() {}
    public func seal(_ pdf: [UInt8], signedAt: Date) throws -> [UInt8] { pdf }
    public func sealFile(at path: String, signedAt: Date) throws {}
    public func check(_ pdf: [UInt8]) -> SignatureCheck { .unsigned }
    public var published: PublishedSeal { PublishedSeal(entries: [], pem: "") }
}
