import Foundation

/// A person's name as printed on documents: Han characters of any extension (生僻字 included),
/// letters of other scripts, and the middle dot of minority and foreign names (阿卜杜热合曼·买买提).
public struct PersonName: Hashable, Sendable, CustomStringConvertible {
    /// The normalised name (NFC, except that CJK compatibility ideographs stay as typed: a name
    /// registered with U+F9xx keeps it; every middle-dot look-alike replaced by U+00B7).
    public let value: String

    /// Look-alikes people type for the separator dot.
    /// (U+0387 becomes U+00B7 by NFC already.)
    static let dotVariants: Set<Character> = [
        "\u{00B7}", "\u{2027}", "\u{30FB}", "\u{2022}", "\u{FF0E}", "\u{2219}", "\u{22C5}", "\u{FF65}", "\u{2E31}", "\u{16EB}", ".",
    ]

    /// A value read back from storage, kept as stored: storage only ever receives values that passed
    /// `init(_:)`, and a row written under older rules must stay readable (the learner's row is read
    /// on every signed-in request). Not for input.
    public init(stored value: String) { self.value = value }

    /// Validates and normalises `input`.
    /// - Throws: `CreditBankError.invalid(field: "name")` naming the offending character.
    public init(_ input: String) throws(CreditBankError) {
        func invalid(_ reason: String) -> CreditBankError { .invalid(field: "name", reason: reason) }
        let trimmed = input.trimmingCharacters(in: .whitespaces)
        let normalised = String(
            trimmed.flatMap { character -> String in
                if PersonName.dotVariants.contains(character) { return "\u{00B7}" }
                if character.unicodeScalars.contains(where: Self.isCompatibilityIdeograph) { return String(character) }
                return String(character).precomposedStringWithCanonicalMapping
            })
        guard !normalised.isEmpty else { throw invalid("must not be empty") }
        guard normalised.count <= 50 else { throw invalid("must be at most 50 characters") }
        for character in normalised {
            guard character == "\u{00B7}" || character == " " || character.isLetter else {
                let code = character.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(separator: " ")
                throw invalid("contains \(character) (\(code)), which is not a letter or the middle dot")
            }
        }
        guard normalised.first != "\u{00B7}", normalised.last != "\u{00B7}", !normalised.contains("\u{00B7}\u{00B7}") else {
            throw invalid("a middle dot must stand between two parts of the name")
        }
        value = normalised
    }

    public var description: String { value }

    /// CJK compatibility ideographs, which NFC would replace by their unified twins.
    static func isCompatibilityIdeograph(_ scalar: Unicode.Scalar) -> Bool {
        (0xF900...0xFAFF).contains(scalar.value) || (0x2F800...0x2FA1F).contains(scalar.value)
    }
}
