import CreditBankCore
@testable import CreditBankServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The learner portal's outcome, rule and application pages, driven as forms: what each page shows,
/// what each form changes, refusals beside their fields, and the same access rules as the API.
@Suite("Learner portal pages")
struct PortalPageTests {
    static func get(_ client: Client, _ uri: String, _ cookie: String) async throws -> TestResponse {
        try await client.request(.get, uri, headers: [.cookie: cookie])
    }

    static func post(_ client: Client, _ uri: String, _ body: String, _ cookie: String) async throws -> TestResponse {
        try await client.request(.post, uri, body: body, headers: [.cookie: cookie])
    }

    @Test("add an outcome from the catalog and one by hand; the list filters and pages; ask for recognition; delete")
    func outcomes() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let (cookie, csrf) = try await PageTests.signIn(client, ServerFixture.learnerIDs[0])
            // Choose a type, search the catalog, add the entry.
            let chooser = try await Self.get(client, "/me/outcomes/new", cookie)
            #expect(chooser.text.contains(#"id="choose-subtype""#) && !chooser.text.contains(#"id="manual""#))
            let search = try await Self.get(client, "/me/outcomes/new?subtype=professional-qualification&q=NCRE", cookie)
            #expect(search.text.contains("全国计算机等级考试一级证书") && search.text.contains(#"name="catalogId" value="\#(bank.ncre.id)""#))
            let added = try await Self.post(
                client, "/me/outcomes", "csrf=\(csrf)&mode=catalog&subtype=professional-qualification&catalogId=\(bank.ncre.id)&obtainedOn=2026-05-01&score=90",
                cookie)
            #expect(added.status == .seeOther)
            let detailPath = try #require(added.headers[.location])
            let detail = try await Self.get(client, detailPath, cookie)
            #expect(detail.text.contains("已添加") && detail.text.contains("已存储") && detail.text.contains("202201240004"))
            #expect(detail.text.contains("/me/conversions/new?rule=\(bank.rule.id)"), "the rule it can use, with apply")

            // By hand: a missing required field is explained beside it, and the typed values stay.
            let form = "csrf=\(csrf)&mode=manual&subtype=diploma&name=%E6%AF%95%E4%B8%9A%E8%AF%81%E4%B9%A6&issuer=%E5%9B%BD%E5%BC%80&obtainedOn=2020-07-01"
            let refused = try await Self.post(client, "/me/outcomes", form, cookie)
            #expect(refused.status == .unprocessableContent)
            let problem = try #require(refused.text.range(of: #"id="f-registrationNumber-problem">"#))
            #expect(refused.text[problem.upperBound...].hasPrefix("电子注册号 is required"))
            #expect(refused.text.contains(#"value="毕业证书""#) && refused.text.contains(#"value="2020-07-01""#))
            let registered = try await Self.post(client, "/me/outcomes", form + "&attributes%5BregistrationNumber%5D=DIP-2020-1", cookie)
            #expect(registered.status == .seeOther)
            let manualPath = try #require(registered.headers[.location]?.split(separator: "?").first.map(String.init))
            let manual = try await Self.get(client, manualPath, cookie)
            #expect(manual.text.contains("已登记") && manual.text.contains("DIP-2020-1") && manual.text.contains(#"id="upload-evidence""#))

            // Edit while registered: the form comes filled; a blank name is refused beside it; a new name is saved.
            let editing = try await Self.get(client, manualPath + "/edit", cookie)
            #expect(editing.text.contains(#"value="毕业证书""#) && editing.text.contains(#"value="DIP-2020-1""#) && !editing.text.contains(#"id="catalog-search""#))
            let blank = try await Self.post(
                client, manualPath + "/edit", "csrf=\(csrf)&name=&issuer=%E5%9B%BD%E5%BC%80&obtainedOn=2020-07-01&attributes%5BregistrationNumber%5D=DIP-2020-1",
                cookie)
            #expect(blank.status == .unprocessableContent && blank.text.contains(#"id="f-name-problem""#))
            let renamed = try await Self.post(
                client, manualPath + "/edit",
                "csrf=\(csrf)&name=%E5%A4%A7%E4%B8%93%E6%AF%95%E4%B8%9A%E8%AF%81%E4%B9%A6&issuer=%E5%9B%BD%E5%BC%80&obtainedOn=2020-07-01&attributes%5BregistrationNumber%5D=DIP-2020-1",
                cookie)
            #expect(renamed.status == .seeOther && renamed.headers[.location] == manualPath + "?done=edited")
            #expect(try await Self.get(client, manualPath, cookie).text.contains("大专毕业证书"))

