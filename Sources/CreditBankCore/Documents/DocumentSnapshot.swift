/// A snapshot of every field a document prints; the code and address are filled in at issue.
public protocol DocumentSnapshot: Encodable, Sendable {
    /// The formatted verification code printed on the document.
    var code: String { get set }
    /// The address the QR code holds.
    var verifyUrl: String { get set }
    /// What the public verification page may show.
    var publicSummary: PublicSummary { get }
}

extension ConversionCertificateSnapshot: DocumentSnapshot {}
