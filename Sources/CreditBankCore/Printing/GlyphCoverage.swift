/// The characters the bank's fonts can print, as the render adapter measured them from `Fonts/`.
///
/// Every text that will appear on a document is checked against it where it enters (registration,
/// outcomes entered by hand, catalog entries, rules, imports), so that a value the service accepts
/// always prints: a character no font has is refused with its code point instead of failing every
/// document later (docs/product.md §3, "No glyph missing").
public struct GlyphCoverage: Sendable {
    /// Covered code points as sorted, non-overlapping, non-adjacent ranges.
    public let ranges: [ClosedRange<UInt32>]

    /// Coverage of the given ranges (in any order; overlaps are merged).
    public init(ranges: [ClosedRange<UInt32>]) {
        var merged: [ClosedRange<UInt32>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound &+ 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        self.ranges = merged
    }

    /// Every code point (for test doubles that draw nothing).
    public static let everything = GlyphCoverage(ranges: [0...0x10FFFF])

    /// Whether a font has `scalar`.
    public func covers(_ scalar: Unicode.Scalar) -> Bool {
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].upperBound < scalar.value {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low < ranges.count && ranges[low].contains(scalar.value)
    }

    /// The characters of `text` that would print as a blank box, each once, in order of appearance.
    /// White space, control characters and default-ignorable code points (variation selectors,
    /// joiners) draw nothing and need no glyph.
    public func unprintable(in text: String) -> [Unicode.Scalar] {
        var missing: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars where !covers(scalar) && !Self.drawsNothing(scalar) && !missing.contains(scalar) {
            missing.append(scalar)
        }
        return missing
    }

    /// Checks that `text` prints.
    /// - Throws: `CreditBankError.invalid(field:)` naming the first characters and their code points.
    public func requirePrintable(_ text: String, field: String) throws(CreditBankError) {
        let missing = unprintable(in: text)
        guard !missing.isEmpty else { return }
        throw .invalid(field: field, reason: Self.reason(missing))
    }

    /// Checks an optional value.
    /// - Throws: as `requirePrintable(_:field:)`.
    public func requirePrintable(_ text: String?, field: String) throws(CreditBankError) {
        if let text { try requirePrintable(text, field: field) }
    }

    /// "contains 𰄣 (U+30123), which no font of the bank can print yet; …".
    static func reason(_ missing: [Unicode.Scalar]) -> String {
        let shown = missing.prefix(5).map { "\(Character($0)) (\(codePoint($0)))" }.joined(separator: ", ")
        let more = missing.count > 5 ? " and \(missing.count - 5) more" : ""
        return "contains \(shown)\(more), which no font of the bank can print; "
            + "use the standard form of the character or ask the bank to add a font that has it"
    }

    /// `U+30123`: at least four upper-case hex digits.
    public static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    static func drawsNothing(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        return properties.isWhitespace || properties.generalCategory == .control || properties.isDefaultIgnorableCodePoint
    }
}
