import CreditBankCore
import CreditBankServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Outcomes, conversions, documents and verification over HTTP")
struct ConversionRoutesTests {
    @Test("the whole life of a conversion: outcome → application → initial and final review → certificate → verification → revocation")
    func conversionLife() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let token = try await client.login("13800138000", ServerFixture.learnerPassword)
            let (outcome, application) = try await bank.submittedApplication(client, token: token)
            let listed = try await client.request(.get, "/api/v1/me/outcomes", token: token).array
            #expect(listed.first?["id"] as? Int == outcome)
            #expect(listed.first?["status"] as? String == "stored")
            #expect(listed.first?["applicableRules"] as? Int == 1)
            #expect(listed.first?["usedRules"] as? Int == 1)

            // Conversion material, checked by content.
            let material = try await client.request(.post, "/api/v1/me/conversions/\(application)/evidence", token: token, bytes: pngBytes)
            #expect(material.status == .created)
            #expect(material.json["format"] as? String == "png")

            // The reviewer's queue shows it with the learner's name and the material.
            let reviewer = try await client.staff("ouc-reviewer")
            let queue = try await client.request(.get, "/api/v1/reviews/conversions?stage=initial", token: reviewer).array
            #expect(queue.map { $0["id"] as? Int } == [application])
            #expect(queue.first?["learnerName"] as? String == "阿卜杜热合曼·买买提")
            #expect((queue.first?["evidence"] as? [[String: Any]])?.count == 1)
            let one = try await client.request(.get, "/api/v1/reviews/conversions/\(application)", token: reviewer)
            #expect(one.json["ruleCode"] as? String == "202201240004")
            #expect((one.json["sources"] as? [[String: Any]])?.first?["score"] as? Double == 86)
            let mine = try await client.request(.get, "/api/v1/me/conversions", token: token).array
            #expect(mine.map { $0["id"] as? Int } == [application])
            #expect(mine.first?["number"] as? String == "CV-2026-\(String(format: "%06d", application))")

