/// The result of layout: pages of positioned items, ready for an exporter. Pure data.
public struct LaidOutDocument: Sendable {
    /// Page width and height in points.
    public var pageWidth: Double
    public var pageHeight: Double
    /// The pages in order.
    public var pages: [LaidOutPage]
    /// PDF metadata with placeholders filled.
    public var metadata: DocumentMetadata

    /// Creates a laid-out document.
    public init(pageWidth: Double, pageHeight: Double, pages: [LaidOutPage], metadata: DocumentMetadata) {
        self.pageWidth = pageWidth
        self.pageHeight = pageHeight
        self.pages = pages
        self.metadata = metadata
    }
}

/// One page's items, in drawing order.
public struct LaidOutPage: Sendable {
    public var items: [PositionedItem]

    /// Creates a page.
    public init(items: [PositionedItem]) { self.items = items }
}

/// Filled-in PDF metadata.
public struct DocumentMetadata: Sendable, Hashable {
    public var title: String
    public var author: String
    public var subject: String
    public var keywords: String
    /// ISO 8601 date-time used as the PDF's creation and modification date.
    public var date: String

    /// Creates metadata.
    public init(title: String, author: String, subject: String, keywords: String, date: String) {
        self.title = title
        self.author = author
        self.subject = subject
        self.keywords = keywords
        self.date = date
    }
}

/// A rectangle on the page, origin at the top-left corner, in points.
public struct Rect: Sendable, Hashable {
    public var x: Double, y: Double, width: Double, height: Double

    func offsetBy(x dx: Double, y dy: Double) -> Rect { Rect(x: x + dx, y: y + dy, width: width, height: height) }
}

/// Something drawn at a fixed place.
public enum PositionedItem: Sendable, Hashable {
    /// A paragraph wrapped to `frame.width`.
    case text(String, style: TextStyle, frame: Rect, align: Alignment)
    /// A straight line.
    case line(x1: Double, y1: Double, x2: Double, y2: Double, thickness: Double, color: RGB)
    /// A rectangle: filled with a grey level when `fill` is set, outlined when `stroke` > 0.
    case box(Rect, fill: Double?, stroke: Double)
    /// A QR code filling `frame` (quiet zone included).
    case qr(String, frame: Rect)
    /// A PNG file (path relative to the templates folder).
    case image(String, frame: Rect)
    /// A round seal filling `frame`: ring, star, `text` along the upper arc, `label` under the star.
    case seal(text: String, label: String?, style: TextStyle, color: RGB, frame: Rect)

    func offsetBy(x dx: Double, y dy: Double) -> PositionedItem {
        switch self {
        case .text(let t, let s, let f, let a): .text(t, style: s, frame: f.offsetBy(x: dx, y: dy), align: a)
        case .line(let x1, let y1, let x2, let y2, let t, let c):
            .line(x1: x1 + dx, y1: y1 + dy, x2: x2 + dx, y2: y2 + dy, thickness: t, color: c)
        case .box(let r, let f, let s): .box(r.offsetBy(x: dx, y: dy), fill: f, stroke: s)
        case .qr(let p, let f): .qr(p, frame: f.offsetBy(x: dx, y: dy))
        case .image(let p, let f): .image(p, frame: f.offsetBy(x: dx, y: dy))
        case .seal(let t, let l, let s, let c, let f): .seal(text: t, label: l, style: s, color: c, frame: f.offsetBy(x: dx, y: dy))
        }
    }
}