            // The list: two own outcomes; filters narrow it; the conversion tab is empty.
            let list = try await Self.get(client, "/me/outcomes", cookie)
            #expect(list.text.components(separatedBy: "data-id=").count - 1 == 2)
            let academic = try await Self.get(client, "/me/outcomes?tab=own&category=academic", cookie)
            #expect(academic.text.components(separatedBy: "data-id=").count - 1 == 1 && academic.text.contains("毕业证书"))
            let named = try await Self.get(client, "/me/outcomes?q=%E8%AE%A1%E7%AE%97%E6%9C%BA", cookie)
            #expect(named.text.components(separatedBy: "data-id=").count - 1 == 1 && named.text.contains("全国计算机等级考试一级证书"))
            #expect(try await Self.get(client, "/me/outcomes?tab=conversion", cookie).text.contains(#"id="no-outcomes""#))

            // Ask for recognition; then it can no longer be deleted; a stored one never could.
            // The diploma's evidence list asks for the 毕业证书: recognition waits for an upload, made on the page.
            #expect(manual.text.contains(#"id="evidence-first""#) && manual.text.contains("毕业证书 <span class=\"required\">"))
            let early = try await Self.post(client, manualPath + "/recognition", "csrf=\(csrf)", cookie)
            #expect(early.status == .conflict && early.text.contains("upload the evidence first"))
            let (noFile, noFileType) = Self.multipart([])
            let refusedUpload = try await client.request(
                .post, manualPath + "/evidence?csrf=\(csrf)", bytes: noFile, headers: [.cookie: cookie, .contentType: noFileType])
            #expect(refusedUpload.status == .unprocessableContent && refusedUpload.text.contains(#"id="evidence-problem""#))
            let (notImage, notImageType) = Self.multipart(Array("hello".utf8))
            let wrongKind = try await client.request(
                .post, manualPath + "/evidence?csrf=\(csrf)", bytes: notImage, headers: [.cookie: cookie, .contentType: notImageType])
            #expect(wrongKind.status == .unprocessableContent && wrongKind.text.contains("is not a JPEG, PNG, GIF or PDF"))
            let (upload, uploadType) = Self.multipart(pngBytes, fileName: "diploma.png")
            let forged = try await client.request(
                .post, manualPath + "/evidence?csrf=wrong", bytes: upload, headers: [.cookie: cookie, .contentType: uploadType])
            #expect(forged.status == .forbidden)
            let uploaded = try await client.request(
                .post, manualPath + "/evidence?csrf=\(csrf)", bytes: upload, headers: [.cookie: cookie, .contentType: uploadType])
            #expect(uploaded.status == .seeOther)
            let withFile = try await Self.get(client, manualPath, cookie)
            let thumb = try #require(withFile.text.firstMatch(of: /<img src="(\/me\/evidence\/\d+)"/)?.output.1)
            #expect(try await Self.get(client, String(thumb), cookie).bytes == pngBytes)
            let (otherCookie, _) = try await PageTests.signIn(client, ServerFixture.learnerIDs[1])
            #expect(try await Self.get(client, String(thumb), otherCookie).status == .notFound)
            let asked = try await Self.post(client, manualPath + "/recognition", "csrf=\(csrf)", cookie)
            #expect(asked.status == .seeOther)
            let waiting = try await Self.get(client, manualPath, cookie)
            #expect(waiting.text.contains("已申请认定") && !waiting.text.contains(#"id="delete-outcome""#))
            let uneditable = try await Self.post(
                client, manualPath + "/edit", "csrf=\(csrf)&name=x&issuer=y&obtainedOn=2020-07-01&attributes%5BregistrationNumber%5D=z", cookie)
            #expect(uneditable.status == .conflict, "no edits once recognition is asked for")
            #expect(try await Self.get(client, manualPath + "/edit", cookie).status == .conflict)
            let undeletable = try await Self.post(client, manualPath + "/delete", "csrf=\(csrf)", cookie)
            #expect(undeletable.status == .conflict && undeletable.text.contains("<h1>"), "a refusal is a page")
            #expect(try await bank.service.outcomes(of: bank.learner.id).count == 2)
        }
    }

    @Test("rules: search and detail with my qualifying outcomes; apply, confirm, submit; withdraw")
    func applyByRule() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let token = try await client.login(ServerFixture.learnerIDs[0], ServerFixture.learnerPassword)
            let stored = try await client.request(
                .post, "/api/v1/me/outcomes", token: token, json: #"{"catalogId": \#(bank.ncre.id), "obtainedOn": "2026-06-01", "score": 86}"#)
            let outcome = try #require(stored.json["id"] as? Int)
            let (cookie, csrf) = try await PageTests.signIn(client, ServerFixture.learnerIDs[0])

            let found = try await Self.get(client, "/rules?q=%E8%AE%A1%E7%AE%97%E6%9C%BA%E5%BA%94%E7%94%A8", cookie)
            #expect(found.text.contains("202201240004"), "found by the target's name")
            #expect(try await Self.get(client, "/rules?q=nothing-like-it", cookie).text.contains("没有符合条件的规则"))
            let rule = try await Self.get(client, "/rules/\(bank.rule.id)", cookie)
            #expect(rule.text.contains(#"href="/me/outcomes/\#(outcome)""#) && rule.text.contains(#"id="apply""#))
            let anonymous = try await client.request(.get, "/rules/\(bank.rule.id)")
            #expect(anonymous.status == .ok && !anonymous.text.contains(#"id="mine""#))

            let choose = try await Self.get(client, "/me/conversions/new?rule=\(bank.rule.id)", cookie)
            #expect(choose.text.contains(#"name="outcomeId[]" value="\#(outcome)""#))
            let none = try await Self.post(client, "/me/conversions/new", "csrf=\(csrf)&ruleId=\(bank.rule.id)", cookie)
            #expect(none.status == .unprocessableContent && none.text.contains("请至少选择一项成果"))
            let confirm = try await Self.post(client, "/me/conversions/new", "csrf=\(csrf)&ruleId=\(bank.rule.id)&outcomeId%5B%5D=\(outcome)", cookie)
            #expect(confirm.text.contains(#"id="apply-confirm""#))
            #expect(try await bank.service.applications(of: bank.learner.id).isEmpty, "the confirm step stores nothing")
            let submitted = try await Self.post(client, "/me/conversions", "csrf=\(csrf)&ruleId=\(bank.rule.id)&outcomeId%5B%5D=\(outcome)", cookie)
            #expect(submitted.status == .seeOther && submitted.headers[.location] == "/me/conversions?done=submitted")
            let applications = try await bank.service.applications(of: bank.learner.id)
            #expect(applications.count == 1 && applications.first?.application.status == .submitted)
            let application = try #require(applications.first?.application)

            // Applying the same rule to the same outcome again is refused on the page.
            let again = try await Self.post(client, "/me/conversions", "csrf=\(csrf)&ruleId=\(bank.rule.id)&outcomeId%5B%5D=\(outcome)", cookie)
            #expect(again.status == .unprocessableContent && again.text.contains(#"id="problem""#))

            let list = try await Self.get(client, "/me/conversions?done=submitted", cookie)
            #expect(list.text.contains("申请已提交") && list.text.contains("/me/conversions/\(application.id)/withdraw"))
            let withdrawn = try await Self.post(client, "/me/conversions/\(application.id)/withdraw", "csrf=\(csrf)", cookie)
            #expect(withdrawn.status == .seeOther)
            #expect(try await bank.service.application(application.id, for: nil).0.status == .withdrawn)
        }
    }

    @Test("another learner's outcome or application is not found, signed out goes to sign-in, staff are refused; nothing changes")
    func access() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let owner = try await client.login(ServerFixture.learnerIDs[0], ServerFixture.learnerPassword)
            let manual = try await client.request(
                .post, "/api/v1/me/outcomes", token: owner,
                json: #"{"category": "non-academic", "subtype": "training", "name": "书法", "issuer": "老年大学", "obtainedOn": "2026-01-01"}"#)
            let outcome = try #require(manual.json["id"] as? Int)
            let (_, application) = try await bank.submittedApplication(client, token: owner)
            let (other, otherCSRF) = try await PageTests.signIn(client, ServerFixture.learnerIDs[1])
            let pages = ["/me/outcomes/\(outcome)"]
            let posts = [
                "/me/outcomes/\(outcome)/recognition", "/me/outcomes/\(outcome)/delete", "/me/conversions/\(application)/withdraw",
            ]
            for path in pages { #expect(try await Self.get(client, path, other).status == .notFound, "\(path)") }
            for path in posts { #expect(try await Self.post(client, path, "csrf=\(otherCSRF)", other).status == .notFound, "\(path)") }
            for path in pages + ["/me/outcomes", "/me/outcomes/new", "/me/conversions/new?rule=1"] {
                let away = try await client.request(.get, path)
                #expect(away.status == .seeOther && away.headers[.location] == "/login", "\(path)")
            }
            let staff = try await client.request(.post, "/api/v1/auth/login", json: #"{"login": "admin", "password": "\#(ServerFixture.staffPassword)"}"#)
            let staffToken = try #require(staff.json["token"] as? String)
            #expect(try await client.request(.get, "/me/outcomes", headers: [.cookie: "cb_session=\(staffToken)"]).status == .forbidden)
            #expect(try await bank.service.outcome(OutcomeID(Int64(outcome)), of: bank.learner.id).0.status == .registered)
            #expect(try await bank.service.application(ApplicationID(Int64(application)), for: nil).0.status == .submitted)
        }
    }
}

extension PortalPageTests {
    @Test("messages: unread first with a count on the centre, marked read by the form; settings: the password changes, other sessions end")
    func messagesAndSettings() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let token = try await client.login(ServerFixture.learnerIDs[0], ServerFixture.learnerPassword)
            let (outcome, application) = try await bank.submittedApplication(client, token: token)  // two messages: outcome stored, application submitted
            let (cookie, csrf) = try await PageTests.signIn(client, ServerFixture.learnerIDs[0])
            let centre = try await Self.get(client, "/me", cookie)
            #expect(centre.text.contains("2 条未读"), "the centre counts the unread messages")
            let messages = try await Self.get(client, "/me/messages", cookie)
            #expect(messages.text.components(separatedBy: #"class="unread""#).count - 1 == 2 && messages.text.contains(#"id="mark-read""#))
            // Each message links to what it is about, and the link lands on it.
            #expect(messages.text.contains(#"href="/me/outcomes/\#(outcome)""#))
            #expect(messages.text.contains(#"href="/me/conversions#application-\#(application)""#))
            #expect(try await Self.get(client, "/me/conversions", cookie).text.contains(#"id="application-\#(application)""#))
            let read = try await Self.post(client, "/me/messages/read", "csrf=\(csrf)", cookie)
            #expect(read.status == .seeOther)
            let after = try await Self.get(client, "/me/messages", cookie)
            #expect(!after.text.contains(#"class="unread""#) && !after.text.contains(#"id="mark-read""#))
            #expect(!(try await Self.get(client, "/me", cookie)).text.contains("条未读"))

            // A wrong current password and mismatched new ones are explained; the right change ends the API session.
            let wrong = try await Self.post(
                client, "/me/settings/password", "csrf=\(csrf)&oldPassword=nope&newPassword=Better2027x&newPassword2=Better2027x", cookie)
            #expect(wrong.status == .unprocessableContent && wrong.text.contains(#"id="oldPassword-problem""#))
            let differ = try await Self.post(
                client, "/me/settings/password",
                "csrf=\(csrf)&oldPassword=\(ServerFixture.learnerPassword)&newPassword=Better2027x&newPassword2=Better2027y", cookie)
            #expect(differ.status == .unprocessableContent && differ.text.contains("两次输入的新密码不一致"))
            let changed = try await Self.post(
                client, "/me/settings/password",
                "csrf=\(csrf)&oldPassword=\(ServerFixture.learnerPassword)&newPassword=Better2027x&newPassword2=Better2027x", cookie)
            #expect(changed.status == .seeOther && changed.headers[.location] == "/me/settings?done=password")
            #expect(try await Self.get(client, "/me/settings?done=password", cookie).text.contains("密码已修改"), "this session stays")
            #expect(try await client.request(.get, "/api/v1/me", token: token).status == .unauthorized, "the other session ended")
            _ = try await client.login(ServerFixture.learnerIDs[0], "Better2027x")
        }
    }
}

