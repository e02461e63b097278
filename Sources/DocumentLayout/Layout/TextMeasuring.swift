/// Measures wrapped text. The layout stage asks; a Pango adapter answers (a fake in tests).
public protocol TextMeasuring {
    /// The height of `text` in `style` wrapped to `width` and aligned by `align`, and the
    /// characters no font could draw.
    func measure(_ text: String, style: TextStyle, width: Double, align: Alignment) -> TextMeasure
}

/// What measuring a paragraph tells the layout.
public struct TextMeasure: Sendable, Hashable {
    /// Height of the wrapped paragraph in points.
    public var height: Double
    /// Width of the widest line in points.
    public var width: Double
    /// Characters drawn as an empty box because no font in `Fonts/` has them.
    public var missingCharacters: [Character]

    /// Creates a measure.
    public init(height: Double, width: Double, missingCharacters: [Character] = []) {
        self.height = height
        self.width = width
        self.missingCharacters = missingCharacters
    }
}
