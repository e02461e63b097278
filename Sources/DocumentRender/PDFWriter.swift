import CCairo
import DocumentLayout
import Foundation

/// Writes one PDF of one or many documents, each starting on a new page, streaming pages out as
/// they are finished (a batch of thousands is never held in memory). Fonts are subset once for the
/// whole file.
public final class PDFWriter {
    private let renderer: DocumentRenderer
    private let sink: ByteSink
    private var surface: OpaquePointer?
    private var cr: OpaquePointer?
    private var finished = false

    /// Starts a PDF whose bytes go to `output` as cairo produces them; return false to signal a write error.
    public init(renderer: DocumentRenderer, output: @escaping (UnsafeBufferPointer<UInt8>) -> Bool) {
        self.renderer = renderer
        sink = ByteSink(forward: output)
    }

    /// Starts a PDF kept in memory (read `bytes` after `finish`).
    init(renderer: DocumentRenderer, capacity: Int) {
        self.renderer = renderer
        sink = ByteSink(capacity: capacity)
    }

    /// The bytes of an in-memory PDF.
    var bytes: [UInt8] { sink.bytes }

    deinit {
        if !finished { try? finish() }
    }

    /// Adds the pages of `document`. The first document's metadata becomes the file's.
    /// - Throws: `RenderError` when drawing fails.
    public func append(_ document: LaidOutDocument, imageDirectory: URL) throws(RenderError) {
        let cr = open(document)
        cairo_pdf_surface_set_size(surface, document.pageWidth, document.pageHeight)
        try renderer.draw(document, imageDirectory: imageDirectory, on: cr)
    }

    /// Lays out and adds one document.
    public func append(_ template: LoadedTemplate, data: TemplateData) throws(RenderError) {
        try append(try renderer.layout(template, data: data), imageDirectory: template.directory)
    }

    /// Completes the file: subsets and writes the fonts, the cross-reference table and the trailer.
    /// - Throws: `RenderError.cairo` when cairo or the output failed.
    public func finish() throws(RenderError) {
        guard !finished else { return }
        finished = true
        if surface == nil {
            _ = open(
                LaidOutDocument(
                    pageWidth: PageSetup.a4.width, pageHeight: PageSetup.a4.height, pages: [],
                    metadata: DocumentMetadata(title: "", author: "", subject: "", keywords: "", date: "")))
        }
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw .cairo(String(cString: cairo_status_to_string(status))) }
    }

    private func open(_ first: LaidOutDocument) -> OpaquePointer {
        if let cr { return cr }
        let surface = cairo_pdf_surface_create_for_stream(
            ByteSink.write, Unmanaged.passUnretained(sink).toOpaque(), first.pageWidth, first.pageHeight)!
        let meta = first.metadata
        for (key, value) in [
            (CAIRO_PDF_METADATA_TITLE, meta.title), (CAIRO_PDF_METADATA_AUTHOR, meta.author),
            (CAIRO_PDF_METADATA_SUBJECT, meta.subject), (CAIRO_PDF_METADATA_KEYWORDS, meta.keywords),
            (CAIRO_PDF_METADATA_CREATOR, "creditbank document engine"),
            (CAIRO_PDF_METADATA_CREATE_DATE, meta.date), (CAIRO_PDF_METADATA_MOD_DATE, meta.date),
        ]
        where !value.isEmpty {
            cairo_pdf_surface_set_metadata(surface, key, value)
        }
        let cr = cairo_create(surface)!
        self.surface = surface
        self.cr = cr
        return cr
    }
}
