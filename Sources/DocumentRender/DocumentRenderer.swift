import CCairo
import CPango
import DocumentLayout
import Foundation

/// Turns a loaded template and its data into PDF or PNG bytes.
///
/// A renderer owns a Pango font map, which must not be shared between threads: use one renderer
/// per thread (`RendererPool` does this) and keep it for many documents — creating one costs
/// ~15–20 ms, rendering a certificate a few milliseconds.
public final class DocumentRenderer {
    private let fonts: FontLibrary
    private let fontMap: UnsafeMutablePointer<PangoFontMap>
    private let measurer: PangoTextMeasurer
    private let images = ImageCache()

    /// Creates a renderer that uses only the fonts in `fontsDirectory`.
    /// - Throws: `RenderError.fonts` when the folder has no usable fonts.
    public init(fontsDirectory: URL) throws(RenderError) {
        fonts = try FontLibrary(directory: fontsDirectory)
        fontMap = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT)
        pango_fc_font_map_set_config(cb_pango_fc_font_map(fontMap), fonts.config)
        measurer = PangoTextMeasurer(fontMap: fontMap, fonts: fonts)
    }

    deinit {
        measurer.forget()
        cb_g_object_unref(UnsafeMutableRawPointer(fontMap))
    }

    /// Font families the renderer can draw with (for `TemplateLoader`).
    public var fontFamilies: Set<String> { fonts.families }

    /// The code points the fonts can draw, as sorted ranges.
    public var coveredRanges: [ClosedRange<UInt32>] { fonts.coveredRanges() }

    /// Lays `template` out with `data`.
    /// - Throws: `RenderError.layout` for missing fields, missing glyphs or boxes that do not fit.
    public func layout(_ template: LoadedTemplate, data: TemplateData) throws(RenderError) -> LaidOutDocument {
        do {
            return try LayoutEngine(template: template.template, data: data, measurer: measurer).layout()
        } catch {
            measurer.forget()
            throw .layout(error)
        }
    }

    /// Drops the shaped text kept from the last `layout` call; call it when a laid-out document
    /// will not be drawn (drawing drops them itself).
    public func discardLayouts() { measurer.forget() }

    /// Renders a PDF into memory: A4, vector text and QR, subset fonts, metadata from the template.
    /// - Throws: `RenderError` when layout or cairo fails.
    public func pdf(_ template: LoadedTemplate, data: TemplateData) throws(RenderError) -> [UInt8] {
        let document = try layout(template, data: data)
        return try pdf(document, imageDirectory: template.directory)
    }

    /// Writes an already laid-out document as PDF bytes.
    public func pdf(_ document: LaidOutDocument, imageDirectory: URL) throws(RenderError) -> [UInt8] {
        let writer = PDFWriter(renderer: self, capacity: 48 * 1024)
        try writer.append(document, imageDirectory: imageDirectory)
        try writer.finish()
        return writer.bytes
    }

    /// Draws every page of `document` on `cr`, ending each with `cairo_show_page`.
    func draw(_ document: LaidOutDocument, imageDirectory: URL, on cr: OpaquePointer) throws(RenderError) {
        defer { measurer.forget() }
        let drawer = PageDrawer(measurer: measurer, images: images, imageDirectory: imageDirectory)
        for page in document.pages {
            try drawer.draw(page, on: cr)
            cairo_show_page(cr)
        }
    }

    /// Renders one page as a PNG (a preview for template authors).
    /// - Throws: `RenderError` when layout fails or the page does not exist.
    public func png(_ template: LoadedTemplate, data: TemplateData, page index: Int = 0, dpi: Double = 110) throws(RenderError) -> [UInt8] {
        let document = try layout(template, data: data)
        defer { measurer.forget() }
        guard document.pages.indices.contains(index) else { throw .noSuchPage(index, pages: document.pages.count) }
        let scale = dpi / 72
        let surface = cairo_image_surface_create(
            CAIRO_FORMAT_RGB24, Int32((document.pageWidth * scale).rounded()),
            Int32((document.pageHeight * scale).rounded()))!
        let cr = cairo_create(surface)!
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_scale(cr, scale, scale)
        var failure: RenderError?
        do {
            try PageDrawer(measurer: measurer, images: images, imageDirectory: template.directory).draw(document.pages[index], on: cr)
        } catch { failure = error }
        cairo_destroy(cr)
        let sink = ByteSink(capacity: 256 * 1024)
        let status = withExtendedLifetime(sink) {
            cairo_surface_write_to_png_stream(surface, ByteSink.write, Unmanaged.passUnretained(sink).toOpaque())
        }
        cairo_surface_destroy(surface)
        if let failure { throw failure }
        guard status == CAIRO_STATUS_SUCCESS else { throw .cairo(String(cString: cairo_status_to_string(status))) }
        return sink.bytes
    }
}
