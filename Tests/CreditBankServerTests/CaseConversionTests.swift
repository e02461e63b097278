import CreditBankCore
import CreditBankDocuments
import CreditBankServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Manual 001 §五: a recognised 业绩类 outcome converted to a catalog entry the learner picks, with
/// no rule, through the same two reviews; the certificate says it was decided case by case.
@Suite("Case-by-case conversion of an achievement")
struct CaseConversionTests {
    @Test("refusals, both reviews, and a certificate that prints 个案认定 instead of a rule")
    func caseByCase() async throws {
        let renderer = try TemplateDocumentRenderer(resources: repositoryRoot, threads: 1)
        let bank = try await ServerFixture(renderer: renderer)
        try await bank.test { client in
            let token = try await client.login("13800138000", ServerFixture.learnerPassword)
            let achievement = try await client.request(
                .post, "/api/v1/me/outcomes", token: token,
                json: #"{"category": "informal", "subtype": "competition", "name": "全国职业院校技能大赛一等奖", "issuer": "国家开放大学", "institutionCode": "OUC", "obtainedOn": "2026-05-01", "certificateNumber": "JS-2026-0001"}"#
            )
            let achievementID = try #require(achievement.json["id"] as? Int, "\(achievement.text)")
            let ncre = try await client.request(
                .post, "/api/v1/me/outcomes", token: token, json: #"{"catalogId": \#(bank.ncre.id), "obtainedOn": "2026-06-01", "score": 86}"#)
            let ncreID = try #require(ncre.json["id"] as? Int)
            func apply(_ outcome: Int, extra: String = "") async throws -> TestResponse {
                try await client.request(
                    .post, "/api/v1/me/conversions", token: token,
                    json: #"{"outcomeIds": [\#(outcome)], "targetCatalogId": \#(bank.course.id)\#(extra)}"#)
            }
            // Not yet recognised → 409; a catalog outcome → 422 naming the field; both bases → 422.
            let early = try await apply(achievementID)
            #expect(early.status == .conflict && early.text.contains("recognised"))
            let wrongKind = try await apply(ncreID)
            #expect(wrongKind.status == .unprocessableContent && wrongKind.errorField == "outcomeId")
            let both = try await apply(achievementID, extra: #", "ruleId": \#(bank.rule.id)"#)
            #expect(both.status == .unprocessableContent && both.errorField == "ruleId")
            #expect(try await bank.service.applications(of: bank.learner.id).isEmpty)

            // Recognised by the issuing institution, then applied for case by case.
            _ = try await client.request(.post, "/api/v1/me/outcomes/\(achievementID)/evidence", token: token, bytes: pngBytes)
            #expect(try await client.request(.post, "/api/v1/me/outcomes/\(achievementID)/recognition", token: token).status == .accepted)
            let reviewer = try await client.staff("ouc-reviewer")
            let recognised = try await client.request(
                .post, "/api/v1/reviews/recognitions/\(achievementID)", token: reviewer,
                json: #"{"decision": "approve", "opinion": "获奖属实", "credits": 2}"#)
            #expect(recognised.status == .ok)
            let submitted = try await apply(achievementID)
            #expect(submitted.status == .created && submitted.json["basis"] as? String == "case-by-case")
            #expect(submitted.json["targetCatalogId"] as? Int == Int(bank.course.id.rawValue))
            let application = try #require(submitted.json["id"] as? Int)
            #expect(try await apply(achievementID).status == .conflict)

            // The target institution's reviewer sees it in the initial queue without a rule.
            let queue = try await client.request(.get, "/api/v1/reviews/conversions?stage=initial", token: reviewer).array
            #expect(queue.map { $0["id"] as? Int } == [application])
            #expect(queue.first?["ruleCode"] is NSNull || queue.first?["ruleCode"] == nil)
            let other = try await client.staff("eld-reviewer")
            #expect(try await client.request(.get, "/api/v1/reviews/conversions/\(application)", token: other).status == .notFound)
            let certificateID = try await bank.approve(application, client)

            // The certificate: the target with the entry's own credits, 个案认定, no rule code.
            let pdf = try await client.request(.get, "/api/v1/documents/\(certificateID)/pdf", token: token)
            #expect(pdf.status == .ok)
            let text = try PDFTools.text(pdf.bytes)
            #expect(text.contains("个案认定") && text.contains("全国职业院校技能大赛一等奖") && text.contains("JS-2026-0001"))
            #expect(text.contains("计算机应用基础") && text.contains("学分银行学分：4"))
            #expect(!text.contains("转换规则编码"))
            let documents = try await bank.service.documents(of: bank.learner.id)
            let document = try #require(documents.first { $0.id.rawValue == Int64(certificateID) })
            let verified = try await client.request(.get, "/api/v1/verify/\(document.code.canonical)")
            let lines = try #require(verified.json["content"] as? [[String: Any]])
            #expect(lines.first?["label"] as? String == "转换依据")
            let mine = try await client.request(.get, "/api/v1/me/conversions", token: token).array
            #expect(mine.first?["status"] as? String == "succeeded" && mine.first?["basis"] as? String == "case-by-case")
        }
    }
}
