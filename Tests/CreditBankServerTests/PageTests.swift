import CreditBankCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The learner pages: cookie session, CSRF and origin checks, the same access rules as the API.
@Suite("Learner pages")
struct PageTests {
    static func cookie(_ response: TestResponse) -> String? {
        response.headers[.setCookie]?.split(separator: ";").first.map(String.init)
    }

    static func csrf(_ html: String) -> String? {
        guard let range = html.range(of: #"name="csrf" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    @Test("sign in, see the centre, issue a transcript by form; forms without the CSRF token or from elsewhere change nothing")
    func learnerPages() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            // Signed out, every page leads to the sign-in form.
            let away = try await client.request(.get, "/me")
            #expect(away.status == .seeOther && away.headers[.location] == "/login")
            #expect(try await client.request(.get, "/me/documents").headers[.location] == "/login")
            let form = try await client.request(.get, "/login")
            #expect(form.status == .ok && form.text.contains("学习者登录") && form.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)

            // A wrong password shows the form again; a staff account is refused.
            let login = ServerFixture.learnerIDs[0]
            let wrong = try await client.request(
                .post, "/login", body: "login=\(login)&password=nope")
            #expect(wrong.status == .unauthorized && wrong.text.contains("密码不正确") && wrong.headers[.setCookie] == nil)
            let staff = try await client.request(.post, "/login", body: "login=admin&password=\(ServerFixture.staffPassword)")
            #expect(staff.status == .forbidden && staff.headers[.setCookie] == nil)

            // The right one sets an HttpOnly, SameSite=Strict cookie.
            let signedIn = try await client.request(.post, "/login", body: "login=\(login)&password=\(ServerFixture.learnerPassword)")
            #expect(signedIn.status == .seeOther && signedIn.headers[.location] == "/me")
            let setCookie = try #require(signedIn.headers[.setCookie])
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Secure"))
            let cookie = try #require(Self.cookie(signedIn))
            let me = try await client.request(.get, "/me", headers: [.cookie: cookie])
            #expect(me.status == .ok)
            #expect(me.text.contains("阿卜杜热合曼·买买提") && me.text.contains(bank.learner.cardID) && me.text.contains("累计存储学分"))
            #expect(!me.text.contains(ServerFixture.learnerIDs[0]), "the full ID number must not be shown")

            // Forms without the token, with a wrong one, or from another origin issue nothing.
            let page = try await client.request(.get, "/me/documents", headers: [.cookie: cookie])
            let token = try #require(Self.csrf(page.text))
            let plain: HTTPFields = [.cookie: cookie]
            let foreign: HTTPFields = [.cookie: cookie, .origin: "https://evil.example"]
            for (body, fields) in [("kind=transcript", plain), ("kind=transcript&csrf=forged", plain), ("kind=transcript&csrf=\(token)", foreign)] {
                let refused = try await client.request(.post, "/me/documents", body: body, headers: fields)
                #expect(refused.status == .forbidden, "\(body)")
            }
            #expect(try await bank.service.documents(of: bank.learner.id).isEmpty)

            // With the token the transcript is issued and listed with its code.
            let issued = try await client.request(.post, "/me/documents", body: "kind=transcript&validityMonths=3&csrf=\(token)", headers: [.cookie: cookie])
            #expect(issued.status == .seeOther && issued.headers[.location]?.hasPrefix("/me/documents?issued=") == true)
            let documents = try await bank.service.documents(of: bank.learner.id)
            #expect(documents.count == 1 && documents[0].kind == .transcript && documents[0].expiresAt != nil)
            let listed = try await client.request(.get, issued.headers[.location]!, headers: [.cookie: cookie])
            #expect(listed.text.contains(documents[0].code.formatted) && listed.text.contains("终身学习档案") && listed.text.contains("已开具"))
            let pdf = try await client.request(.get, "/me/documents/\(documents[0].id)/pdf", headers: [.cookie: cookie])
            #expect(pdf.status == .ok && pdf.headers[.contentType] == "application/pdf")
            // The centre lists the message with its time as a reader writes it (China time).
            let centre = try await client.request(.get, "/me", headers: [.cookie: cookie])
            #expect(centre.text.contains("终身学习档案") && centre.text.contains("2026-11-22 12:00"), "\(centre.text)")

            // A proof without outcomes is refused on the page; nothing is issued.
            let proof = try await client.request(.post, "/me/documents", body: "kind=outcome-proof&csrf=\(token)", headers: [.cookie: cookie])
            #expect(proof.status == .unprocessableContent && proof.text.contains("请选择"))
            #expect(try await bank.service.documents(of: bank.learner.id).count == 1)

            // Another learner cannot download it.
            let other = try await client.request(
                .post, "/login", body: "login=\(ServerFixture.learnerIDs[1])&password=\(ServerFixture.learnerPassword)")
            let otherCookie = try #require(Self.cookie(other))
            #expect(try await client.request(.get, "/me/documents/\(documents[0].id)/pdf", headers: [.cookie: otherCookie]).status == .notFound)
            let otherPage = try await client.request(.get, "/me/documents", headers: [.cookie: otherCookie])
            #expect(!otherPage.text.contains(documents[0].code.formatted))

            // Conversions page; logout ends the session.
            let conversions = try await client.request(.get, "/me/conversions", headers: [.cookie: cookie])
            #expect(conversions.status == .ok && conversions.text.contains("我的转换"))
            let out = try await client.request(.post, "/logout", body: "csrf=\(token)", headers: [.cookie: cookie])
            #expect(out.status == .seeOther && out.headers[.setCookie]?.contains("Max-Age=0") == true)
            #expect(try await client.request(.get, "/me", headers: [.cookie: cookie]).headers[.location] == "/login")

            // The verification form redirects to the code's page.
            let verify = try await client.request(.get, "/v?code=\(documents[0].code.formatted)")
            #expect(verify.status == .seeOther && verify.headers[.location] == "/v/\(documents[0].code.formatted)")
        }
    }
}

