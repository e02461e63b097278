import CreditBankCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// PDF downloads (issue 18): the SHA-256 as a strong ETag, 304 for a matching If-None-Match, one
/// byte range with 206 and Content-Range, 416 outside the file.
@Suite("PDF downloads")
struct DownloadTests {
    @Test("ETag and If-None-Match; ranges first-last, first-, -suffix; a range outside the file is 416; a stale If-Range gets the whole file")
    func conditionalAndRanges() async throws {
        let bank = try await ServerFixture()
        let document = try await bank.service.issueTranscript(validityMonths: nil, for: bank.learner.id)
        let (_, stored) = try await bank.service.pdf(of: document.id, holder: nil)
        try await bank.test { client in
            let token = try await client.login("13800138000", ServerFixture.learnerPassword)
            let uri = "/api/v1/documents/\(document.id)/pdf"
            let whole = try await client.request(.get, uri, token: token)
            #expect(whole.status == .ok && whole.bytes == stored)
            let etag = try #require(whole.headers[.eTag])
            #expect(etag == "\"\(document.sha256)\"" && whole.headers[.acceptRanges] == "bytes")

            let same = try await client.request(.get, uri, token: token, headers: [.ifNoneMatch: etag])
            #expect(same.status == .notModified && same.bytes.isEmpty && same.headers[.eTag] == etag)
            let other = try await client.request(.get, uri, token: token, headers: [.ifNoneMatch: "\"0000\""])
            #expect(other.status == .ok && other.bytes == stored)

            for (range, expected) in [("bytes=0-99", 0...99), ("bytes=100-", 100...(stored.count - 1)), ("bytes=-50", (stored.count - 50)...(stored.count - 1))] {
                let part = try await client.request(.get, uri, token: token, headers: [.range: range])
                #expect(part.status == .partialContent, "\(range)")
                #expect(part.bytes == Array(stored[expected]), "\(range)")
                #expect(part.headers[.contentRange] == "bytes \(expected.lowerBound)-\(expected.upperBound)/\(stored.count)")
            }
            let outside = try await client.request(.get, uri, token: token, headers: [.range: "bytes=\(stored.count)-"])
            #expect(outside.status == .rangeNotSatisfiable && outside.headers[.contentRange] == "bytes */\(stored.count)")
            // A Range this server does not read (empty, another unit, several ranges) is ignored: the whole file.
            for ignored in ["", "lines=1-2", "bytes=0-1,5-9", "bytes=9-2"] {
                let whole = try await client.request(.get, uri, token: token, headers: [.range: ignored])
                #expect(whole.status == .ok && whole.bytes == stored, "\(ignored)")
            }
            let stale = try await client.request(.get, uri, token: token, headers: [.range: "bytes=0-9", .ifRange: "\"0000\""])
            #expect(stale.status == .ok && stale.bytes == stored)
            // Someone else's document stays 404, conditional or not.
            let stranger = try await client.login("13900139000", ServerFixture.learnerPassword)
            #expect(try await client.request(.get, uri, token: stranger, headers: [.ifNoneMatch: etag]).status == .notFound)
        }
    }

    @Test("a multipart part header whose name holds a non-ASCII byte is 400 (MultipartKit would trap); a UTF-8 file name still uploads")
    func multipartHeaderNames() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let type: HTTPFields = [.contentType: "multipart/form-data; boundary=b0"]
            let bad = Array("--b0\r\n".utf8) + [0xF0, 0xBB, 0x84, 0x87, 0x75] + Array("--b0--\r\n".utf8)
            #expect(try await client.request(.post, "/activate/review", bytes: bad, headers: type).status == .badRequest)
            #expect(try await client.request(.post, "/v", bytes: bad, headers: type).status == .badRequest)
            let form = PortalPageTests.multipart(Array("%PDF-1.5 not issued".utf8), fileName: "证明.pdf")
            let upload = try await client.request(.post, "/v", bytes: form.body, headers: [.contentType: form.type])
            #expect(upload.status == .ok && upload.text.contains("id=\"no-match\""))
        }
    }
}