extension PortalPageTests {
    /// A `multipart/form-data` body: text fields, then one file field (`name`, default `file`).
    static func multipart(
        _ bytes: [UInt8], fields: [(String, String)] = [], name: String = "file", fileName: String = "证明.pdf",
        contentType: String = "application/pdf"
    ) -> (body: [UInt8], type: String) {
        let boundary = "----creditbank\(UUID().uuidString.prefix(8))"
        var body: [UInt8] = []
        for (field, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"\r\n\r\n\(value)\r\n".utf8)
        }
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(fileName)\"\r\nContent-Type: \(contentType)\r\n\r\n".utf8)
        body += bytes
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        return (body, "multipart/form-data; boundary=\(boundary)")
    }

    @Test("the verification form checks an uploaded PDF: the issued bytes match with their status, an altered copy does not, no file is explained")
    func uploadCheck() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let token = try await client.login(ServerFixture.learnerIDs[0], ServerFixture.learnerPassword)
            let issued = try await client.request(.post, "/api/v1/me/documents", token: token, json: #"{"kind": "transcript"}"#)
            let id = try #require(issued.json["id"] as? Int)
            let code = try #require(issued.json["code"] as? String)
            let pdf = try await client.request(.get, "/api/v1/documents/\(id)/pdf", token: token).bytes
            #expect(try await client.request(.get, "/v").text.contains(#"id="verify-upload""#))

            let (body, type) = Self.multipart(pdf)
            let match = try await client.request(.post, "/v", bytes: body, headers: [.contentType: type])
            #expect(match.status == .ok && match.text.contains(#"id="match""#) && match.text.contains(code) && match.text.contains("有效"))
            #expect(match.text.contains("证明.pdf"))
            var altered = pdf
            altered[altered.count / 2] ^= 1
            let (alteredBody, alteredType) = Self.multipart(altered)
            let noMatch = try await client.request(.post, "/v", bytes: alteredBody, headers: [.contentType: alteredType])
            #expect(noMatch.status == .ok && noMatch.text.contains(#"id="no-match""#) && !noMatch.text.contains(code))
            let (emptyBody, emptyType) = Self.multipart([])
            let empty = try await client.request(.post, "/v", bytes: emptyBody, headers: [.contentType: emptyType])
            #expect(empty.status == .unprocessableContent && empty.text.contains("请选择要核验的 PDF 文件"))
            let plain = try await client.request(.post, "/v", body: "file=x")
            #expect(plain.status == .badRequest && plain.text.contains("<h1>"))
        }
    }
}

