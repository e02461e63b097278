/// Bank credits as an exact decimal with two places (3, 2.5, 2.4 = 3 × 80 %), never negative.
public struct Credits: Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByIntegerLiteral, AdditiveArithmetic
{
    /// Hundredths of a credit.
    public let hundredths: Int

    /// The largest amount one outcome may carry (a sanity bound for input).
    public static let maximumPerOutcome = Credits(hundredths: 100_000)

    /// Creates an amount from hundredths; negative amounts are clamped to nothing by the callers' validation.
    public init(hundredths: Int) { self.hundredths = hundredths }
    /// Whole credits.
    public init(integerLiteral value: Int) { hundredths = value * 100 }

    /// Parses `3`, `2.5` or `2.25`; nil for anything else (negative, three decimals, text).
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int(parts[0]), whole >= 0, parts[0].allSatisfy(\.isNumber),
            whole <= 1_000_000
        else { return nil }
        var fraction = 0
        if parts.count == 2 {
            let f = parts[1]
            guard (1...2).contains(f.count), f.allSatisfy(\.isASCII), let value = Int(f), value >= 0 else { return nil }
            fraction = f.count == 1 ? value * 10 : value
        }
        hundredths = whole * 100 + fraction
    }

    /// Converts a JSON number, refusing more than two decimal places and negative values.
    public init?(_ value: Double) {
        guard value.isFinite, value >= 0, value <= 1_000_000 else { return nil }
        let scaled = (value * 100).rounded()
        guard abs(scaled - value * 100) < 1e-6 else { return nil }
        hundredths = Int(scaled)
    }

    /// `amount × percent / 100`, rounded half up to hundredths (a rule's credits × its ratio).
    public func applying(percent: Int) -> Credits {
        Credits(hundredths: (hundredths * percent + 50) / 100)
    }

    /// The amount as a JSON number.
    public var doubleValue: Double { Double(hundredths) / 100 }

    /// `3`, `2.5`, `2.25`: no trailing zeros.
    public var description: String {
        let whole = hundredths / 100
        let fraction = hundredths % 100
        if fraction == 0 { return String(whole) }
        if fraction % 10 == 0 { return "\(whole).\(fraction / 10)" }
        return "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    public static var zero: Credits { Credits(hundredths: 0) }
    public static func + (a: Credits, b: Credits) -> Credits { Credits(hundredths: a.hundredths + b.hundredths) }
    public static func - (a: Credits, b: Credits) -> Credits { Credits(hundredths: max(0, a.hundredths - b.hundredths)) }
    public static func < (a: Credits, b: Credits) -> Bool { a.hundredths < b.hundredths }

    public init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer().decode(Double.self)
        guard let credits = Credits(value) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a credit amount: \(value)"))
        }
        self = credits
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(doubleValue)
    }
}