extension PageTests {
    /// Signs a learner in through the form; returns the cookie and the documents page's CSRF token.
    static func signIn(_ client: Client, _ login: String) async throws -> (cookie: String, csrf: String) {
        let signedIn = try await client.request(.post, "/login", body: "login=\(login)&password=\(ServerFixture.learnerPassword)")
        let cookie = try #require(Self.cookie(signedIn))
        let page = try await client.request(.get, "/me/documents", headers: [.cookie: cookie])
        return (cookie, try #require(Self.csrf(page.text)))
    }

    /// The checkbox values of the proof form, in page order.
    static func proofChoices(_ html: String) -> [String] {
        html.components(separatedBy: #"name="outcomeId[]" value=""#).dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    @Test("the outcome-proof form shows every stored outcome and issues a proof of the ticked ones; without any, the page says why")
    func proofForm() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let token = try await client.login(ServerFixture.learnerIDs[0], ServerFixture.learnerPassword)
            var stored: [Int] = []
            for day in 1...8 {
                let added = try await client.request(
                    .post, "/api/v1/me/outcomes", token: token,
                    json: #"{"catalogId": \#(bank.ncre.id), "obtainedOn": "2026-05-0\#(day)", "score": 80}"#)
                stored.append(try #require(added.json["id"] as? Int, "\(added.text)"))
            }
            let (cookie, csrf) = try await Self.signIn(client, ServerFixture.learnerIDs[0])
            let page = try await client.request(.get, "/me/documents", headers: [.cookie: cookie])
            #expect(page.text.contains(#"id="issue-proof""#), "the proof form must be on the page")
            #expect(Set(Self.proofChoices(page.text)) == Set(stored.map(String.init)))
            #expect(!page.text.contains(#"id="no-stored""#))

            // Ticking two of the listed outcomes issues a proof of exactly those.
            let ticked = Self.proofChoices(page.text).prefix(2)
            #expect(ticked.count == 2)
            let body = "kind=outcome-proof&" + ticked.map { "outcomeId%5B%5D=\($0)" }.joined(separator: "&") + "&csrf=\(csrf)"
            let issued = try await client.request(.post, "/me/documents", body: body, headers: [.cookie: cookie])
            #expect(issued.status == .seeOther)
            let documents = try await bank.service.documents(of: bank.learner.id)
            #expect(documents.count == 1 && documents.first?.kind == .outcomeProof)
            let snapshot = try #require(documents.first.flatMap { String(data: $0.snapshot, encoding: .utf8) })
            #expect(snapshot.components(separatedBy: "全国计算机等级考试").count - 1 == 2, "\(snapshot)")

            // A learner with no stored outcome sees the note, not the form.
            let (otherCookie, _) = try await Self.signIn(client, ServerFixture.learnerIDs[1])
            let empty = try await client.request(.get, "/me/documents", headers: [.cookie: otherCookie])
            #expect(empty.text.contains(#"id="no-stored""#) && empty.text.contains("只有已存储的学习成果可以开具证明"))
            #expect(!empty.text.contains(#"id="issue-proof""#))
        }
    }

    /// The text of the conversions page's entry for application `number`.
    static func entry(_ html: String, number: String) throws -> String {
        let start = try #require(html.range(of: #"data-number="\#(number)""#), "application \(number) on the page")
        let rest = html[start.upperBound...]
        return String(rest.prefix(upTo: rest.range(of: "</section></li>")?.lowerBound ?? rest.endIndex))
    }

    @Test("the conversions page says where each application stands: waiting for initial review, withdrawn, reviewed")
    func conversionsPage() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let token = try await client.login(ServerFixture.learnerIDs[0], ServerFixture.learnerPassword)
            let (_, waiting) = try await bank.submittedApplication(client, token: token, on: "2026-06-01")
            let (_, withdrawn) = try await bank.submittedApplication(client, token: token, on: "2026-06-02")
            let (_, approved) = try await bank.submittedApplication(client, token: token, on: "2026-06-03")
            #expect(try await client.request(.delete, "/api/v1/me/conversions/\(withdrawn)", token: token).status == .ok)
            _ = try await bank.approve(approved, client)
            let numbers = try await bank.service.applications(of: bank.learner.id).reduce(into: [Int: String]()) {
                $0[Int($1.application.id.rawValue)] = $1.application.number
            }
            let (cookie, _) = try await Self.signIn(client, ServerFixture.learnerIDs[0])
            let page = try await client.request(.get, "/me/conversions", headers: [.cookie: cookie]).text

            let waitingEntry = try Self.entry(page, number: try #require(numbers[waiting]))
            #expect(waitingEntry.contains("已提交，待初审") && waitingEntry.contains("等待初审 Waiting for initial review"))
            let withdrawnEntry = try Self.entry(page, number: try #require(numbers[withdrawn]))
            #expect(withdrawnEntry.contains("已撤回") && withdrawnEntry.contains("已撤回，未经审核"))
            #expect(!withdrawnEntry.contains("Waiting"), "a withdrawn application waits for nothing")
            let approvedEntry = try Self.entry(page, number: try #require(numbers[approved]))
            #expect(approvedEntry.contains("转换成功") && approvedEntry.contains("初审") && approvedEntry.contains("终审"))
            #expect(approvedEntry.contains("下载学习成果转换证明") && !approvedEntry.contains("Waiting"))
        }
    }
}

extension Client {
    /// A form post.
    func request(_ method: HTTPRequest.Method, _ uri: String, body: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await base.executeRequest(uri: uri, method: method, headers: headers, body: ByteBuffer(string: body))
    }
}
