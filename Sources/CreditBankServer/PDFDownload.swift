import CreditBankCore
import Foundation
import Hummingbird

/// A stored PDF as a download (issue 18): the document's SHA-256 as a strong ETag, `304 Not
/// Modified` for a matching `If-None-Match`, and one byte range (`Range: bytes=…`, `206` with
/// `Content-Range`; `416` for a range outside the file) for resumed downloads.
extension BankServer {
    static func pdfDownload(_ document: IssuedDocument, _ bytes: ByteBuffer, request: Request) -> Response {
        pdfDownload(DocumentFile(document), bytes, request: request)
    }

    static func pdfDownload(_ document: DocumentFile, _ bytes: ByteBuffer, request: Request) -> Response {
        let name = "\(document.kind.rawValue)-\(document.code.formatted).pdf"
        let encoded = Self.percentEncoded("\(document.kind.chineseName)-\(document.code.formatted).pdf")
        let etag = "\"\(document.sha256)\""
        var headers: HTTPFields = [
            .contentType: "application/pdf", .cacheControl: "private, no-cache", .eTag: etag, .acceptRanges: "bytes",
            .contentDisposition: "attachment; filename=\"\(name)\"; filename*=UTF-8''\(encoded)",
        ]
        if let match = request.headers[.ifNoneMatch], Self.etagMatches(match, etag) {
            headers[.contentType] = nil
            headers[.contentDisposition] = nil
            return Response(status: .notModified, headers: headers)
        }
        // If-Range: a range only of the same file; otherwise the whole file.
        let ifRange = request.headers[.ifRange]
        if let range = request.headers[.range], ifRange == nil || ifRange == etag, let wanted = Self.byteRange(range, length: bytes.readableBytes) {
            guard let (start, end) = wanted else {
                headers[.contentRange] = "bytes */\(bytes.readableBytes)"
                headers[.contentType] = "text/plain; charset=utf-8"
                headers[.contentDisposition] = nil
                return Response(
                    status: .rangeNotSatisfiable, headers: headers,
                    body: .init(byteBuffer: ByteBuffer(string: "the range is outside the file (\(bytes.readableBytes) bytes)\n")))
            }
            headers[.contentRange] = "bytes \(start)-\(end)/\(bytes.readableBytes)"
            return Response(status: .partialContent, headers: headers, body: .init(byteBuffer: bytes.getSlice(at: bytes.readerIndex + start, length: end - start + 1) ?? bytes))
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: bytes))
    }

    /// `text` for RFC 8187's `filename*`: ASCII letters, digits, `-` and `.` as they are, every
    /// other UTF-8 byte as `%XX` (upper-case hex).
    static func percentEncoded(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 3)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."):
                out.append(byte)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(Hex.upperDigits[Int(byte >> 4)])
                out.append(Hex.upperDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether an `If-None-Match` value names `etag` (`*`, a list, weak forms compared weakly).
    static func etagMatches(_ header: String, _ etag: String) -> Bool {
        header.trimmingCharacters(in: .whitespaces) == "*"
            || header.split(separator: ",").contains {
                var tag = $0.trimmingCharacters(in: .whitespaces)
                if tag.hasPrefix("W/") { tag.removeFirst(2) }
                return tag == etag
            }
    }

    /// One range of `bytes=first-last`, `bytes=first-` or `bytes=-suffix`, clamped to the file:
    /// `.some(nil)` when it is well formed but lies outside the file (416); nil when the header is
    /// not one range this server reads (another unit, several ranges, bad syntax), which RFC 9110
    /// §14.2 says to ignore: the whole file is sent.
    static func byteRange(_ header: String, length: Int) -> (Int, Int)?? {
        guard header.hasPrefix("bytes=") else { return nil }
        let spec = header.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return nil }
        let first = spec[..<dash], last = spec[spec.index(after: dash)...]
        if first.isEmpty {
            guard let suffix = Int(last), suffix >= 0 else { return nil }
            return suffix > 0 && length > 0 ? (max(0, length - suffix), length - 1) : .some(nil)
        }
        guard let start = Int(first), start >= 0 else { return nil }
        if !last.isEmpty {
            guard let end = Int(last), end >= start else { return nil }
            return start < length ? (start, min(end, length - 1)) : .some(nil)
        }
        return start < length ? (start, length - 1) : .some(nil)
    }
}

extension ByteBuffer {
    /// A buffer of `count` bytes that `fill` writes in place: a stored PDF is copied once, from the
    /// database into the response (`BytesMaker`).
    static func made(_ count: Int, _ fill: (UnsafeMutableRawBufferPointer) throws -> Void) throws -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: count)
        try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { target in
            try fill(UnsafeMutableRawBufferPointer(rebasing: target[..<count]))
            return count
        }
        return buffer
    }
}