extension PortalPageTests {
    @Test("feedback: only outcomes an institution, the bank or a conversion entered can be reported; refusals beside their fields; a multi-line description is kept; filter by status")
    func feedback() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let token = try await client.login(ServerFixture.learnerIDs[0], ServerFixture.learnerPassword)
            let (own, application) = try await bank.submittedApplication(client, token: token)
            let (cookie, csrf) = try await PageTests.signIn(client, ServerFixture.learnerIDs[0])
            #expect(try await Self.get(client, "/me/feedback", cookie).text.contains(#"id="nothing-to-report""#))
            _ = try await bank.approve(application, client)
            let target = try #require(try await bank.service.outcomes(of: bank.learner.id).first { $0.outcome.source == .conversion }?.outcome)
            let page = try await Self.get(client, "/me/feedback?outcome=\(target.id)", cookie)
            #expect(page.text.contains(#"<option value="\#(target.id)" selected>"#) && !page.text.contains(#"<option value="\#(own)""#))

            let missing = try await Self.post(client, "/me/feedback", "csrf=\(csrf)&outcomeId=\(target.id)&description=%E6%97%A5%E6%9C%9F", cookie)
            #expect(missing.status == .unprocessableContent && missing.text.contains(#"id="problems-problem""#))
            #expect(missing.text.contains(">日期</textarea>"), "the description typed is kept")
            let notMine = try await Self.post(
                client, "/me/feedback", "csrf=\(csrf)&outcomeId=\(own)&problems%5B%5D=%E5%A7%93%E5%90%8D%E6%9C%89%E8%AF%AF&description=x", cookie)
            #expect(notMine.status == .unprocessableContent && notMine.text.contains(#"id="outcome-problem""#))
            let sent = try await Self.post(
                client, "/me/feedback",
                "csrf=\(csrf)&outcomeId=\(target.id)&problems%5B%5D=%E5%8F%91%E8%AF%81%E6%97%A5%E6%9C%9F%E6%9C%89%E8%AF%AF&description=%E6%97%A5%E6%9C%9F%E5%BA%94%E4%B8%BA%0D%0A2026-11-20",
                cookie)
            #expect(sent.status == .seeOther)
            let reports = try await bank.service.feedback(of: bank.learner.id)
            #expect(reports.count == 1 && reports.first?.problems == ["发证日期有误"] && reports.first?.description == "日期应为\n2026-11-20")
            let list = try await Self.get(client, "/me/feedback?done=sent", cookie)
            #expect(list.text.contains("已提交") && list.text.contains("发证日期有误") && list.text.contains("未解决"))
            #expect(try await Self.get(client, "/me/feedback?status=resolved", cookie).text.contains("暂无反馈"))

