/// The port through which the core has a snapshot turned into PDF bytes (the render adapter implements it).
public protocol DocumentRendering: Sendable {
    /// Renders `snapshot` (JSON, sorted keys) with the current template for `kind` and `language`.
    /// - Throws: the adapter's error when the template or a glyph is missing.
    func render(kind: DocumentKind, language: DocumentLanguage, snapshot: [UInt8]) async throws -> RenderedPDF

    /// The characters the fonts can print; every value that will be printed is checked against it where it enters.
    var coverage: GlyphCoverage { get }
}

/// A rendered document: its bytes and the template that produced them.
public struct RenderedPDF: Sendable {
    public var bytes: [UInt8]
    public var templateName: String
    public var templateVersion: Int
    /// Creates a rendered document.
    public init(bytes: [UInt8], templateName: String, templateVersion: Int) {
        self.bytes = bytes
        self.templateName = templateName
        self.templateVersion = templateVersion
    }
}
