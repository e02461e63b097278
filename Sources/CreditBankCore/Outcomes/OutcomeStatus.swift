/// Where an outcome stands in its life cycle (docs/product.md §2).
public enum OutcomeStatus: String, CaseIterable, Hashable, Sendable, Codable {
    /// Entered by hand, not yet reviewed (登记).
    case registered
    /// Waiting for the institution's reviewer (已申请认定).
    case recognitionRequested = "recognition-requested"
    /// Banked with credits (存储).
    case stored
    /// Recognition refused; kept as an ordinary record (认定未通过).
    case notRecognised = "not-recognised"

    /// The Chinese label on pages and transcripts.
    public var chineseName: String {
        switch self {
        case .registered: "已登记"
        case .recognitionRequested: "已申请认定"
        case .stored: "已存储"
        case .notRecognised: "认定未通过"
        }
    }

    /// The English label.
    public var englishName: String {
        switch self {
        case .registered: "Registered"
        case .recognitionRequested: "Recognition requested"
        case .stored: "Stored"
        case .notRecognised: "Not recognised"
        }
    }
}

/// Who put an outcome into the bank (成果来源).
public enum OutcomeSource: String, CaseIterable, Hashable, Sendable, Codable {
    /// 个人创建
    case learner
    /// 机构创建
    case institution
    /// 学分银行创建
    case bank
    /// 转换获取
    case conversion

    /// The Chinese label.
    public var chineseName: String {
        switch self {
        case .learner: "个人创建"
        case .institution: "机构创建"
        case .bank: "学分银行创建"
        case .conversion: "转换获取"
        }
    }

    /// The English label.
    public var englishName: String {
        switch self {
        case .learner: "Learner"
        case .institution: "Institution"
        case .bank: "Credit bank"
        case .conversion: "Conversion"
        }
    }
}
