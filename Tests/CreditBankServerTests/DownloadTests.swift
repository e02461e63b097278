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
        #expect(stored.count == document.byteCount && CreditBankService.sha256(stored) == document.sha256)
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

    @Test("who downloads: the holder and any staff member; another learner 404; no, a malformed, an ended or an expired session 401; a disabled staff member 401")
    func whoDownloads() async throws {
        let bank = try await ServerFixture()
        let document = try await bank.service.issueTranscript(validityMonths: nil, for: bank.learner.id)
        let (_, stored) = try await bank.service.pdf(of: document.id, holder: nil)
        try await bank.test { client in
            let uri = "/api/v1/documents/\(document.id)/pdf"
            let holder = try await client.login("13800138000", ServerFixture.learnerPassword)
            let stranger = try await client.login("13900139000", ServerFixture.learnerPassword)
            let admin = try await client.staff("admin")
            let reviewer = try await client.staff("ouc-reviewer")
            let expert = try await client.staff("expert")
            for token in [holder, admin, reviewer] {
                let response = try await client.request(.get, uri, token: token)
                #expect(response.status == .ok && response.bytes == stored)
            }
            // The scheme in any case, blanks around the token; anything else is no token.
            for header in ["bearer \(holder)", "BEARER  \(holder)\t", "Bearer \(holder) "] {
                let response = try await client.request(.get, uri, headers: [.authorization: header])
                #expect(response.status == .ok, "\(header)")
            }
            for header in ["Bearer", "Bearer ", "Token \(holder)", "Bearer\t\(holder)", "Bearerx \(holder)", "Basic \(holder)"] {
                let response = try await client.request(.get, uri, headers: [.authorization: header])
                #expect(response.status == .unauthorized, "\(header)")
            }
            // The file's names: ASCII, and the Chinese one percent-encoded (RFC 8187).
            let named = try await client.request(.get, uri, token: holder)
            let local = "\(document.kind.chineseName)-\(document.code.formatted).pdf"
            let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-.")
            let expected = try #require(local.addingPercentEncoding(withAllowedCharacters: allowed))
            #expect(expected.contains("%E7%BB%88"))  // 终
            #expect(
                named.headers[.contentDisposition]
                    == "attachment; filename=\"\(document.kind.rawValue)-\(document.code.formatted).pdf\"; filename*=UTF-8''\(expected)")
            let other = try await client.request(.get, uri, token: stranger)
            #expect(other.status == .notFound && other.errorCode == "not-found")
            #expect(try await client.request(.get, "/api/v1/documents/999999/pdf", token: holder).status == .notFound)
            #expect(try await client.request(.get, "/api/v1/documents/999999/pdf", token: admin).status == .notFound)
            for token in [nil, "abc", String(repeating: "A", count: 43)] as [String?] {
                let response = try await client.request(.get, uri, token: token)
                #expect(response.status == .unauthorized && response.errorCode == "unauthorized", "\(token ?? "none")")
            }
            // A disabled staff member's sessions end at once.
            let adminMember = try #require(try await bank.service.principal(forToken: admin))
            guard case .staff(let adminStaff) = adminMember else { Issue.record("admin is not staff"); return }
            let expertMember = try #require(try await bank.service.principal(forToken: expert))
            guard case .staff(let expertStaff) = expertMember else { Issue.record("expert is not staff"); return }
            #expect(try await client.request(.get, uri, token: expert).status == .ok)
            _ = try await bank.service.setStaffDisabled(expertStaff.id, true, by: adminStaff)
            #expect(try await client.request(.get, uri, token: expert).status == .unauthorized)
            // Signed out, then expired.
            #expect(try await client.request(.post, "/api/v1/auth/logout", token: reviewer).status.code < 300)
            #expect(try await client.request(.get, uri, token: reviewer).status == .unauthorized)
            bank.clock.advance(by: CreditBankService.sessionLifetime + 1)
            for token in [holder, admin] {
                #expect(try await client.request(.get, uri, token: token).status == .unauthorized)
            }
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
