/// Crockford's base32 alphabet (no I, L, O, U) and the Luhn mod N check over it.
enum CrockfordBase32 {
    static let alphabet: [Character] = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// The value of a typed symbol, with Crockford's normalisation (case, I/L → 1, O → 0).
    static func value(of character: Character) -> Int? {
        switch character.uppercased() {
        case "I", "L": return 1
        case "O": return 0
        case let upper:
            guard upper.count == 1, let index = alphabet.firstIndex(of: Character(upper)) else { return nil }
            return index
        }
    }

    /// `value(of:)` for each ASCII byte (-1: not a symbol), so that a typed code in ASCII is read
    /// without making a `Character` of each byte (a verification parses one per request).
    static let asciiValues: [Int8] = (0..<128).map { byte in
        Int8(value(of: Character(Unicode.Scalar(UInt8(byte)))) ?? -1)
    }

    /// Luhn mod 32 check value of `values` (each 0..<32).
    static func luhnCheck(_ values: [Int]) -> Int {
        let n = alphabet.count
        var factor = 2
        var sum = 0
        for value in values.reversed() {
            let addend = factor * value
            sum += addend / n + addend % n
            factor = factor == 2 ? 1 : 2
        }
        return (n - sum % n) % n
    }
}
