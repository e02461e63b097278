import Foundation

/// A mainland mobile number: 11 digits starting with 1.
public struct PhoneNumber: Hashable, Sendable, CustomStringConvertible {
    /// The 11 digits.
    public let value: String

    /// A value read back from storage, kept as stored: storage only ever receives values that passed
    /// `init(_:)`, and a row written under older rules must stay readable (the learner's row is read
    /// on every signed-in request). Not for input.
    public init(stored value: String) { self.value = value }

    /// Validates `input` (spaces, hyphens and a leading `+86` ignored).
    /// - Throws: `CreditBankError.invalid(field: "phone")`.
    public init(_ input: String) throws(CreditBankError) {
        var text = input.filter { $0 != " " && $0 != "-" }
        if text.hasPrefix("+86") { text.removeFirst(3) }
        guard text.count == 11, text.allSatisfy({ $0.isASCII && $0.isNumber }), text.first == "1" else {
            throw .invalid(field: "phone", reason: "must be 11 digits starting with 1")
        }
        value = text
    }

    /// `138****5678`, for logs and pages.
    public var masked: String { String(value.prefix(3)) + "****" + String(value.suffix(4)) }

    /// The masked form.
    public var description: String { masked }
}
