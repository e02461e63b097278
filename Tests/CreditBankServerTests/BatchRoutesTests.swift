import CreditBankBatch
import CreditBankCore
import CreditBankDocuments
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The admin batch routes with the real renderer: request, progress, file; refusals.
@Suite("Batch routes")
struct BatchRoutesTests {
    @Test("an admin prints certificates as a PDF and a ZIP through the API; others are refused; bad input names its field; files go after the retention period")
    func adminBatch() async throws {
        let renderer = try TemplateDocumentRenderer(resources: repositoryRoot, threads: 2)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("creditbank-batches-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let bank = try await ServerFixture(renderer: renderer, batchFolder: folder)
        try await bank.test { client in
            // Two learners each get a certificate.
            var codes: [String] = []
            for (login, password) in [(ServerFixture.learnerIDs[0], ServerFixture.learnerPassword), (ServerFixture.learnerIDs[1], ServerFixture.learnerPassword)] {
                let token = try await client.login(login, password)
                let (_, application) = try await bank.submittedApplication(client, token: token)
                let certificate = try await bank.approve(application, client)
                let document = try await client.request(.get, "/api/v1/me/documents/\(certificate)", token: token)
                codes.append(try #require(document.json["code"] as? String))
            }
            let admin = try await client.staff("admin")
            let reviewer = try await client.staff("ouc-reviewer")
            let learner = try await client.login(ServerFixture.learnerIDs[0], ServerFixture.learnerPassword)

            // Refusals: anonymous 401, learner and reviewer 403, bad fields 422 naming them, nothing matching 422 on kind.
            let body = #"{"kind": "conversion-certificate", "format": "pdf"}"#
            #expect(try await client.request(.post, "/api/v1/admin/batches", json: body).status == .unauthorized)
            #expect(try await client.request(.post, "/api/v1/admin/batches", token: learner, json: body).status == .forbidden)
            #expect(try await client.request(.post, "/api/v1/admin/batches", token: reviewer, json: body).status == .forbidden)
            for (json, field) in [
                (#"{"kind": "diploma"}"#, "kind"), (#"{"kind": "transcript", "format": "docx"}"#, "format"),
                (#"{"kind": "transcript", "from": "2026-13-01"}"#, "from"),
                (#"{"kind": "transcript", "from": "2026-11-02", "to": "2026-11-01"}"#, "to"),
                (#"{"kind": "conversion-certificate", "institutionCode": "NOPE"}"#, "institutionCode"),
                (#"{"kind": "transcript"}"#, "kind"), (#"{"kind": "conversion-certificate", "to": "2020-01-01"}"#, "kind"),
            ] {
                let refused = try await client.request(.post, "/api/v1/admin/batches", token: admin, json: json)
                #expect(refused.status == .unprocessableContent && refused.errorField == field, "\(json): \(refused.text)")
            }

            var batchIDs: [Int] = []
            for format in ["pdf", "zip"] {
                // Accepted at once with a Location, then done with both documents.
                let accepted = try await client.request(
                    .post, "/api/v1/admin/batches", token: admin,
                    json: #"{"kind": "conversion-certificate", "institutionCode": "OUC", "from": "2026-11-22", "to": "2026-11-22", "format": "\#(format)"}"#)
                #expect(accepted.status == .accepted, "\(accepted.text)")
                let id = try #require(accepted.json["batchId"] as? Int)
                batchIDs.append(id)
                #expect(accepted.headers[.location] == "/api/v1/admin/batches/\(id)")
                #expect(accepted.json["total"] as? Int == 2)
                await bank.batches?.drain()
                let status = try await client.request(.get, "/api/v1/admin/batches/\(id)", token: admin)
                #expect(status.json["status"] as? String == "done" && status.json["done"] as? Int == 2, "\(status.text)")
                #expect(try await client.request(.get, "/api/v1/admin/batches/\(id)", token: reviewer).status == .forbidden)
                #expect(try await client.request(.get, "/api/v1/admin/batches/\(id)/file", token: learner).status == .forbidden)
                let file = try await client.request(.get, "/api/v1/admin/batches/\(id)/file", token: admin)
                #expect(file.status == .ok)
                if format == "pdf" {
                    #expect(file.headers[.contentType] == "application/pdf")
                    let text = try PDFTools.text(file.bytes)
                    #expect(codes.allSatisfy { text.contains($0) } && text.contains("阿卜杜热合曼·买买提") && text.contains("𠮷田"))
                    #expect(try PDFTools.pageCount(file.bytes) == 2)
                } else {
                    #expect(file.headers[.contentType] == "application/zip")
                    #expect(file.bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
                    let listing = try PDFTools.unzipList(file.bytes)
                    #expect(listing.contains("0001-\(codes[0]).pdf") && listing.contains("0002-\(codes[1]).pdf") && listing.contains("manifest.csv"))
                }
            }
            #expect(try await client.request(.get, "/api/v1/admin/batches/999", token: admin).status == .notFound)

            // After the retention period the files are removed: the batch says expired, its file 410.
            let week: TimeInterval = 7 * 86_400
            #expect(try await bank.batches?.sweep(olderThan: week) == 0)
            bank.clock.advance(by: week + 60)
            #expect(try await bank.batches?.sweep(olderThan: week) == 2)
            let laterAdmin = try await client.staff("admin")  // the first session expired meanwhile
            for id in batchIDs {
                let status = try await client.request(.get, "/api/v1/admin/batches/\(id)", token: laterAdmin)
                #expect(status.json["status"] as? String == "expired" && status.json["file"] == nil, "\(status.text)")
                let gone = try await client.request(.get, "/api/v1/admin/batches/\(id)/file", token: laterAdmin)
                #expect(gone.status == .gone && gone.text.contains("request the batch again"), "\(gone.text)")
                #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("\(id)").path))
            }
        }
    }
}
