import Foundation
import Testing

@testable import CreditBankCore

@Suite("Verification codes (docs/product.md §4)")
struct VerificationCodeTests {
    let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    @Test("a generated code has 16 symbols in four groups and parses back to itself")
    func generatedRoundTrip() throws {
        // Given a seeded source
        let code = VerificationCode.generate(using: SeededRandomSource(seed: 42))
        // Then it is formatted XXXX-XXXX-XXXX-XXXX over the Crockford alphabet
        #expect(code.formatted.count == 19)
        #expect(code.formatted.split(separator: "-").map(\.count) == [4, 4, 4, 4])
        #expect(code.canonical.allSatisfy { alphabet.contains($0) })
        // And parsing it gives the same code
        #expect(try VerificationCode(parsing: code.formatted) == code)
        #expect(try VerificationCode(parsing: code.canonical) == code)
    }

    @Test("codes from different random bytes differ (75 random bits)")
    func distinct() {
        let codes = Set((0..<5000).map { VerificationCode.generate(using: SeededRandomSource(seed: UInt64($0))) })
        #expect(codes.count == 5000)
    }

    @Test("the live source draws from the system CSPRNG")
    func systemSource() {
        let a = VerificationCode.generate(using: SystemRandomSource())
        let b = VerificationCode.generate(using: SystemRandomSource())
        #expect(a != b)
    }

    @Test("input is normalised: case, I and L as 1, O as 0, spaces and hyphens ignored")
    func normalisation() throws {
        let code = try VerificationCode(parsing: "7K3M-9QXD-2HBR-T4WZ")
        #expect(try VerificationCode(parsing: "7k3m 9qxd 2hbr t4wz") == code)
        #expect(try VerificationCode(parsing: " 7K3M9QXD-2HBRT4WZ ") == code)
        let withOne = VerificationCode.generate(using: SeededRandomSource(seed: 7))
        let typed = withOne.canonical.replacingOccurrences(of: "1", with: "l").replacingOccurrences(of: "0", with: "O")
        #expect(try VerificationCode(parsing: typed) == withOne)
    }

    @Test("ASCII input (read byte by byte) gets the same answer as any other input (read character by character), for every ASCII byte")
    func asciiAsCharacters() throws {
        let code = VerificationCode.generate(using: SeededRandomSource(seed: 7)).formatted
        func parse(_ text: String) -> String {
            do { return "code " + (try VerificationCode(parsing: text)).canonical } catch { return "error \(error)" }
        }
        var accepted = 0
        for byte in UInt8(0)..<128 {
            let character = String(Character(Unicode.Scalar(byte)))
            for variant in [character + code, String(code.dropLast()) + character, code.lowercased() + character] {
                // U+3000 is whitespace, skipped; it sends the same text the character-by-character way.
                let ascii = parse(variant), characters = parse(variant + "\u{3000}")
                #expect(ascii == characters, "byte \(byte): \(variant)")
                if ascii.hasPrefix("code ") { accepted += 1 }
            }
        }
        #expect(accepted >= 15)  // a hyphen or a blank before or after, and the right check symbol
        #expect(try VerificationCode(parsing: code).formatted == code)
        #expect(try VerificationCode(parsing: code.replacingOccurrences(of: "-", with: "")).canonical.count == 16)
    }

    @Test("every single mistyped symbol is caught by the check symbol", arguments: 0..<16)
    func singleSubstitution(position: Int) throws {
        let code = VerificationCode.generate(using: SeededRandomSource(seed: UInt64(position) + 100))
        let original = Array(code.canonical)
        for replacement in alphabet where replacement != original[position] {
            var symbols = original
            symbols[position] = replacement
            #expect(throws: VerificationCodeError.mistyped) { try VerificationCode(parsing: String(symbols)) }
        }
    }

    @Test("swapping two neighbouring symbols is caught in nearly every case")
    func adjacentTranspositions() {
        var caught = 0
        var total = 0
        for seed in 0..<300 {
            let symbols = Array(VerificationCode.generate(using: SeededRandomSource(seed: UInt64(seed))).canonical)
            for i in 0..<15 where symbols[i] != symbols[i + 1] {
                var swapped = symbols
                swapped.swapAt(i, i + 1)
                total += 1
                if (try? VerificationCode(parsing: String(swapped))) == nil { caught += 1 }
            }
        }
        #expect(Double(caught) / Double(total) > 0.95)
    }

    @Test(
        "malformed input is refused with its reason",
        arguments: [
            ("7K3M-9QXD-2HBR", VerificationCodeError.wrongLength(12)),
            ("7K3M-9QXD-2HBR-T4WZ-1", .wrongLength(17)),
            ("7K3M-9QXD-2HBR-T4WU", .invalidCharacter("U")),
            ("7K3M-9QXD-2HBR-T4W*", .invalidCharacter("*")),
            ("", .wrongLength(0)),
        ])
    func malformed(input: String, expected: VerificationCodeError) {
        #expect(throws: expected) { try VerificationCode(parsing: input) }
    }

    @Test("the mistyped message says so in Chinese and English")
    func message() {
        #expect(VerificationCodeError.mistyped.description.contains("mistyped"))
        #expect(VerificationCodeError.mistyped.description.contains("验证码输入有误"))
    }
}
