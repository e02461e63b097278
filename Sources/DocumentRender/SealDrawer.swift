import CCairo
import CPango
import DocumentLayout
import Foundation

/// Draws a round seal as vectors, as a Chinese certificate's red seal looks (docs/seal.md): a ring,
/// a five-pointed star in the middle, the issuer's name along the upper arc with each character
/// upright towards the rim, and an optional label straight under the star. Drawn in slightly
/// translucent ink so that the issuer's name and date under it stay readable. Its characters are
/// outlines, not text.
struct SealDrawer {
    let measurer: PangoTextMeasurer

    func draw(text: String, label: String?, style: TextStyle, color: RGB, frame: Rect, on cr: OpaquePointer) {
        let radius = frame.width / 2
        let cx = frame.x + radius, cy = frame.y + radius
        cairo_save(cr)
        cairo_set_source_rgba(cr, color.red, color.green, color.blue, 0.85)

        let ring = radius * 0.055
        cairo_set_line_width(cr, ring)
        cairo_new_path(cr)
        cairo_arc(cr, cx, cy, radius - ring / 2, 0, 2 * .pi)
        cairo_stroke(cr)

        star(cx: cx, cy: cy, outer: radius * 0.27, on: cr)

        // The name along the upper arc: at most 250° of it, centred on the top.
        let characters = text.map(String.init)
        let textRadius = radius * 0.72
        let pitch = style.size * 1.08 / textRadius
        let step = characters.count > 1 ? min(pitch, (250 * .pi / 180) / Double(characters.count - 1)) : 0
        for (i, character) in characters.enumerated() {
            let angle = -Double.pi / 2 + (Double(i) - Double(characters.count - 1) / 2) * step
            cairo_save(cr)
            cairo_translate(cr, cx + textRadius * cos(angle), cy + textRadius * sin(angle))
            cairo_rotate(cr, angle + .pi / 2)
            glyph(character, style: style, on: cr)
            cairo_restore(cr)
        }
        if let label, !label.isEmpty {
            var small = style
            small.size = style.size * 0.8
            let width = radius * 1.3
            let layout = measurer.layout(label, style: small, width: width, align: .center).layout
            fillOutlines(layout, x: cx - width / 2, y: cy + radius * 0.36, on: cr)
        }
        cairo_restore(cr)
    }

    /// One character centred on the current origin, in the current source colour.
    private func glyph(_ character: String, style: TextStyle, on cr: OpaquePointer) {
        let width = style.size * 2
        let (layout, measure) = measurer.layout(character, style: style, width: width, align: .center)
        fillOutlines(layout, x: -width / 2, y: -measure.height / 2, on: cr)
    }

    /// The glyphs' outlines filled as paths: the seal is a drawing, so text extraction
    /// (`pdftotext`, copy and paste) reads the document without it.
    private func fillOutlines(_ layout: OpaquePointer, x: Double, y: Double, on cr: OpaquePointer) {
        cairo_new_path(cr)
        cairo_move_to(cr, x, y)
        pango_cairo_layout_path(cr, layout)
        cairo_fill(cr)
    }

    /// A filled five-pointed star, one point up.
    private func star(cx: Double, cy: Double, outer: Double, on cr: OpaquePointer) {
        let inner = outer * 0.382
        cairo_new_path(cr)
        for k in 0..<10 {
            let r = k % 2 == 0 ? outer : inner
            let angle = -Double.pi / 2 + Double(k) * .pi / 5
            let x = cx + r * cos(angle), y = cy + r * sin(angle)
            if k == 0 { cairo_move_to(cr, x, y) } else { cairo_line_to(cr, x, y) }
        }
        cairo_close_path(cr)
        cairo_fill(cr)
    }
}
