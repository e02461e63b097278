import CCairo
import CQREncode

/// Draws a QR code as vector paths: libqrencode at level M, 8-bit mode, a 4-module quiet zone
/// inside the frame.
///
/// Each row's dark runs become horizontal lines one module wide with butt ends, all stroked at
/// once. A line is two points where a filled rectangle is four, so cairo formats half as many
/// numbers and a certificate page's content stream shrinks from 21.9 KB to 13.9 KB (the QR was
/// most of it). The module size and origin sit on a 1/64 pt grid (cairo keeps 1/256), so
/// every run of a row ends exactly where the next module starts.
enum QRCodeDrawer {
    static let quietZone = 4
    /// Module size and origin are multiples of 1/64 pt.
    private static let grid = 64.0

    /// Draws `payload` into the square `x, y, size` on `cr` (white background over the whole frame).
    /// - Throws: `RenderError.cairo` when libqrencode cannot encode the payload (too long).
    static func draw(_ payload: String, x: Double, y: Double, size: Double, on cr: OpaquePointer) throws(RenderError) {
        guard let code = QRcode_encodeString(payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else {
            throw .cairo("QR code cannot hold \(payload.utf8.count) bytes")
        }
        defer { QRcode_free(code) }
        let modules = Int(code.pointee.width)
        let span = Double(modules + 2 * quietZone)
        let module = snap(size / span, rule: .down)
        // The code is centred in its frame: the rounding leaves at most span/64 pt around it.
        let originX = snap(x + (size - module * span) / 2 + Double(quietZone) * module, rule: .toNearestOrEven)
        let originY = snap(y + (size - module * span) / 2 + Double(quietZone) * module, rule: .toNearestOrEven)
        let data = code.pointee.data!
        cairo_save(cr)
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_rectangle(cr, x, y, size, size)
        cairo_fill(cr)
        cairo_set_source_rgb(cr, 0, 0, 0)
        cairo_set_line_width(cr, module)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
        for row in 0..<modules {
            let centre = originY + (Double(row) + 0.5) * module
            var column = 0
            while column < modules {
                guard data[row * modules + column] & 1 == 1 else {
                    column += 1
                    continue
                }
                let start = column
                while column < modules, data[row * modules + column] & 1 == 1 { column += 1 }
                cairo_move_to(cr, originX + Double(start) * module, centre)
                cairo_line_to(cr, originX + Double(column) * module, centre)
            }
        }
        cairo_stroke(cr)
        cairo_restore(cr)
    }

    private static func snap(_ value: Double, rule: FloatingPointRoundingRule) -> Double {
        (value * grid).rounded(rule) / grid
    }
}