            // The page's own form: multipart, with the optional PDF (seed 002 §4 反馈文件); anything but a PDF is refused.
            let fields = [("outcomeId", "\(target.id)"), ("problems[]", "姓名有误"), ("problems[]", "证书编号有误"), ("description", "姓名应为张三")]
            let (notPDF, notPDFType) = Self.multipart(pngBytes, fields: fields)
            let refused = try await client.request(
                .post, "/me/feedback?csrf=\(csrf)", bytes: notPDF, headers: [.cookie: cookie, .contentType: notPDFType])
            #expect(refused.status == .unprocessableContent && refused.text.contains(#"id="file-problem""#))
            #expect(refused.text.contains(">姓名应为张三</textarea>") && refused.text.contains(#"value="证书编号有误" checked"#))
            let pdf = Array("%PDF-1.4\n% 更正证明\n%%EOF\n".utf8)
            let (withPDF, withPDFType) = Self.multipart(pdf, fields: fields)
            let attached = try await client.request(
                .post, "/me/feedback?csrf=\(csrf)", bytes: withPDF, headers: [.cookie: cookie, .contentType: withPDFType])
            #expect(attached.status == .seeOther)
            let report = try #require(try await bank.service.feedback(of: bank.learner.id).first)
            #expect(report.problems == ["姓名有误", "证书编号有误"] && report.attachment?.byteCount == pdf.count)
            #expect(try await Self.get(client, "/me/feedback/\(report.id)/file", cookie).bytes == pdf)
            let (other, _) = try await PageTests.signIn(client, ServerFixture.learnerIDs[1])
            #expect(try await Self.get(client, "/me/feedback/\(report.id)/file", other).status == .notFound)
            #expect(try await Self.get(client, "/me/feedback", cookie).text.contains(#"href="/me/feedback/\#(report.id)/file""#))
        }
    }
}

