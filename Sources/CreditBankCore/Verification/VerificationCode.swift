/// A document's public verification code: 16 Crockford base32 symbols, shown as `XXXX-XXXX-XXXX-XXXX`.
///
/// The first 15 symbols carry 75 random bits; the 16th is a Luhn mod 32 check symbol, which
/// catches every single mistyped symbol and almost every swap of two neighbours, so a mistyped
/// code is answered without a database lookup (docs/product.md §4).
public struct VerificationCode: Hashable, Sendable, CustomStringConvertible {
    /// The 16 canonical symbols, without separators (for storage and URLs).
    public let canonical: String

    /// The code grouped for people: `XXXX-XXXX-XXXX-XXXX`.
    public var formatted: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(19)
        for (index, byte) in canonical.utf8.enumerated() {
            if index > 0, index % 4 == 0 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The formatted code.
    public var description: String { formatted }

    /// Number of random symbols before the check symbol.
    public static let payloadLength = 15
    /// Total number of symbols.
    public static let length = 16

    /// Draws a new code from `random` (75 random bits + check symbol).
    public static func generate(using random: any RandomSource) -> VerificationCode {
        // 10 bytes = 80 bits; we keep 75 of them, 5 per symbol.
        let bytes = random.bytes(10)
        var bits: UInt128 = 0
        for byte in bytes { bits = bits << 8 | UInt128(byte) }
        let values = (0..<payloadLength).map { Int((bits >> UInt128(5 * $0)) & 31) }
        return VerificationCode(uncheckedValues: values + [CrockfordBase32.luhnCheck(values)])
    }

    /// Parses what a person typed: case-insensitive, `I`/`L` read as `1`, `O` as `0`, spaces and hyphens ignored.
    /// - Throws: `VerificationCodeError` saying whether the input is malformed or mistyped (bad check symbol).
    public init(parsing input: String) throws(VerificationCodeError) {
        var values: [Int] = []
        values.reserveCapacity(Self.length)
        if input.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII (nearly every code typed or scanned): byte by byte, the same answers as below.
            for byte in input.utf8 where byte != UInt8(ascii: "-") && byte != 0x20 && !(0x09...0x0D).contains(byte) {
                let value = CrockfordBase32.asciiValues[Int(byte)]
                guard value >= 0 else { throw .invalidCharacter(Character(Unicode.Scalar(byte))) }
                values.append(Int(value))
            }
        } else {
            for character in input where character != "-" && !character.isWhitespace {
                guard let value = CrockfordBase32.value(of: character) else {
                    throw .invalidCharacter(character)
                }
                values.append(value)
            }
        }
        guard values.count == Self.length else { throw .wrongLength(values.count) }
        guard CrockfordBase32.luhnCheck(Array(values.prefix(Self.payloadLength))) == values.last else {
            throw .mistyped
        }
        self.init(uncheckedValues: values)
    }

    /// The codes one symbol away from what was typed that pass the check: for a code typed with one
    /// wrong symbol, the right one is among these 16 (the check symbol catches every single error, so
    /// each position has exactly one value that fits). Empty unless the input has 16 valid symbols.
    public static func singleSymbolCorrections(of input: String) -> [VerificationCode] {
        var values: [Int] = []
        for character in input where character != "-" && !character.isWhitespace {
            guard let value = CrockfordBase32.value(of: character) else { return [] }
            values.append(value)
        }
        guard values.count == length else { return [] }
        var found: [VerificationCode] = []
        for position in 0..<length {
            for value in 0..<CrockfordBase32.alphabet.count where value != values[position] {
                var candidate = values
                candidate[position] = value
                if CrockfordBase32.luhnCheck(Array(candidate.prefix(payloadLength))) == candidate[payloadLength] {
                    found.append(VerificationCode(uncheckedValues: candidate))
                }
            }
        }
        return found
    }

    /// A code read back from storage, kept as stored: storage only holds codes this type made.
    /// Not for input (use `init(parsing:)`).
    public init(stored canonical: String) { self.canonical = canonical }

    private init(uncheckedValues values: [Int]) {
        canonical = String(values.map { CrockfordBase32.alphabet[$0] })
    }
}

/// Why a typed verification code was refused.
public enum VerificationCodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A character that is not a Crockford base32 symbol (nor a separator).
    case invalidCharacter(Character)
    /// Not 16 symbols.
    case wrongLength(Int)
    /// 16 valid symbols whose check symbol does not match: a typing mistake.
    case mistyped

    /// A sentence for the person who typed the code.
    public var description: String {
        switch self {
        case .invalidCharacter(let c): "verification code contains '\(c)', which is not a valid symbol"
        case .wrongLength(let n): "verification code must have 16 symbols, got \(n)"
        case .mistyped: "verification code is mistyped: its check symbol does not match (验证码输入有误)"
        }
    }
}
