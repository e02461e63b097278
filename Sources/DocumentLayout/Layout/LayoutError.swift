/// Why a template and its data could not be laid out. Nothing is ever clipped silently: every
/// value that would not fit or not be drawn is one of these.
public enum LayoutError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The data lacks a text field a placeholder names.
    case missingField(String)
    /// A table's `rows` path is not a list in the data.
    case notAList(String)
    /// No font in `Fonts/` has these characters.
    case missingGlyphs(String, in: String)
    /// A block is taller than the room on an empty page.
    case tooTall(SourceLocation, height: Double, room: Double)
    /// An absolutely placed block runs off the page.
    case offPage(SourceLocation)
    /// The header or footer grew after the body was paginated.
    case marginalGrew(SourceLocation)

    /// A readable sentence.
    public var description: String {
        switch self {
        case .missingField(let path): "the data has no text field '\(path)'"
        case .notAList(let path): "the data field '\(path)' must be a list"
        case .missingGlyphs(let chars, let text):
            "no font in Fonts/ can draw \(chars.map { "'\($0)' (U+\(String($0.unicodeScalars.first!.value, radix: 16, uppercase: true)))" }.joined(separator: ", ")) in \"\(text)\""
        case .tooTall(let at, let height, let room):
            "\(at): block is \(Int(height.rounded())) pt tall but a page has only \(Int(room)) pt of room"
        case .offPage(let at): "\(at): block runs off the page"
        case .marginalGrew(let at): "\(at): header or footer is taller on a later page"
        }
    }
}
