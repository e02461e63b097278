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

extension Client {
    /// A form post.
    func request(_ method: HTTPRequest.Method, _ uri: String, body: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await base.executeRequest(uri: uri, method: method, headers: headers, body: ByteBuffer(string: body))
    }
}
