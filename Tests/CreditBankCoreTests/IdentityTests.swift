import Testing

@testable import CreditBankCore

@Suite("Identity data: ID numbers, phones, names, credits, dates")
struct IdentityTests {
    @Test(
        "GB 11643 numbers with a correct check character are accepted",
        arguments: ["11010519491231002X", "110105194912310021".dropLast() + "X"])
    func validIDNumber(_ number: String) throws {
        let id = try IDCardNumber(String(number))
        #expect(id.value == "11010519491231002X")
        #expect(id.masked == "1101**********002X")
        #expect(id.birthDate == LocalDate(year: 1949, month: 12, day: 31))
    }

    @Test("a lower-case x check character is normalised")
    func lowerCaseX() throws { #expect(try IDCardNumber("11010519491231002x").value == "11010519491231002X") }

    @Test(
        "invalid ID numbers name what is wrong",
        arguments: [
            ("110105194912310021", "check character should be X, got 1"), ("1101051949123100", "must be 18 characters, got 16"),
            ("11010519491331002X", "birth date 19491331 (characters 7–14) is not a calendar date: month 13, day 31"),
            ("11010518800101002X", "birth date 18800101 (characters 7–14) is before 1900: accepted birth dates are 1900-01-01 to today"),
            ("1101051949A231002X", "the first 17 characters must be digits"),
            ("11010519490229002X", "birth date 19490229 (characters 7–14) is not a calendar date: month 2, day 29"),
        ])
    func invalidIDNumber(_ number: String, _ message: String) {
        #expect {
            try IDCardNumber(number)
        } throws: { error in
            guard case .invalid(let field, let reason) = error as? CreditBankError else { return false }
            return field == "idNumber" && reason == message
        }
    }

    @Test(
        "phones are 11 digits starting with 1",
        arguments: [
            ("13800138000", true), ("+86 138-0013-8000", true), ("23800138000", false), ("1380013800", false), ("1380013800a", false),
        ])
    func phone(_ input: String, _ valid: Bool) {
        #expect(((try? PhoneNumber(input)) != nil) == valid)
    }

    @Test(
        "names keep rare characters and normalise the middle dot",
        arguments: [
            ("𠮷田", "𠮷田"), ("阿卜杜热合曼·买买提", "阿卜杜热合曼·买买提"), ("阿卜杜热合曼•买买提", "阿卜杜热合曼·买买提"),
            ("阿卜杜热合曼・买买提", "阿卜杜热合曼·买买提"), ("  欧阳如雪 ", "欧阳如雪"), ("𪚥", "𪚥"),
            ("阿卜杜热合曼･买买提", "阿卜杜热合曼·买买提"), ("阿卜杜热合曼\u{0387}买买提", "阿卜杜热合曼·买买提"),
            ("\u{F900}\u{2F800}", "\u{F900}\u{2F800}"), ("e\u{0301}", "\u{00E9}"),
        ])
    func names(_ input: String, _ expected: String) throws { #expect(try PersonName(input).value == expected) }

    @Test(
        "bad names are refused with the reason", arguments: ["", "·买买提", "阿卜杜··买买提", "张三1", "张<script>", String(repeating: "张", count: 51)])
    func badNames(_ input: String) {
        #expect(throws: CreditBankError.self) { try PersonName(input) }
    }

    @Test("credits parse exactly and apply a ratio", arguments: [("3", 300), ("2.5", 250), ("2.25", 225), ("0", 0)])
    func credits(_ text: String, _ hundredths: Int) { #expect(Credits(text)?.hundredths == hundredths) }

    @Test("bad credit amounts are refused", arguments: ["-1", "2.255", "abc", "", "1e3", "1.2.3"])
    func badCredits(_ text: String) { #expect(Credits(text) == nil) }

    @Test("credits × ratio rounds half up and prints without trailing zeros")
    func ratio() {
        #expect(Credits(integerLiteral: 3).applying(percent: 80).description == "2.4")
        #expect(Credits(hundredths: 333).applying(percent: 50).description == "1.67")
        #expect(Credits(integerLiteral: 4).applying(percent: 100).description == "4")
        #expect((Credits(integerLiteral: 1) - Credits(integerLiteral: 2)) == .zero)
    }

    @Test("dates: parsing, month arithmetic, leap years")
    func dates() {
        #expect(LocalDate("2024-02-29") != nil)
        #expect(LocalDate("2023-02-29") == nil)
        #expect(LocalDate("2026-1-5") == nil)
        #expect(LocalDate("2026-01-31")!.adding(months: 1).description == "2026-02-28")
        #expect(LocalDate("2026-11-22")!.adding(months: 6).description == "2027-05-22")
    }

    @Test("card ids carry a Luhn check digit and account numbers are unique-looking")
    func cardIDs() {
        let random = SeededRandomSource(seed: 7)
        let card = AccountNumbers.cardID(using: random)
        #expect(card.count == 16 && card.hasPrefix("8860"))
        #expect(AccountNumbers.luhnCheckDigit(String(card.dropLast())) == card.last!.wholeNumberValue)
        #expect(AccountNumbers.accountNumber(using: random) != AccountNumbers.accountNumber(using: random))
    }
}