extension PortalPageTests {
    @Test("choosing English in the settings issues the learner's later transcripts, proofs and the certificate at final approval in English")
    func documentLanguage() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let token = try await client.login(ServerFixture.learnerIDs[0], ServerFixture.learnerPassword)
            let (_, application) = try await bank.submittedApplication(client, token: token)
            let (cookie, csrf) = try await PageTests.signIn(client, ServerFixture.learnerIDs[0])
            #expect(try await Self.get(client, "/me/settings", cookie).text.contains(#"<option value="zh" selected>"#))
            let bad = try await Self.post(client, "/me/settings/language", "csrf=\(csrf)&language=fr", cookie)
            #expect(bad.status == .unprocessableContent)
            let saved = try await Self.post(client, "/me/settings/language", "csrf=\(csrf)&language=en", cookie)
            #expect(saved.status == .seeOther)
            #expect(try await Self.get(client, "/me/settings?done=language", cookie).text.contains(#"<option value="en" selected>"#))

            #expect(try await Self.post(client, "/me/documents", "csrf=\(csrf)&kind=transcript", cookie).status == .seeOther)
            let certificateID = try await bank.approve(application, client)
            let api = try await client.request(.post, "/api/v1/me/documents", token: token, json: #"{"kind": "transcript"}"#)
            #expect(api.json["language"] as? String == "en", "the API's default is the learner's language too")
            let documents = try await bank.service.documents(of: bank.learner.id)
            #expect(documents.count == 3 && documents.allSatisfy { $0.language == .en }, "\(documents.map(\.language))")
            #expect(documents.contains { $0.id.rawValue == Int64(certificateID) && $0.kind == .conversionCertificate })
        }
    }
}

