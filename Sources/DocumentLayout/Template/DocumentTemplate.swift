/// A validated document template: page set-up, text styles, metadata and blocks.
///
/// Made by `TemplateLoader` from a YAML file in `Templates/`; every placeholder in it is known to
/// resolve against the template's sample data, every style and font exists, every box is on the page.
public struct DocumentTemplate: Sendable {
    /// The name the template is asked for by, e.g. `conversion-certificate.zh`.
    public var name: String
    /// The document kind (`conversion-certificate`, `outcome-proof`, `transcript`).
    public var kind: String
    /// `zh` or `en`.
    public var language: String
    /// Bumped whenever the layout changes, stored with every issued document.
    public var version: Int
    /// Page size and margins.
    public var page: PageSetup
    /// Named text styles.
    public var styles: [String: TextStyle]
    /// PDF metadata fields.
    public var metadata: MetadataTemplate
    /// Blocks drawn at the top of every page.
    public var header: [Block]
    /// The flowing content.
    public var body: [Block]
    /// Blocks drawn at the foot of every page.
    public var footer: [Block]
    /// The file the template came from (for messages).
    public var file: String
}

/// Page size and margins, in PDF points (1/72 inch).
public struct PageSetup: Sendable, Hashable {
    public var width: Double
    public var height: Double
    public var top: Double
    public var right: Double
    public var bottom: Double
    public var left: Double

    /// A4 portrait: 595.28 × 841.89 pt.
    public static let a4 = (width: 595.28, height: 841.89)

    /// Width available between the side margins.
    public var contentWidth: Double { width - left - right }
}

/// A font and its use: family (must be in `Fonts/`), size in points, weight, colour and line spacing.
public struct TextStyle: Sendable, Hashable {
    public enum Weight: String, Sendable, Hashable { case regular, bold }
    public var family: String
    public var size: Double
    public var weight: Weight
    /// RGB in 0…1.
    public var color: RGB
    /// Extra space between lines as a factor of the size (Pango line spacing; 0 = font default).
    public var lineSpacing: Double
    /// BCP 47 tag the text is shaped for ("zh-cn", "en"): it picks the font's localized forms
    /// (quotes, dashes), so it comes from the template, never from the process locale. Pango still
    /// shapes runs of another script for a language of that script (Latin runs as "en").
    public var language: String
}

/// A colour with components in 0…1.
public struct RGB: Sendable, Hashable {
    public var red: Double, green: Double, blue: Double
    public static let black = RGB(red: 0, green: 0, blue: 0)
}

/// Horizontal alignment of text or a box inside its width.
public enum Alignment: String, Sendable, Hashable { case left, center, right }

/// PDF metadata: each field is a template string.
public struct MetadataTemplate: Sendable {
    public var title: TemplateString
    public var author: TemplateString
    public var subject: TemplateString
    public var keywords: TemplateString
    /// ISO 8601 date-time of issue (fixes the PDF's creation date, so output is reproducible).
    public var date: TemplateString
}
