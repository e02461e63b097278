#if canImport(Glibc)
    import Glibc
#endif
import Foundation

/// A file written front to back through a buffer, counting its bytes (PDF and ZIP offsets).
public final class FileOutput {
    /// The file's path.
    public let path: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let bufferSize: Int
    /// Bytes written so far, buffered ones included.
    public private(set) var position = 0
    private var closed = false

    /// Creates (or truncates) `path`.
    /// - Throws: `FileOutputError` naming the path and the system's reason.
    public init(path: String, bufferSize: Int = 1 << 20) throws(FileOutputError) {
        self.path = path
        self.bufferSize = bufferSize
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileOutputError(path: path, errno: errno) }
        buffer.reserveCapacity(bufferSize)
    }

    deinit {
        if !closed { _ = Glibc.close(descriptor) }
    }

    /// Appends bytes.
    public func write(_ bytes: some Collection<UInt8>) throws(FileOutputError) {
        position += bytes.count
        if buffer.count + bytes.count > bufferSize { try flush() }
        if bytes.count >= bufferSize {
            try writeAll(Array(bytes))
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    /// Appends raw bytes (from C callbacks).
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(FileOutputError) {
        position += bytes.count
        if buffer.count + bytes.count > bufferSize { try flush() }
        if bytes.count >= bufferSize {
            try writeAll(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    /// Appends UTF-8 text.
    public func write(_ text: String) throws(FileOutputError) {
        try write(Array(text.utf8))
    }

    /// Hands the buffered bytes to the system.
    public func flush() throws(FileOutputError) {
        guard !buffer.isEmpty else { return }
        try writeAll(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, optionally forces the bytes to the disk, and closes the file.
    public func close(sync: Bool = false) throws(FileOutputError) {
        guard !closed else { return }
        try flush()
        closed = true
        if sync, fsync(descriptor) != 0 { throw FileOutputError(path: path, errno: errno) }
        if Glibc.close(descriptor) != 0 { throw FileOutputError(path: path, errno: errno) }
    }

    private func writeAll(_ bytes: [UInt8]) throws(FileOutputError) {
        try bytes.withUnsafeBufferPointer { (pointer) throws(FileOutputError) in try writeAll(pointer) }
    }

    private func writeAll(_ bytes: UnsafeBufferPointer<UInt8>) throws(FileOutputError) {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw FileOutputError(path: path, errno: errno)
            }
            offset += written
        }
    }
}

/// A file could not be written.
public struct FileOutputError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String

    init(path: String, errno code: Int32) {
        self.path = path
        reason = String(cString: strerror(code))
    }

    /// A failure with a reason of its own.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot write \(path): \(reason)" }
}
