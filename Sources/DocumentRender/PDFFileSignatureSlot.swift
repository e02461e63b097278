#if canImport(Glibc)
    import Glibc
#endif

/// `PDFSignatureSlot` for a file too large to hold in memory (a batch's one-PDF print): the
/// signature revision is appended to the file in place, the signed ranges are read back in chunks
/// for the digest, and the value is written into the placeholder. Memory stays at a chunk and the
/// last cross-reference section, whatever the file's size; the bytes are those `PDFSignatureSlot`
/// gives for the same file.
public struct PDFFileSignatureSlot {
    private let file: SignableFile
    /// The hex digits of `/Contents` in the file, between `<` and `>`.
    public let contents: Range<Int>
    /// The file's length with the revision.
    public let length: Int

    /// The two signed ranges: everything before `<` and everything after `>`.
    public var signedRanges: [Range<Int>] { PDFSignatureRevision.signedRanges(contents: contents, fileLength: length) }

    /// Appends the signature revision to the PDF at `path`, with room for `contentsLength` bytes of signature.
    /// - Throws: `PDFJoinError.malformed` when the file is not one this project writes or is already
    ///   signed (the file is then unchanged); `.output` when it cannot be read or written.
    public init(appendingTo path: String, fields: PDFSignatureSlot.Fields, contentsLength: Int) throws(PDFJoinError) {
        file = try SignableFile(path: path)
        let target = try PDFSigningTarget(file: file)
        let revision = try PDFSignatureRevision(extending: target, fields: fields, contentsLength: contentsLength)
        try file.write(revision.bytes, at: target.length)
        contents = revision.contents
        length = target.length + revision.bytes.count
    }

    /// Hands the signed bytes to `digest` in order, a chunk at a time.
    /// - Throws: `PDFJoinError.output` when the file cannot be read.
    public func readSignedBytes(chunkSize: Int = 1 << 20, _ digest: (UnsafeRawBufferPointer) -> Void) throws(PDFJoinError) {
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        for range in signedRanges {
            var offset = range.lowerBound
            while offset < range.upperBound {
                let count = min(chunkSize, range.upperBound - offset)
                try file.read(into: &buffer, count: count, at: offset)
                buffer.withUnsafeBytes { digest(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
                offset += count
            }
        }
    }

    /// Writes the signature value into the placeholder (the rest stays zeros) and forces the file to disk.
    /// - Throws: `PDFJoinError.malformed` when the value is too long; `.output` when the write fails.
    public func fill(_ value: [UInt8]) throws(PDFJoinError) {
        try file.write(try PDFSignatureRevision.hexDigits(of: value, fitting: contents.count), at: contents.lowerBound)
        try file.sync()
    }
}

/// A file opened for reading and writing at given offsets (`pread`/`pwrite`), closed when dropped.
final class SignableFile {
    let path: String
    private let descriptor: Int32

    init(path: String) throws(PDFJoinError) {
        self.path = path
        descriptor = open(path, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { throw .output(FileOutputError(path: path, errno: errno)) }
    }

    deinit { _ = close(descriptor) }

    func length() throws(PDFJoinError) -> Int {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .output(FileOutputError(path: path, errno: errno)) }
        return Int(status.st_size)
    }

    /// The bytes in `range`, which must lie within the file.
    func read(_ range: Range<Int>) throws(PDFJoinError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: range.count)
        try read(into: &bytes, count: range.count, at: range.lowerBound)
        return bytes
    }

    /// Fills the first `count` bytes of `buffer` from `offset`.
    func read(into buffer: inout [UInt8], count: Int, at offset: Int) throws(PDFJoinError) {
        var done = 0
        while done < count {
            let got = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else {
                throw .output(got < 0 ? FileOutputError(path: path, errno: errno) : FileOutputError(path: path, reason: "the file ended early"))
            }
            done += got
        }
    }

    func write(_ bytes: [UInt8], at offset: Int) throws(PDFJoinError) {
        var done = 0
        while done < bytes.count {
            let wrote = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress! + done, bytes.count - done, off_t(offset + done)) }
            if wrote < 0, errno == EINTR { continue }
            guard wrote > 0 else { throw .output(FileOutputError(path: path, errno: errno)) }
            done += wrote
        }
    }

    func sync() throws(PDFJoinError) {
        guard fsync(descriptor) == 0 else { throw .output(FileOutputError(path: path, errno: errno)) }
    }
}
