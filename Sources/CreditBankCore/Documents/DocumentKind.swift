/// The kinds of document the bank issues; also template names and API `kind` values (docs/product.md §3).
public enum DocumentKind: String, CaseIterable, Hashable, Sendable, Codable {
    case conversionCertificate = "conversion-certificate"
    case outcomeProof = "outcome-proof"
    case transcript

    /// The title printed and shown on the verification page.
    public var chineseName: String {
        switch self {
        case .conversionCertificate: "学习成果转换证明"
        case .outcomeProof: "学习成果证明"
        case .transcript: "终身学习档案"
        }
    }

    /// The English title.
    public var englishName: String {
        switch self {
        case .conversionCertificate: "Certificate of Learning Outcome Conversion"
        case .outcomeProof: "Certificate of Learning Outcomes"
        case .transcript: "Lifelong Learning Transcript"
        }
    }

    /// Parses the API value.
    /// - Throws: `CreditBankError.invalid(field: "kind")` listing the kinds.
    public init(parsing text: String) throws(CreditBankError) {
        guard let kind = DocumentKind(rawValue: text) else {
            throw .invalid(
                field: "kind", reason: "'\(text)' is not one of \(DocumentKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = kind
    }
}

/// The language a document is printed in.
public enum DocumentLanguage: String, CaseIterable, Hashable, Sendable, Codable {
    case zh, en
}
