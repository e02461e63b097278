import Foundation

/// A resident identity card number (GB 11643-1999): 17 digits and an ISO 7064 MOD 11-2 check character.
public struct IDCardNumber: Hashable, Sendable, CustomStringConvertible {
    /// The 18 characters, with an upper-case `X` check character.
    public let value: String

    /// A value read back from storage, kept as stored: storage only ever receives values that passed
    /// `init(_:)`, and a row written under older rules must stay readable (the learner's row is read
    /// on every signed-in request). Not for input.
    public init(stored value: String) { self.value = value }

    /// Validates `input` (spaces trimmed, `x` accepted for `X`).
    /// - Throws: `CreditBankError.invalid(field: "idNumber")` naming what is wrong.
    public init(_ input: String) throws(CreditBankError) {
        let text = input.trimmingCharacters(in: .whitespaces).uppercased()
        func invalid(_ reason: String) -> CreditBankError { .invalid(field: "idNumber", reason: reason) }
        guard text.count == 18 else { throw invalid("must be 18 characters, got \(text.count)") }
        let characters = Array(text)
        guard characters.prefix(17).allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw invalid("the first 17 characters must be digits")
        }
        let digits = characters.prefix(17).map { Int(String($0))! }
        let year = digits[6...9].reduce(0) { $0 * 10 + $1 }
        let month = digits[10] * 10 + digits[11]
        let day = digits[12] * 10 + digits[13]
        let birth = String(characters[6..<14])
        guard year >= Self.earliestBirthYear else {
            throw invalid(
                "birth date \(birth) (characters 7–14) is before \(Self.earliestBirthYear): accepted birth dates are "
                    + "\(Self.earliestBirthYear)-01-01 to today")
        }
        guard LocalDate(year: year, month: month, day: day) != nil else {
            throw invalid("birth date \(birth) (characters 7–14) is not a calendar date: month \(month), day \(day)")
        }
        let check = IDCardNumber.checkCharacter(for: digits)
        guard characters[17] == check else { throw invalid("check character should be \(check), got \(characters[17])") }
        value = text
    }

    /// The earliest birth year accepted (resident ID numbers were first issued in 1984 to living people).
    public static let earliestBirthYear = 1900

    /// `seventeenDigits` followed by their check character (demo data, tests, benchmarks).
    public static func completing(_ seventeenDigits: String) -> String {
        seventeenDigits + String(checkCharacter(for: seventeenDigits.map { $0.wholeNumberValue ?? 0 }))
    }

    /// The ISO 7064 MOD 11-2 check character of the first 17 digits.
    public static func checkCharacter(for digits: [Int]) -> Character {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return Array("10X98765432")[sum % 11]
    }

    /// The birth date the number encodes; nil only for a stored number that today's rules refuse (`init(stored:)`).
    public var birthDate: LocalDate? { LocalDate(String(value.dropFirst(6).prefix(8)).inserting("-", at: [4, 6])) }

    /// First 4 and last 4 characters, the rest as `*` (docs/product.md §4): `6501**********123X`.
    public var masked: String { String(value.prefix(4)) + String(repeating: "*", count: 10) + String(value.suffix(4)) }

    /// The masked form; the full number is never printed by accident.
    public var description: String { masked }
}

extension String {
    fileprivate func inserting(_ separator: Character, at offsets: [Int]) -> String {
        var result = ""
        for (index, character) in enumerated() {
            if offsets.contains(index) { result.append(separator) }
            result.append(character)
        }
        return result
    }
}