extension PortalPageTests {
    @Test("a pager names the page and links its neighbours, clamped to the pages there are")
    func pager() {
        let middle = Pager(page: 2, total: 45, size: 20) { "/list?page=\($0)" }
        #expect(middle.label == "第 2 页 / 共 3 页" && middle.previous == "/list?page=1" && middle.next == "/list?page=3")
        let beyond = Pager(page: 9, total: 5, size: 20) { "/list?page=\($0)" }
        #expect(beyond.label == "第 1 页 / 共 1 页" && beyond.previous == nil && beyond.next == nil)
        #expect(Pager(page: 1, total: 0, size: 20) { "\($0)" }.label == "第 1 页 / 共 1 页")
    }

    @Test("a case-by-case application by forms: pick the achievement and a searched target, confirm, submit; tabs count it")
    func caseByCase() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let (cookie, csrf) = try await PageTests.signIn(client, ServerFixture.learnerIDs[0])
            let none = try await Self.get(client, "/me/conversions/case", cookie)
            #expect(none.status == .ok && none.text.contains(#"id="no-achievements""#))
            // A recognised achievement (through the API, as before the console).
            let token = try await client.login("13800138000", ServerFixture.learnerPassword)
            let added = try await client.request(
                .post, "/api/v1/me/outcomes", token: token,
                json: #"{"category": "informal", "subtype": "social-service", "name": "社区志愿服务三年", "issuer": "国家开放大学", "institutionCode": "OUC", "obtainedOn": "2026-02-01"}"#)
            let id = try #require(added.json["id"] as? Int)
            _ = try await client.request(.post, "/api/v1/me/outcomes/\(id)/evidence", token: token, bytes: pngBytes)
            _ = try await client.request(.post, "/api/v1/me/outcomes/\(id)/recognition", token: token)
            let reviewer = try await client.staff("ouc-reviewer")
            _ = try await client.request(
                .post, "/api/v1/reviews/recognitions/\(id)", token: reviewer, json: #"{"decision": "approve", "opinion": "", "credits": 1}"#)
            let outcomePage = try await Self.get(client, "/me/outcomes/\(id)", cookie)
            #expect(outcomePage.text.contains(#"href="/me/conversions/case?outcome=\#(id)""#))

            let search = try await Self.get(client, "/me/conversions/case?outcome=\(id)&q=%E8%AE%A1%E7%AE%97%E6%9C%BA", cookie)
            #expect(search.text.contains("社区志愿服务三年") && search.text.contains(#"name="targetId" value="\#(bank.course.id)""#))
            // No target ticked: refused, the choice kept.
            let missing = try await Self.post(client, "/me/conversions/case", "csrf=\(csrf)&outcomeId=\(id)&q=%E8%AE%A1%E7%AE%97%E6%9C%BA", cookie)
            #expect(missing.status == .unprocessableContent && missing.text.contains("请选择目标成果"))
            #expect(missing.text.contains(#"value="\#(id)" checked"#))
            let confirm = try await Self.post(
                client, "/me/conversions/case", "csrf=\(csrf)&outcomeId=\(id)&targetId=\(bank.course.id)&q=%E8%AE%A1%E7%AE%97%E6%9C%BA", cookie)
            #expect(confirm.status == .ok && confirm.text.contains(#"id="case-confirm""#) && confirm.text.contains("计算机应用基础"))
            #expect(try await bank.service.applications(of: bank.learner.id).isEmpty, "the confirm step stores nothing")
            let submitted = try await Self.post(
                client, "/me/conversions/case/submit", "csrf=\(csrf)&outcomeId=\(id)&targetId=\(bank.course.id)", cookie)
            #expect(submitted.status == .seeOther && submitted.headers[.location] == "/me/conversions?done=submitted")
            let again = try await Self.post(
                client, "/me/conversions/case/submit", "csrf=\(csrf)&outcomeId=\(id)&targetId=\(bank.course.id)", cookie)
            #expect(again.status == .unprocessableContent && again.text.contains("already offered"))

            let list = try await Self.get(client, "/me/conversions?tab=pending", cookie)
            #expect(list.text.contains("个案认定") && list.text.contains("审核中 Under review (1)") && list.text.contains("转换成功 Succeeded (0)"))
            #expect(list.text.contains(#"<li class="current">初审 Initial review</li>"#))
            let succeeded = try await Self.get(client, "/me/conversions?tab=succeeded", cookie)
            #expect(succeeded.text.contains(#"id="no-conversions""#))
            let outside = try await Self.get(client, "/me/conversions?from=2027-01-01", cookie)
            #expect(outside.text.contains("全部 All (0)"))
        }
    }

