import CCairo
import CQREncode

/// Draws a QR code as vector rectangles: libqrencode at level M, 8-bit mode, a 4-module quiet
/// zone inside the frame, each row's dark runs merged into one rectangle, filled once.
enum QRCodeDrawer {
    static let quietZone = 4

    /// Draws `payload` into the square `x, y, size` on `cr`.
    /// - Throws: `RenderError.cairo` when libqrencode cannot encode the payload (too long).
    static func draw(_ payload: String, x: Double, y: Double, size: Double, on cr: OpaquePointer) throws(RenderError) {
        guard let code = QRcode_encodeString(payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else {
            throw .cairo("QR code cannot hold \(payload.utf8.count) bytes")
        }
        defer { QRcode_free(code) }
        let modules = Int(code.pointee.width)
        let module = size / Double(modules + 2 * quietZone)
        let data = code.pointee.data!
        cairo_save(cr)
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_rectangle(cr, x, y, size, size)
        cairo_fill(cr)
        cairo_set_source_rgb(cr, 0, 0, 0)
        for row in 0..<modules {
            var column = 0
            while column < modules {
                guard data[row * modules + column] & 1 == 1 else {
                    column += 1
                    continue
                }
                let start = column
                while column < modules, data[row * modules + column] & 1 == 1 { column += 1 }
                cairo_rectangle(
                    cr, x + Double(start + quietZone) * module, y + Double(row + quietZone) * module,
                    Double(column - start) * module, module)
            }
        }
        cairo_fill(cr)
        cairo_restore(cr)
    }
}
