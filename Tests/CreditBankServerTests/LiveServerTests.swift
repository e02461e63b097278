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
    @Test("register → login → outcome → application → initial and final review → download → page → upload check → revoke → page says revoked")
    func journey() async throws {
        let renderer = try TemplateDocumentRenderer(resources: repositoryRoot, threads: 2)
        let bank = try await ServerFixture(renderer: renderer, baseURL: "http://127.0.0.1:8080")
        let app = bank.server.application(host: "127.0.0.1", port: 0, logger: Logger(label: "live-test"))
        try await app.test(.live) { base in
            let client = Client(base: base)
            #expect(base.port != nil && base.port != 0)
            let id = ServerFixture.learnerIDs[2]
            let registered = try await client.request(
                .post, "/api/v1/auth/register", json: #"{"name": "欧阳𠮷", "idNumber": "\#(id)", "phone": "13700137000", "password": "Secret2026"}"#)
            #expect(registered.status == .created)
            let token = try await client.login(id.lowercased(), "Secret2026")
            let (_, application) = try await bank.submittedApplication(client, token: token)
            let certificate = try await bank.approve(application, client)

            let pdf = try await client.request(.get, "/api/v1/documents/\(certificate)/pdf", token: token)
            #expect(pdf.status == .ok)
            let text = try pdfText(pdf.bytes)
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

    /// The text of a PDF as `pdftotext` extracts it.
    func pdfText(_ bytes: [UInt8]) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("live-\(UUID().uuidString).pdf")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = ["-enc", "UTF-8", file.path, "-"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
