/// The three categories of learning outcome (docs/product.md §2).
public enum OutcomeCategory: String, CaseIterable, Hashable, Sendable, Codable {
    /// 学历成果
    case academic
    /// 非学历成果
    case nonAcademic = "non-academic"
    /// 无一定形式成果
    case informal

    /// The Chinese name printed on documents.
    public var chineseName: String {
        switch self {
        case .academic: "学历成果"
        case .nonAcademic: "非学历成果"
        case .informal: "无一定形式成果"
        }
    }

    /// The English name printed on English documents.
    public var englishName: String {
        switch self {
        case .academic: "Academic"
        case .nonAcademic: "Non-academic"
        case .informal: "Informal"
        }
    }

    /// Parses the API value (`academic`, `non-academic`, `informal`) or the Chinese name.
    /// - Throws: `CreditBankError.invalid(field:)` listing the accepted values.
    public init(parsing text: String, field: String = "category") throws(CreditBankError) {
        if let value = OutcomeCategory(rawValue: text) ?? OutcomeCategory.allCases.first(where: { $0.chineseName == text }) {
            self = value
        } else {
            throw .invalid(field: field, reason: "unknown category '\(text)'; use academic, non-academic or informal")
        }
    }
}