    @Test("the phone changes with the password: a wrong password, a bad or taken number are explained beside the field")
    func phoneChange() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let (cookie, csrf) = try await PageTests.signIn(client, ServerFixture.learnerIDs[0])
            let wrong = try await Self.post(client, "/me/settings/phone", "csrf=\(csrf)&password=nope&phone=13700137000", cookie)
            #expect(wrong.status == .unprocessableContent && wrong.text.contains(#"id="phonePassword-problem""#))
            #expect(wrong.text.contains(#"value="13700137000""#), "the number typed stays")
            let bad = try await Self.post(
                client, "/me/settings/phone", "csrf=\(csrf)&password=\(ServerFixture.learnerPassword)&phone=12345", cookie)
            #expect(bad.status == .unprocessableContent && bad.text.contains(#"id="newPhone-problem""#) && bad.text.contains("11 digits"))
            let taken = try await Self.post(
                client, "/me/settings/phone", "csrf=\(csrf)&password=\(ServerFixture.learnerPassword)&phone=\(bank.otherLearner.phone!.value)", cookie)
            #expect(taken.status == .conflict && taken.text.contains("belongs to another account"))
            let changed = try await Self.post(
                client, "/me/settings/phone", "csrf=\(csrf)&password=\(ServerFixture.learnerPassword)&phone=137-0013-7000", cookie)
            #expect(changed.status == .seeOther && changed.headers[.location] == "/me/settings?done=phone")
            _ = try await client.login("13700137000", ServerFixture.learnerPassword)
            await #expect(throws: TestFailure.self) { try await client.login("13800138000", ServerFixture.learnerPassword) }
            let messages = try await bank.service.messages(of: bank.learner.id)
            #expect(messages.contains { $0.text.contains("137****7000") })
        }
    }
}
