import Foundation

/// A person's name as printed on documents: Han characters of any extension (生僻字 included),
/// letters of other scripts, and the middle dot of minority and foreign names (阿卜杜热合曼·买买提).
public struct PersonName: Hashable, Sendable, CustomStringConvertible {
    /// The normalised name (NFC; every middle-dot look-alike replaced by U+00B7).
    public let value: String

    /// Look-alikes people type for the separator dot.
    static let dotVariants: Set<Character> = ["\u{00B7}", "\u{2027}", "\u{30FB}", "\u{2022}", "\u{FF0E}", "\u{2219}", "\u{22C5}", "."]

    /// Validates and normalises `input`.
    /// - Throws: `CreditBankError.invalid(field: "name")` naming the offending character.
    public init(_ input: String) throws(CreditBankError) {
        func invalid(_ reason: String) -> CreditBankError { .invalid(field: "name", reason: reason) }
        let trimmed = input.trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping
        let normalised = String(trimmed.map { PersonName.dotVariants.contains($0) ? "\u{00B7}" : $0 })
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
}
