import CCairo

/// Collects (or forwards) the bytes cairo writes to a stream. Passed to C through `Unmanaged`;
/// the owner keeps it alive until `cairo_surface_finish` has returned.
final class ByteSink {
    /// The bytes written so far, when not forwarded.
    var bytes: [UInt8] = []
    /// When set, bytes are handed on as they come instead of being kept (streaming to a file).
    private let forward: ((UnsafeBufferPointer<UInt8>) -> Bool)?

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
        forward = nil
    }

    init(forward: @escaping (UnsafeBufferPointer<UInt8>) -> Bool) { self.forward = forward }

    /// The `cairo_write_func_t` that appends to the sink passed as `closure`.
    static let write: cairo_write_func_t = { closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
        let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
        let buffer = UnsafeBufferPointer(start: data, count: Int(length))
        if let forward = sink.forward {
            return forward(buffer) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR
        }
        sink.bytes.append(contentsOf: buffer)
        return CAIRO_STATUS_SUCCESS
    }
}
