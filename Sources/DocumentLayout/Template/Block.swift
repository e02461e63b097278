/// One block of a template. Blocks flow down the page unless given an absolute position.
public struct Block: Sendable {
    /// What the block draws.
    public var content: BlockContent
    /// Space above and below in the flow, in points.
    public var spaceBefore: Double
    public var spaceAfter: Double
    /// Absolute position from the page's top-left corner; such a block takes no room in the flow.
    public var position: Point?
    /// Width of the block; the available width when nil.
    public var width: Double?
    /// Where the block's box sits inside the available width.
    public var align: Alignment
    /// Where the block was written (`file:line:column`), for messages.
    public var location: SourceLocation
    /// Drawn only when a field is filled (`when:`) or empty (`unless:`); always when nil.
    public var condition: BlockCondition? = nil
}

/// `when: rule.code` draws a block only if that text field is not empty; `unless:` only if it is.
public struct BlockCondition: Sendable {
    public var path: [String]
    /// True for `when:`, false for `unless:`.
    public var whenFilled: Bool
}

/// A point on the page in PDF points from the top-left corner.
public struct Point: Sendable, Hashable {
    public var x: Double, y: Double
}

/// The kinds of block an author can write.
public enum BlockContent: Sendable {
    /// A paragraph with placeholders; wraps inside its width.
    case text(TemplateString, style: String)
    /// Label–value pairs, `columns` pairs per line.
    case grid(GridBlock)
    /// A table bound to a list of the data; its header repeats on every page.
    case table(TableBlock)
    /// A QR code holding the text (level M, 4-module quiet zone included in `size`).
    case qr(TemplateString, size: Double)
    /// A PNG image (a seal or logo) from the templates folder.
    case image(file: String, width: Double, height: Double)
    /// A horizontal line.
    case rule(thickness: Double, color: RGB)
    /// Empty vertical space.
    case spacer(Double)
    /// Side-by-side columns of blocks, kept together on one page.
    case row([RowColumn])
    /// "第 n 页 / 共 N 页": a text in which `{{page}}` and `{{pages}}` are known.
    case pageNumber(TemplateString, style: String)
    /// The issuer's round seal drawn as vectors over what comes before it: a ring, a star and the
    /// text along the upper arc, an optional label under the star. It takes no room in the flow.
    case seal(SealBlock)
}

/// A round red seal as on a paper certificate (docs/seal.md): what makes it count is the PDF's
/// signature; this is its look.
public struct SealBlock: Sendable {
    /// Printed along the upper arc (the issuer's name).
    public var text: TemplateString
    /// Printed straight under the star (such as 证书专用章); none when nil.
    public var label: TemplateString?
    /// Diameter in points.
    public var size: Double
    public var color: RGB
    /// How far above the block's place in the flow the seal's top sits, so that it lies over the
    /// issuer's name and date written just before it.
    public var lift: Double
    /// The font of its text (the size is the seal's).
    public var style: String
}

/// Label–value pairs laid out in a grid.
public struct GridBlock: Sendable {
    public var columns: Int
    /// Width of each label cell in points.
    public var labelWidth: Double
    public var labelStyle: String
    public var valueStyle: String
    public var items: [(label: TemplateString, value: TemplateString)]
    /// Vertical gap between lines.
    public var rowGap: Double
}

/// A table whose rows come from a list in the data.
public struct TableBlock: Sendable {
    /// Dotted path of the list (`sources`).
    public var rows: [String]
    public var columns: [TableColumn]
    public var headerStyle: String
    public var cellStyle: String
    /// Cell padding in points.
    public var padding: Double
    /// Grey level of the header background (1 = white).
    public var headerFill: Double
    /// Optional group heading: rows are grouped by consecutive equal values of this field.
    public var groupBy: String?
    public var groupHeading: TemplateString?
    /// Text shown in one full-width row when the list is empty.
    public var emptyText: TemplateString?
}

/// One column of a table.
public struct TableColumn: Sendable {
    public var header: TemplateString
    /// Cell text; placeholders resolve against the row's item first, then the document.
    public var value: TemplateString
    /// Fraction of the table width (all columns sum to 1).
    public var width: Double
    public var align: Alignment
}

/// One column of a row block.
public struct RowColumn: Sendable {
    /// Fraction of the row width.
    public var width: Double
    public var blocks: [Block]
}

/// Where something was written in a template file.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    /// `file:line:column`.
    public var description: String { "\(file):\(line):\(column)" }
}
