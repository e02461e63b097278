import CreditBankCore
import Foundation
import Hummingbird
import MultipartKit

/// The verification form's upload: a receiving institution checks a PDF from a browser, not only
/// with `curl` (docs/product.md §4). The file comes as `multipart/form-data`.
extension BankServer {
    struct UploadedFile: Decodable {
        var file: Data?
    }

    func addUploadPages(_ public_: GroupRoutes<PublicPageContext>) {
        public_.add(.post, "/v") { request, context in
            try await admitPublicLookup(request, context)
            let file = try await uploadedFile(request, missing: "请选择要核验的 PDF 文件。Choose the PDF file to check.")
            let checked = try await service.check(pdf: file.bytes, context: try await lookupContext(request, context, .upload))
            let answer = checked.answer
            let model = VerifyUploadPage(
                match: answer != nil, fileName: file.name, sha256: checked.sha256, code: answer?.code.formatted,
                statusName: answer.map { "\($0.status.chineseName) \($0.status.name)" }, valid: answer?.status == .valid,
                verifyPath: answer.map { "/v/\($0.code.canonical)" }, signature: .init(checked.signature))
            return page(model, frame: frame(for: context.visitor))
        }
    }

    /// The `file` field of a multipart form, at most `settings.uploadLimit` bytes.
    /// - Throws: 400 for a body that is not multipart, 422 naming `file` for no file or an empty one.
    func uploadedFile(_ request: Request, missing: String) async throws -> (bytes: [UInt8], name: String) {
        guard let type = request.headers[.contentType], let boundary = Self.boundary(type) else {
            throw APIError(.badRequest, code: "bad-request", message: "send the file with the page's upload form (multipart/form-data)")
        }
        let body = try await request.body.collect(upTo: settings.uploadLimit)
        try Self.requireASCIIPartHeaders(body, boundary: boundary)
        let form: UploadedFile
        do {
            form = try FormDataDecoder().decode(UploadedFile.self, from: body, boundary: boundary)
        } catch {
            throw APIError(.badRequest, code: "bad-request", message: "the upload could not be read; choose the file again")
        }
        guard let data = form.file, !data.isEmpty else {
            throw APIError.invalid("file", missing)
        }
        return ([UInt8](data), Self.fileName(in: body) ?? "")
    }

    /// A whole multipart form decoded as `T` (file fields as `Data`), at most `settings.uploadLimit` bytes.
    /// - Throws: 400 for a body that is not a readable multipart form.
    func multipartForm<T: Decodable>(_ request: Request, as: T.Type) async throws -> T {
        guard let type = request.headers[.contentType], let boundary = Self.boundary(type) else {
            throw APIError(.badRequest, code: "bad-request", message: "send the page's form (multipart/form-data)")
        }
        let body = try await request.body.collect(upTo: settings.uploadLimit + 64 * 1024)
        try Self.requireASCIIPartHeaders(body, boundary: boundary)
        do { return try FormDataDecoder().decode(T.self, from: body, boundary: boundary) } catch {
            throw APIError(.badRequest, code: "bad-request", message: "the form could not be read; send it again")
        }
    }

    /// Refuses (400) a multipart body with a byte above 0x7F in a part's header *name*. MultipartKit
    /// 4.7.1 looks such a byte up in a 128-entry table and traps (index out of range), which would
    /// end the process: found by schemathesis on `/activate/review`. Header values stay free (browsers
    /// send a Chinese file name as raw UTF-8 in `filename="…"`).
    static func requireASCIIPartHeaders(_ body: ByteBuffer, boundary: String) throws {
        let bytes = body.readableBytesView
        let delimiter = Array(("--" + boundary).utf8)
        var index = bytes.startIndex
        while let found = bytes[index...].firstRange(of: delimiter) {
            var i = found.upperBound
            // The closing delimiter ("--") has no headers after it.
            if i + 1 < bytes.endIndex, bytes[i] == UInt8(ascii: "-"), bytes[i + 1] == UInt8(ascii: "-") { break }
            // Headers run to the first empty line (or, in a damaged body, the next delimiter).
            let next = bytes[i...].firstRange(of: delimiter)?.lowerBound ?? bytes.endIndex
            let end = bytes[i..<next].firstRange(of: [0x0D, 0x0A, 0x0D, 0x0A])?.lowerBound ?? next
            // In each header line, the name (up to ':') must be ASCII; values (a UTF-8 file name) may not be.
            var inName = true
            while i < end {
                let byte = bytes[i]
                if byte == 0x0A { inName = true } else if byte == UInt8(ascii: ":") { inName = false } else if inName && byte >= 0x80 {
                    throw APIError(.badRequest, code: "bad-request", message: "the form's part headers are not readable; send it again")
                }
                i += 1
            }
            index = next
        }
    }

    /// The boundary of a `multipart/form-data` content type.
    static func boundary(_ type: String) -> String? {
        guard type.lowercased().hasPrefix("multipart/form-data") else { return nil }
        return type.split(separator: ";").lazy.map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.lowercased().hasPrefix("boundary=") }
            .map { String($0.dropFirst("boundary=".count)).trimmingCharacters(in: ["\""]) }
    }

    /// A PDF shown inline (a learner's own attachment).
    static func pdfInline(_ bytes: [UInt8], name: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "application/pdf", .cacheControl: "private, no-store", .contentDisposition: "inline; filename=\"\(name)\"",
                .init("X-Content-Type-Options")!: "nosniff",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The file name the browser sent with the part (shown back to the person), if any.
    static func fileName(in body: ByteBuffer) -> String? {
        let head = String(decoding: body.readableBytesView.prefix(2048), as: UTF8.self)
        guard let range = head.range(of: "filename=\"") else { return nil }
        let name = head[range.upperBound...].prefix { $0 != "\"" }
        return name.isEmpty ? nil : String(name.prefix(200))
    }
}
