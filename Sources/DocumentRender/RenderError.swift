import DocumentLayout

/// Why a document could not be rendered.
public enum RenderError: Error, Sendable, CustomStringConvertible {
    /// The fonts folder is missing or unusable.
    case fonts(String)
    /// The template or its data could not be laid out.
    case layout(LayoutError)
    /// cairo reported a failure (status text).
    case cairo(String)
    /// A page index that the document does not have.
    case noSuchPage(Int, pages: Int)
    /// An image named by the template could not be read as PNG.
    case image(String)

    /// A readable sentence.
    public var description: String {
        switch self {
        case .fonts(let why): "fonts: \(why)"
        case .layout(let error): "\(error)"
        case .cairo(let status): "cairo: \(status)"
        case .noSuchPage(let index, let pages): "page \(index + 1) does not exist (the document has \(pages))"
        case .image(let file): "image '\(file)' is not a readable PNG"
        }
    }
}
