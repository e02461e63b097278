/// An institution that publishes catalog outcomes and reviews (机构 / 资历名册机构).
public struct Institution: Identifiable, Hashable, Sendable {
    /// Row id.
    public var id: InstitutionID
    /// Short code, unique (e.g. `OUC`).
    public var code: String
    /// Full name.
    public var name: String
    /// What sort of institution it is.
    public var kind: Kind

    /// Kinds of institution the bank works with.
    public enum Kind: String, CaseIterable, Sendable, Codable {
        case university
        case openUniversity = "open-university"
        case vocationalCollege = "vocational-college"
        case certificationBody = "certification-body"
        case elderlyEducation = "elderly-education"
        case enterprise, bank, other
    }

    /// Creates an institution value.
    public init(id: InstitutionID, code: String, name: String, kind: Kind) {
        self.id = id
        self.code = code
        self.name = name
        self.kind = kind
    }

    /// Validates a code: 2–20 ASCII letters, digits or `-`.
    /// - Throws: `CreditBankError.invalid(field:)` with `field` as given.
    public static func validate(code: String, field: String = "code") throws(CreditBankError) {
        guard (2...20).contains(code.count), code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw .invalid(field: field, reason: "use 2–20 letters, digits or '-'")
        }
    }
}
