import CreditBankCore
import CreditBankDocuments
import CreditBankServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Transcripts")
struct TranscriptTests {
    @Test(
        "a transcript of 300 outcomes in every category: each outcome once and in order, page numbers, a QR on every page, no lone group heading; a new transcript supersedes it"
    )
    func transcript() async throws {
        let renderer = try TemplateDocumentRenderer(resources: repositoryRoot, threads: 2)
        let bank = try await ServerFixture(renderer: renderer)
        // 100 outcomes per category, entered by hand with distinct dates so the expected order is known.
        let categories: [(String, String, String)] = [
            ("academic", "course", "学历"), ("non-academic", "training", "培训"), ("informal", "social-service", "服务"),
        ]
        var expected: [String] = []
        for (category, subtype, word) in categories {
            for n in 1...100 {
                let name = "\(word)成果第\(String(format: "%03d", n))项"
                let day = LocalDate(year: 2020 + n / 40, month: 1 + n % 12, day: 1 + n % 28)!
                _ = try await bank.service.addOutcome(
                    ManualOutcome(category: category, subtype: subtype, name: name, issuer: "国家开放大学", obtainedOn: day.description),
                    for: bank.learner.id)
                expected.append(name)
            }
        }
        // Within a category the transcript orders by date, then by entry.
        var ordered: [String] = []
        for (index, _) in categories.enumerated() {
            let slice = expected[(index * 100)..<(index * 100 + 100)].enumerated().map { n, name -> (LocalDate, Int, String) in
                let k = n + 1
                return (LocalDate(year: 2020 + k / 40, month: 1 + k % 12, day: 1 + k % 28)!, n, name)
            }
            ordered += slice.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
        }

        let inOrder = ordered
        try await bank.test { client in
            let token = try await client.login("13800138000", ServerFixture.learnerPassword)
            let first = try await client.request(.post, "/api/v1/me/documents", token: token, json: #"{"kind": "transcript"}"#)
            #expect(first.status == .created)
            let id = try #require(first.json["id"] as? Int)
            let code = try #require(first.json["code"] as? String)
            let pdf = try await client.request(.get, "/api/v1/documents/\(id)/pdf", token: token).bytes
            let pages = try PDFTools.pageCount(pdf)
            #expect(pages >= 8)

            let text = try PDFTools.text(pdf, raw: true).filter { !$0.isWhitespace }
            var position = text.startIndex
            for name in inOrder {
                #expect(text.components(separatedBy: name).count == 2, "\(name) should appear exactly once")
                guard let found = text.range(of: name, range: position..<text.endIndex) else {
                    Issue.record("\(name) is missing or out of order")
                    break
                }
                position = found.upperBound
            }
            let url = "https://bank.example.cn/v/\(code.replacingOccurrences(of: "-", with: ""))"
            // The headings the service prints (OutcomeCategory.chineseName): each must be found, and
            // wherever it stands a row of its group follows on the same page.
            let headings = OutcomeCategory.allCases.map { "\($0.chineseName)（100项" }
            #expect(headings == ["学历成果（100项", "非学历成果（100项", "无一定形式成果（100项"])
            var found: [String: Int] = [:]
            for page in 1...pages {
                let pageText = try PDFTools.text(pdf, raw: true, page: page).filter { !$0.isWhitespace }
                #expect(pageText.contains("第\(page)页/共\(pages)页"), "page \(page)")
                #expect(pageText.contains(code), "page \(page) shows the code")
                for heading in headings {
                    var rest = pageText[...]
                    while let range = rest.range(of: heading) {
                        defer { rest = pageText[range.upperBound...] }
                        // "学历成果（" is also the tail of "非学历成果（": count only whole headings.
                        if range.lowerBound > pageText.startIndex && pageText[pageText.index(before: range.lowerBound)] == "非" { continue }
                        found[heading, default: 0] += 1
                        let after = pageText[range.upperBound...]
                        #expect(after.contains("成果第"), "\(heading) is followed by a row on page \(page)")
                    }
                }
            }
            #expect(Set(found.keys) == Set(headings), "every group heading is printed: \(found)")
            #expect(try PDFTools.qrPayloads(pdf) == Array(repeating: url, count: pages))

            let second = try await client.request(
                .post, "/api/v1/me/documents", token: token, json: #"{"kind": "transcript", "language": "en", "validityMonths": 6}"#)
            let newer = try #require(second.json["code"] as? String)
            let old = try await client.request(.get, "/api/v1/verify/\(code)")
            #expect(old.json["status"] as? String == "superseded")
            #expect(old.json["supersededByCode"] as? String == newer)
            let page = try await client.request(.get, "/v/\(code)")
            #expect(page.text.contains("已被新版本取代") && page.text.contains(newer))
            #expect(try await client.request(.get, "/api/v1/verify/\(newer)").json["status"] as? String == "valid")
            let documents = try await client.request(.get, "/api/v1/me/documents", token: token).array
            #expect(
                documents.filter { $0["kind"] as? String == "transcript" }.compactMap { $0["status"] as? String }.sorted() == [
                    "superseded", "valid",
                ])
        }
    }
}
