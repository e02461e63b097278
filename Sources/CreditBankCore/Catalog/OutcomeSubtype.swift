/// A subtype of outcome with the fields it carries (manual 001's field table), kept as data so
/// that a bank can extend the list without touching the rules.
public struct OutcomeSubtype: Hashable, Sendable {
    /// API value, e.g. `course`.
    public let code: String
    /// The category it belongs to.
    public let category: OutcomeCategory
    /// Chinese name, e.g. 课程.
    public let chineseName: String
    /// English name, e.g. Course.
    public let englishName: String
    /// Fields specific to this subtype, stored as validated attributes.
    public let fields: [Field]
    /// The proof it needs (manual 001's 证明材料清单), shown beside the evidence upload.
    public let evidence: [EvidenceItem]

    /// One item of the evidence list, e.g. 单科合格证书（或成绩单）(required).
    public struct EvidenceItem: Hashable, Sendable {
        public let label: String
        /// Recognition cannot be asked for until some evidence is uploaded.
        public let required: Bool

        public init(_ label: String, required: Bool = false) {
            self.label = label
            self.required = required
        }
    }

    /// Whether an outcome of this subtype must carry evidence before recognition is asked for.
    public var needsEvidence: Bool { evidence.contains(where: \.required) }

    /// One subtype-specific field.
    public struct Field: Hashable, Sendable {
        /// Attribute key, e.g. `courseCode`.
        public let key: String
        /// Label on forms and documents.
        public let label: String
        /// What values it takes.
        public let kind: Kind
        /// Whether a manual entry must give it.
        public let required: Bool

        /// Value kinds.
        public enum Kind: Hashable, Sendable {
            case text, date, number
            /// One of a fixed list (e.g. education levels).
            case choice([String])
        }

        /// Creates a field description.
        public init(_ key: String, _ label: String, _ kind: Kind = .text, required: Bool = false) {
            self.key = key
            self.label = label
            self.kind = kind
            self.required = required
        }
    }

    /// Creates a subtype description.
    public init(
        code: String, category: OutcomeCategory, chineseName: String, englishName: String, fields: [Field], evidence: [EvidenceItem] = []
    ) {
        self.code = code
        self.category = category
        self.chineseName = chineseName
        self.englishName = englishName
        self.fields = fields
        self.evidence = evidence
    }

    /// Checks the attributes of an outcome entered by hand against this subtype's fields: unknown keys,
    /// missing required ones, bad values.
    /// - Throws: `CreditBankError.invalid(field: "attributes.KEY")`.
    public func validate(attributes: [String: String]) throws(CreditBankError) {
        for key in attributes.keys.sorted() where !fields.contains(where: { $0.key == key }) {
            let known = fields.map(\.key).joined(separator: ", ")
            throw .invalid(field: "attributes.\(key)", reason: "\(chineseName) has no field '\(key)' (fields: \(known))")
        }
        for field in fields {
            guard let value = attributes[field.key], !value.isEmpty else {
                if field.required { throw .invalid(field: "attributes.\(field.key)", reason: "\(field.label) is required") }
                continue
            }
            guard value.count <= 200 else { throw .invalid(field: "attributes.\(field.key)", reason: "at most 200 characters") }
            switch field.kind {
            case .text: break
            case .date:
                guard LocalDate(value) != nil else {
                    throw .invalid(field: "attributes.\(field.key)", reason: "'\(value)' is not a yyyy-MM-dd date")
                }
            case .number:
                guard Double(value) != nil else { throw .invalid(field: "attributes.\(field.key)", reason: "'\(value)' is not a number") }
            case .choice(let options):
                guard options.contains(value) else {
                    throw .invalid(field: "attributes.\(field.key)", reason: "'\(value)' is not one of \(options.joined(separator: ", "))")
                }
            }
        }
    }
}