            let withdrawn = try await client.request(.delete, "/api/v1/me/conversions/\(application)", token: token)
            #expect(withdrawn.json["status"] as? String == "withdrawn")
            #expect(try await client.request(.delete, "/api/v1/me/conversions/\(application)", token: token).status == .conflict)
            #expect(try await client.request(.get, "/api/v1/reviews/conversions", token: reviewer).array.isEmpty)
        }
    }

    @Test(
        "final approval issues the certificate: listed, downloadable by the holder and staff, verifiable by code, page and bytes; revocation shows at once"
    )
    func certificateAndVerification() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let token = try await client.login("13800138000", ServerFixture.learnerPassword)
            let (_, application) = try await bank.submittedApplication(client, token: token)
            let expert = try await client.staff("expert")
            let tooEarly = try await client.request(
                .post, "/api/v1/reviews/conversions/\(application)", token: expert, json: #"{"decision": "approve", "opinion": "同意"}"#)
            #expect(tooEarly.status == .forbidden || tooEarly.status == .conflict)
            let certificate = try await bank.approve(application, client)

            let mine = try await client.request(.get, "/api/v1/me/conversions/\(application)", token: token)
            #expect(mine.json["status"] as? String == "succeeded")
            #expect((mine.json["reviews"] as? [[String: Any]])?.map { $0["stage"] as? String } == ["initial", "final"])
            let documents = try await client.request(.get, "/api/v1/me/documents", token: token).array
            #expect(documents.count == 1)
            let code = try #require(documents.first?["code"] as? String)
            #expect(documents.first?["status"] as? String == "valid")
            #expect(documents.first?["kind"] as? String == "conversion-certificate")
            let one = try await client.request(.get, "/api/v1/me/documents/\(certificate)", token: token)
            #expect(one.json["code"] as? String == code)

            let pdf = try await client.request(.get, "/api/v1/documents/\(certificate)/pdf", token: token)
            #expect(pdf.status == .ok)
            #expect(pdf.headers[.contentType] == "application/pdf")
            #expect(pdf.headers[.contentDisposition]?.contains("conversion-certificate-\(code).pdf") == true)
            #expect(pdf.bytes.starts(with: Array("%PDF-".utf8)))
            let admin = try await client.staff("admin")
            #expect(try await client.request(.get, "/api/v1/documents/\(certificate)/pdf", token: admin).bytes == pdf.bytes)

            let json = try await client.request(.get, "/api/v1/verify/\(code.lowercased())")
            #expect(json.status == .ok)
            #expect(json.json["status"] as? String == "valid")
            #expect(json.json["holderName"] as? String == "阿卜杜热合曼·买买提")
            #expect(json.json["holderIdMasked"] as? String == "6501**********\(ServerFixture.learnerIDs[0].suffix(4))")
            #expect(json.json["sha256"] as? String == CreditBankService.sha256(pdf.bytes))
            #expect(!json.text.contains("13800138000") && !json.text.contains(ServerFixture.learnerIDs[0]))
            let negotiated = try await client.request(.get, "/v/\(code)", headers: [.accept: "application/json"])
            #expect(negotiated.json["code"] as? String == code)

            let page = try await client.request(.get, "/v/\(code)")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(page.text.contains("有效") && page.text.contains("Valid"))
            #expect(page.text.contains("学习成果转换证明") && page.text.contains(code))
            #expect(page.text.contains(CreditBankService.sha256(pdf.bytes)))
            #expect(!page.text.contains("13800138000") && !page.text.contains(ServerFixture.learnerIDs[0]))

            let match = try await client.request(.post, "/api/v1/verify", bytes: pdf.bytes)
            #expect(match.json["match"] as? Bool == true)
            #expect(match.json["code"] as? String == code)
            #expect(match.json["status"] as? String == "valid")
            var altered = pdf.bytes
            altered[altered.count / 2] ^= 0x01
            let noMatch = try await client.request(.post, "/api/v1/verify", bytes: altered)
            #expect(noMatch.json["match"] as? Bool == false)

            let reviewer = try await client.staff("ouc-reviewer")
            let notAdmin = try await client.request(
                .post, "/api/v1/admin/documents/\(certificate)/revoke", token: reviewer, json: #"{"reason": "x"}"#)
            #expect(notAdmin.status == .forbidden)
            let noReason = try await client.request(
                .post, "/api/v1/admin/documents/\(certificate)/revoke", token: admin, json: #"{"reason": " "}"#)
            #expect(noReason.errorField == "reason")
            let revoked = try await client.request(
                .post, "/api/v1/admin/documents/\(certificate)/revoke", token: admin, json: #"{"reason": "源证书经核实系伪造"}"#)
            #expect(revoked.status == .ok)
            #expect(revoked.json["status"] as? String == "revoked")
            let twice = try await client.request(
                .post, "/api/v1/admin/documents/\(certificate)/revoke", token: admin, json: #"{"reason": "again"}"#)
            #expect(twice.status == .conflict)
            let after = try await client.request(.get, "/v/\(code)")
            #expect(after.text.contains("已撤销") && after.text.contains("Revoked") && after.text.contains("源证书经核实系伪造"))
            let afterUpload = try await client.request(.post, "/api/v1/verify", bytes: pdf.bytes)
            #expect(afterUpload.json["status"] as? String == "revoked")
            let messages = try await client.request(.get, "/api/v1/me/messages", token: token).array
            #expect(messages.contains { ($0["text"] as? String)?.contains("已被撤销") == true })
        }
    }

    @Test("a mistyped code is answered without a look-up, an unknown one is not genuine, a malformed one is refused")
    func codes() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let code = VerificationCode.generate(using: SystemRandomSource()).canonical
            var typo = Array(code)
            typo[3] = typo[3] == "A" ? "B" : "A"
            let mistyped = try await client.request(.get, "/api/v1/verify/\(String(typo))")
            #expect(mistyped.status == .unprocessableContent)
            #expect(mistyped.errorCode == "mistyped")
            let page = try await client.request(.get, "/v/\(String(typo))")
            #expect(page.status == .unprocessableContent)
            #expect(page.text.contains("验证码输入有误"))
            let unknown = try await client.request(.get, "/api/v1/verify/\(code)")
            #expect(unknown.status == .notFound)
            let unknownPage = try await client.request(.get, "/v/\(code)")
            #expect(unknownPage.status == .notFound)
            #expect(unknownPage.text.contains("查无此文书"))
            let malformed = try await client.request(.get, "/api/v1/verify/hello")
            #expect(malformed.status == .unprocessableContent)
            let script = try await client.request(.get, "/v/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
            #expect(!script.text.contains("<script>"))
        }
    }

    @Test("public look-ups are limited per client: past the limit 429 with Retry-After")
    func rateLimit() async throws {
        let bank = try await ServerFixture(settings: ServerSettings(publicLookupsPerMinute: 3))
        try await bank.test { client in
            let code = VerificationCode.generate(using: SystemRandomSource()).canonical
            for _ in 0..<3 { #expect(try await client.request(.get, "/api/v1/verify/\(code)").status == .notFound) }
            let limited = try await client.request(.get, "/v/\(code)")
            #expect(limited.status == .tooManyRequests)
            #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 >= 1)
            #expect(try await client.request(.post, "/api/v1/verify", bytes: [1, 2, 3]).status == .tooManyRequests)
        }
    }

    @Test("behind a trusted proxy the limit keys on X-Forwarded-For; from anyone else the header is ignored")
    func forwardedClients() async throws {
        let behindProxy = try await ServerFixture(settings: ServerSettings(publicLookupsPerMinute: 2, trustedProxies: ["local"]))
        let proxied: [HTTPResponse.Status] = try await behindProxy.test { client in
            var answers: [HTTPResponse.Status] = []
            for addresses in ["10.0.0.9, 1.1.1.1", "1.1.1.1", "1.1.1.1", "2.2.2.2"] {
                answers.append(try await Self.lookup(from: addresses, client))
            }
            return answers
        }
        #expect(proxied == [.notFound, .notFound, .tooManyRequests, .notFound])
        let direct = try await ServerFixture(settings: ServerSettings(publicLookupsPerMinute: 2))
        let unproxied: [HTTPResponse.Status] = try await direct.test { client in
            var answers: [HTTPResponse.Status] = []
            for addresses in ["1.1.1.1", "2.2.2.2", "3.3.3.3"] {
                answers.append(try await Self.lookup(from: addresses, client))
            }
            return answers
        }
        #expect(unproxied == [.notFound, .notFound, .tooManyRequests])
    }

    /// The status of a look-up of a code never issued, sent with `X-Forwarded-For: addresses`.
    static func lookup(from addresses: String, _ client: Client) async throws -> HTTPResponse.Status {
        let unknown = VerificationCode.generate(using: SeededRandomSource(seed: 7)).canonical
        return try await client.request(.get, "/api/v1/verify/\(unknown)", headers: [.init("X-Forwarded-For")!: addresses]).status
    }

    @Test("outcomes: catalog and manual entries, edits and deletion while registered, recognition with evidence")
    func outcomes() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let token = try await client.login("13800138000", ServerFixture.learnerPassword)
            let missing = try await client.request(
                .post, "/api/v1/me/outcomes", token: token, json: #"{"category": "informal", "subtype": "reading"}"#)
            #expect(missing.status == .unprocessableContent)
            let badCategory = try await client.request(
                .post, "/api/v1/me/outcomes", token: token,
                json: #"{"category": "astrology", "subtype": "x", "name": "n", "issuer": "i", "obtainedOn": "2026-01-01"}"#)
            #expect(badCategory.errorField == "category")
            let unknownInstitution = try await client.request(
                .post, "/api/v1/me/outcomes", token: token,
                json:
                    #"{"category": "non-academic", "subtype": "training", "name": "太极拳", "issuer": "老年大学", "institutionCode": "NOPE", "obtainedOn": "2026-01-01"}"#
            )
            #expect(unknownInstitution.errorField == "institutionCode")
            let manual = try await client.request(
                .post, "/api/v1/me/outcomes", token: token,
                json:
                    #"{"category": "non-academic", "subtype": "training", "name": "太极拳", "issuer": "老年大学", "institutionCode": "ELD", "obtainedOn": "2026-01-01", "hours": 32}"#
            )
            #expect(manual.status == .created)
            #expect(manual.json["status"] as? String == "registered")
            let id = try #require(manual.json["id"] as? Int)
            let edited = try await client.request(.patch, "/api/v1/me/outcomes/\(id)", token: token, json: #"{"name": "太极拳（二十四式）"}"#)
            #expect(edited.json["name"] as? String == "太极拳（二十四式）")
            #expect(edited.json["hours"] as? Int == 32)
            let text = try await client.request(
                .post, "/api/v1/me/outcomes/\(id)/evidence", token: token, bytes: Array("hello, not an image".utf8))
            #expect(text.status == .unprocessableContent)
            #expect(text.errorField == "file")
            let huge = try await client.request(
                .post, "/api/v1/me/outcomes/\(id)/evidence", token: token,
                bytes: pngBytes + [UInt8](repeating: 0, count: Evidence.maximumBytes))
            #expect(huge.status == .contentTooLarge)
            let evidence = try await client.request(.post, "/api/v1/me/outcomes/\(id)/evidence", token: token, bytes: pngBytes)
            #expect(evidence.status == .created)
            let evidenceID = try #require(evidence.json["id"] as? Int)
            let file = try await client.request(.get, "/api/v1/evidence/\(evidenceID)", token: token)
            #expect(file.bytes == pngBytes)
            #expect(file.headers[.contentType] == "image/png")

            let requested = try await client.request(.post, "/api/v1/me/outcomes/\(id)/recognition", token: token)
            #expect(requested.status == .accepted)
            #expect(requested.json["status"] as? String == "recognition-requested")
            #expect(
                try await client.request(.patch, "/api/v1/me/outcomes/\(id)", token: token, json: #"{"name": "x"}"#).status == .conflict)
            #expect(try await client.request(.delete, "/api/v1/me/outcomes/\(id)", token: token).status == .conflict)

            let eld = try await client.staff("eld-reviewer")
            let queue = try await client.request(.get, "/api/v1/reviews/recognitions", token: eld).array
            #expect(queue.map { $0["id"] as? Int } == [id])
            #expect(try await client.request(.get, "/api/v1/evidence/\(evidenceID)", token: eld).status == .ok)
            let ouc = try await client.staff("ouc-reviewer")
            #expect(try await client.request(.get, "/api/v1/reviews/recognitions", token: ouc).array.isEmpty)
            let noCredits = try await client.request(
                .post, "/api/v1/reviews/recognitions/\(id)", token: eld, json: #"{"decision": "approve", "opinion": "ok"}"#)
            #expect(noCredits.errorField == "credits")
            let badDecision = try await client.request(
                .post, "/api/v1/reviews/recognitions/\(id)", token: eld, json: #"{"decision": "maybe"}"#)
            #expect(badDecision.errorField == "decision")
            let stored = try await client.request(
                .post, "/api/v1/reviews/recognitions/\(id)", token: eld,
                json: #"{"decision": "approve", "opinion": "认定通过", "credits": 1.5}"#)
            #expect(stored.json["status"] as? String == "stored")
            #expect(stored.json["credits"] as? Double == 1.5)
            let detail = try await client.request(.get, "/api/v1/me/outcomes/\(id)", token: token)
            #expect((detail.json["reviews"] as? [[String: Any]])?.first?["opinion"] as? String == "认定通过")
            let me = try await client.request(.get, "/api/v1/me", token: token)
            #expect(me.json["totalCredits"] as? Double == 1.5)

            let scratch = try await client.request(
                .post, "/api/v1/me/outcomes", token: token,
                json:
                    #"{"category": "informal", "subtype": "social-service", "name": "社区志愿服务", "issuer": "街道办", "obtainedOn": "2026-02-01"}"#
            )
            let scratchID = try #require(scratch.json["id"] as? Int)
            #expect(try await client.request(.delete, "/api/v1/me/outcomes/\(scratchID)", token: token).status == .noContent)
            #expect(try await client.request(.get, "/api/v1/me/outcomes/\(scratchID)", token: token).status == .notFound)
        }
    }

    @Test("catalog, rules, institutions and feedback routes")
    func catalogRulesFeedback() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let admin = try await client.staff("admin")
            let ouc = try await client.staff("ouc-reviewer")
            let institution = try await client.request(
                .post, "/api/v1/institutions", token: admin, json: #"{"code": "SCUT", "name": "华南理工大学", "kind": "university"}"#)
            #expect(institution.status == .created)
            #expect(
                try await client.request(
                    .post, "/api/v1/institutions", token: admin, json: #"{"code": "SCUT", "name": "x", "kind": "university"}"#
                ).status == .conflict)
            #expect(
                try await client.request(
                    .post, "/api/v1/institutions", token: admin, json: #"{"code": "ZZ9", "name": "x", "kind": "castle"}"#
                ).errorField == "kind")
            #expect(try await client.request(.get, "/api/v1/institutions").array.count == 4)

            let entry = try await client.request(
                .post, "/api/v1/catalog", token: ouc,
                json:
                    #"{"institutionCode": "OUC", "category": "academic", "subtype": "course", "name": "高等数学", "code": "OU-MA-01", "credits": 5}"#
            )
            #expect(entry.status == .created)
            let foreign = try await client.request(
                .post, "/api/v1/catalog", token: ouc,
                json: #"{"institutionCode": "ELD", "category": "academic", "subtype": "course", "name": "书法", "code": "X1", "credits": 1}"#)
            #expect(foreign.status == .forbidden)
            let badCredits = try await client.request(
                .post, "/api/v1/catalog", token: admin,
                json:
                    #"{"institutionCode": "OUC", "category": "academic", "subtype": "course", "name": "x", "code": "X2", "credits": 1.234}"#
            )
            #expect(badCredits.errorField == "credits")
            let search = try await client.request(.get, "/api/v1/catalog?q=数学")
            #expect((search.json["items"] as? [[String: Any]])?.first?["name"] as? String == "高等数学")
            #expect(try await client.request(.get, "/api/v1/catalog?limit=0").errorField == "limit")
            #expect(try await client.request(.get, "/api/v1/catalog?institution=NOPE").status == .notFound)

            let rule = try await client.request(
                .post, "/api/v1/rules", token: admin,
                json:
                    #"{"code": "202611220001", "name": "老年教育课程转换高等数学", "sourceCatalogIds": [\#(bank.elderly.id)], "targetCatalogId": \#(entry.json["id"] as? Int ?? 0), "credits": 5, "ratio": 50, "validFrom": "2026-01-01"}"#
            )
            #expect(rule.status == .created)
            #expect(rule.json["grantedCredits"] as? Double == 2.5)
            let badDate = try await client.request(
                .post, "/api/v1/rules", token: admin,
                json:
                    #"{"code": "202611220002", "name": "x", "sourceCatalogIds": [1], "targetCatalogId": 2, "credits": 5, "ratio": 50, "validTo": "someday"}"#
            )
            #expect(badDate.errorField == "validTo")
            #expect(try await client.request(.post, "/api/v1/rules", token: ouc, json: "{}").status == .forbidden)
            let rules = try await client.request(.get, "/api/v1/rules?q=老年")
            #expect(rules.json["total"] as? Int == 1)

            let token = try await client.login("13800138000", ServerFixture.learnerPassword)
            let (own, application) = try await bank.submittedApplication(client, token: token)
            _ = try await bank.approve(application, client)
            let ownFeedback = try await client.request(
                .post, "/api/v1/me/feedback", token: token, json: #"{"outcomeId": \#(own), "problems": ["成绩有误"], "description": "x"}"#)
            #expect(ownFeedback.status == .conflict)  // the learner's own entry: edit it instead
            let converted = try await client.request(.get, "/api/v1/me/outcomes", token: token).array.first {
                $0["source"] as? String == "conversion"
            }
            let outcome = try #require(converted?["id"] as? Int)
            let feedback = try await client.request(
                .post, "/api/v1/me/feedback", token: token,
                json: #"{"outcomeId": \#(outcome), "problems": ["成绩有误"], "description": "成绩应为 90 分"}"#)
            #expect(feedback.status == .created)
            #expect(try await client.request(.get, "/api/v1/me/feedback", token: token).array.first?["status"] as? String == "open")
            // The target outcome is OUC's: its reviewer sees and resolves the report, ELD's does not.
            let feedbackID = try #require(feedback.json["id"] as? Int)
            let eld = try await client.staff("eld-reviewer")
            #expect(try await client.request(.get, "/api/v1/reviews/feedback", token: eld).array.isEmpty)
            #expect(
                try await client.request(.post, "/api/v1/reviews/feedback/\(feedbackID)", token: eld, json: #"{"reply": "x"}"#).status
                    == .notFound)
            #expect(
                try await client.request(.post, "/api/v1/reviews/feedback/\(feedbackID)", token: token, json: #"{"reply": "x"}"#).status
                    == .forbidden)
            let queue = try await client.request(.get, "/api/v1/reviews/feedback", token: ouc).array
            #expect(queue.map { $0["id"] as? Int } == [feedbackID])
            #expect((queue.first?["outcome"] as? [String: Any])?["id"] as? Int == outcome)
            #expect(
                try await client.request(.post, "/api/v1/reviews/feedback/\(feedbackID)", token: ouc, json: #"{"reply": " "}"#).errorField
                    == "reply")
            let resolved = try await client.request(
                .post, "/api/v1/reviews/feedback/\(feedbackID)", token: ouc, json: #"{"reply": "已核实，成绩已更正为 90 分"}"#)
            #expect(resolved.json["status"] as? String == "resolved")
            #expect(
                try await client.request(.post, "/api/v1/reviews/feedback/\(feedbackID)", token: ouc, json: #"{"reply": "again"}"#).status
                    == .conflict)
            let mine = try await client.request(.get, "/api/v1/me/feedback", token: token).array.first
            #expect(mine?["reply"] as? String == "已核实，成绩已更正为 90 分")
            let messages = try await client.request(.get, "/api/v1/me/messages", token: token).array
            #expect(messages.contains { ($0["text"] as? String)?.contains("问题反馈已处理") == true })
            #expect(
                try await client.request(
                    .post, "/api/v1/me/feedback", token: token, json: #"{"outcomeId": \#(outcome), "problems": [], "description": "x"}"#
                ).errorField == "problems")
        }
    }

    @Test("health, metrics (direct connections only) and the OpenAPI document are served")
    func system() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            #expect(try await client.request(.get, "/healthz").json["status"] as? String == "ok")
            let token = try await client.login("13800138000", ServerFixture.learnerPassword)
            let (_, application) = try await bank.submittedApplication(client, token: token)
            _ = try await bank.approve(application, client)
            let metrics = try await client.request(.get, "/metrics")
            #expect(metrics.text.contains("hb_requests"))
            #expect(metrics.text.contains("creditbank_documents_issued_total"))
            // Not through a proxy: the public would reach it from the proxy's loopback address.
            let forwarded = try await client.request(.get, "/metrics", headers: [.init("X-Forwarded-For")!: "203.0.113.9"])
            #expect(forwarded.status == .forbidden && !forwarded.text.contains("hb_requests"))
            let yaml = try await client.request(.get, "/api/v1/openapi.yaml")
            #expect(yaml.text.hasPrefix("openapi: 3.1.0"))
        }
    }
}
