import CreditBankCore
import CreditBankDocuments
import CreditBankServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// The real server on a free port with the real renderer: one learner's conversion from
/// registration to a revoked certificate, over HTTP only.
@Suite("Live server")
struct LiveServerTests {
    @Test(
        "register → login → outcome → application → initial and final review → download → page → upload check → revoke → page says revoked")
    func journey() async throws {
        let renderer = try TemplateDocumentRenderer(resources: repositoryRoot, threads: 2)
        let bank = try await ServerFixture(renderer: renderer, baseURL: "http://127.0.0.1:8080")
        let app = bank.server.application(host: "127.0.0.1", port: 0, logger: Logger(label: "live-test"))
        try await app.test(.live) { base in
            let client = Client(base: base)
            #expect(base.port != nil && base.port != 0)
            let id = ServerFixture.learnerIDs[2]
            let registered = try await client.request(
                .post, "/api/v1/auth/register",
                json: #"{"name": "欧阳𠮷", "idNumber": "\#(id)", "phone": "13700137000", "password": "Secret2026"}"#)
            #expect(registered.status == .created)
            let token = try await client.login(id.lowercased(), "Secret2026")
            let (_, application) = try await bank.submittedApplication(client, token: token)
            let certificate = try await bank.approve(application, client)

            let pdf = try await client.request(.get, "/api/v1/documents/\(certificate)/pdf", token: token)
            #expect(pdf.status == .ok)
            let text = try PDFTools.text(pdf.bytes)
            #expect(text.contains("欧阳𠮷"))
            #expect(text.contains("学习成果转换证明"))
            #expect(text.contains("202201240004"))
            let document = try await client.request(.get, "/api/v1/me/documents/\(certificate)", token: token)
            let code = try #require(document.json["code"] as? String)
            #expect(text.contains(code))

            let page = try await client.request(.get, "/v/\(code)")
            #expect(page.status == .ok)
            #expect(page.text.contains("有效") && page.text.contains("欧阳𠮷"))

            let upload = try await client.request(.post, "/api/v1/verify", bytes: pdf.bytes)
            #expect(upload.json["match"] as? Bool == true)
            var altered = pdf.bytes
            altered[altered.count - 10] ^= 0x20
            #expect(try await client.request(.post, "/api/v1/verify", bytes: altered).json["match"] as? Bool == false)

            let admin = try await client.staff("admin")
            let revoked = try await client.request(
                .post, "/api/v1/admin/documents/\(certificate)/revoke", token: admin, json: #"{"reason": "申请材料不实"}"#)
            #expect(revoked.status == .ok)
            let after = try await client.request(.get, "/v/\(code)")
            #expect(after.text.contains("已撤销") && after.text.contains("申请材料不实"))
            #expect(try await client.request(.get, "/api/v1/verify/\(code)").json["status"] as? String == "revoked")
        }
    }
}

@Suite("Outcome proofs")
struct OutcomeProofTests {
    @Test(
        "a proof of stored outcomes renders every outcome, its QR decodes to the page, a registered outcome is refused, and after its validity the page says expired"
    )
    func proof() async throws {
        let renderer = try TemplateDocumentRenderer(resources: repositoryRoot, threads: 1)
        let bank = try await ServerFixture(renderer: renderer)
        try await bank.test { client in
            let token = try await client.login("13800138000", ServerFixture.learnerPassword)
            let stored = try await client.request(
                .post, "/api/v1/me/outcomes", token: token,
                json: #"{"catalogId": \#(bank.ncre.id), "obtainedOn": "2026-06-01", "score": 86}"#)
            let elderly = try await client.request(.post, "/api/v1/me/outcomes", token: token, json: #"{"catalogId": \#(bank.elderly.id)}"#)
            let registered = try await client.request(
                .post, "/api/v1/me/outcomes", token: token,
                json: #"{"category": "non-academic", "subtype": "training", "name": "太极拳", "issuer": "老年大学", "obtainedOn": "2026-01-01"}"#)
            let (a, b, r) = (stored.json["id"] as? Int ?? 0, elderly.json["id"] as? Int ?? 0, registered.json["id"] as? Int ?? 0)

            let refused = try await client.request(
                .post, "/api/v1/me/documents", token: token, json: #"{"kind": "outcome-proof", "outcomeIds": [\#(a), \#(r)]}"#)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.errorField == "outcomeIds")
            let months = try await client.request(
                .post, "/api/v1/me/documents", token: token, json: #"{"kind": "outcome-proof", "outcomeIds": [\#(a)], "validityMonths": 7}"#
            )
            #expect(months.errorField == "validityMonths")
            let other = try await client.login("13900139000", ServerFixture.learnerPassword)
            #expect(
                try await client.request(
                    .post, "/api/v1/me/documents", token: other, json: #"{"kind": "outcome-proof", "outcomeIds": [\#(a)]}"#
                ).status == .notFound)
            #expect(
                try await client.request(.post, "/api/v1/me/documents", token: token, json: #"{"kind": "diploma", "outcomeIds": [\#(a)]}"#)
                    .errorField == "kind")

            let issued = try await client.request(
                .post, "/api/v1/me/documents", token: token,
                json: #"{"kind": "outcome-proof", "outcomeIds": [\#(a), \#(b)], "validityMonths": 1}"#)
            #expect(issued.status == .created)
            #expect(issued.json["kind"] as? String == "outcome-proof")
            let id = try #require(issued.json["id"] as? Int)
            let code = try #require(issued.json["code"] as? String)
            let pdf = try await client.request(.get, "/api/v1/documents/\(id)/pdf", token: token).bytes
            // Table cells wrap long names: read in drawing order and compare without white space.
            let text = try PDFTools.text(pdf, raw: true).filter { !$0.isWhitespace }
            #expect(text.contains("学习成果证明") && text.contains("全国计算机等级考试一级证书") && text.contains("老年教育课程"))
            #expect(text.contains("本证明有效期至2026年12月22日"))
            #expect(text.contains("第1页/共1页"))
            #expect(try PDFTools.qrPayloads(pdf) == ["https://bank.example.cn/v/\(code.replacingOccurrences(of: "-", with: ""))"])

            #expect(try await client.request(.get, "/api/v1/verify/\(code)").json["status"] as? String == "valid")
            bank.clock.advance(by: 31 * 86_400)
            let expired = try await client.request(.get, "/api/v1/verify/\(code)")
            #expect(expired.json["status"] as? String == "expired")
            let page = try await client.request(.get, "/v/\(code)")
            #expect(page.text.contains("已过期") && page.text.contains("Expired"))
        }
    }
}
