import CCairo
import CPango
import DocumentLayout
import Foundation

/// Draws the positioned items of one page on a cairo context (PDF or image surface alike).
struct PageDrawer {
    let measurer: PangoTextMeasurer
    let images: ImageCache
    /// The folder image paths are relative to.
    let imageDirectory: URL

    func draw(_ page: LaidOutPage, on cr: OpaquePointer) throws(RenderError) {
        for item in page.items {
            switch item {
            case .text(let text, let style, let frame, let align):
                let layout = measurer.layout(text, style: style, width: frame.width, align: align).layout
                cairo_set_source_rgb(cr, style.color.red, style.color.green, style.color.blue)
                cairo_move_to(cr, frame.x, frame.y)
                pango_cairo_show_layout(cr, layout)
            case .line(let x1, let y1, let x2, let y2, let thickness, let color):
                cairo_set_source_rgb(cr, color.red, color.green, color.blue)
                cairo_set_line_width(cr, thickness)
                cairo_move_to(cr, x1, y1)
                cairo_line_to(cr, x2, y2)
                cairo_stroke(cr)
            case .box(let rect, let fill, let stroke):
                cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
                if let fill {
                    cairo_set_source_rgb(cr, fill, fill, fill)
                    if stroke > 0 { cairo_fill_preserve(cr) } else { cairo_fill(cr) }
                }
                if stroke > 0 {
                    cairo_set_source_rgb(cr, 0.25, 0.25, 0.25)
                    cairo_set_line_width(cr, stroke)
                    cairo_stroke(cr)
                }
            case .qr(let payload, let frame):
                try QRCodeDrawer.draw(payload, x: frame.x, y: frame.y, size: frame.width, on: cr)
            case .image(let file, let frame):
                let surface = try images.surface(imageDirectory.appendingPathComponent(file).path, name: file)
                let width = Double(cairo_image_surface_get_width(surface))
                let height = Double(cairo_image_surface_get_height(surface))
                cairo_save(cr)
                cairo_translate(cr, frame.x, frame.y)
                cairo_scale(cr, frame.width / width, frame.height / height)
                cairo_set_source_surface(cr, surface, 0, 0)
                cairo_paint(cr)
                cairo_restore(cr)
            case .seal(let text, let label, let style, let color, let frame):
                SealDrawer(measurer: measurer).draw(text: text, label: label, style: style, color: color, frame: frame, on: cr)
            }
        }
    }
}

/// PNG images loaded once per renderer.
final class ImageCache {
    private var surfaces: [String: OpaquePointer] = [:]

    deinit { for surface in surfaces.values { cairo_surface_destroy(surface) } }

    func surface(_ path: String, name: String) throws(RenderError) -> OpaquePointer {
        if let cached = surfaces[path] { return cached }
        let surface = cairo_image_surface_create_from_png(path)!
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw .image(name)
        }
        surfaces[path] = surface
        return surface
    }
}
