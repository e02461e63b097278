import CreditBankCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `/register`: a learner opens an account in the browser and is signed in; a refused form keeps
/// what was typed (never the passwords) and says what is wrong beside the field; nothing is created.
@Suite("Registration page")
struct RegisterPageTests {
    static let id = IDCardNumber.completing("44010619920315123")

    static func form(
        name: String = "古丽娜尔·吐尔逊", id: String = RegisterPageTests.id, phone: String = "13612345678", password: String = "Journey2026",
        again: String = "Journey2026", agree: Bool = true
    ) -> String {
        func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
        return "name=\(encoded(name))&idNumber=\(id)&phone=\(phone)&password=\(password)&password2=\(again)" + (agree ? "&agreement=yes" : "")
    }

    @Test("registering by the form opens the account and signs in; the centre shows the new learner")
    func registers() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let page = try await client.request(.get, "/register")
            #expect(page.status == .ok && page.text.contains(#"id="register""#) && page.text.contains("用户协议"))
            #expect(page.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            let done = try await client.request(.post, "/register", body: Self.form())
            #expect(done.status == .seeOther && done.headers[.location] == "/me")
            let cookie = try #require(PageTests.cookie(done))
            let centre = try await client.request(.get, "/me", headers: [.cookie: cookie])
            #expect(centre.status == .ok && centre.text.contains("古丽娜尔·吐尔逊"))
            #expect(try await bank.service.storage.read { db in try db.learner(idNumber: Self.id) }?.phone?.value == "13612345678")
        }
    }

    @Test(
        "a refused form keeps the input, names the problem beside its field, and creates nothing",
        arguments: [
            (form(again: "Different2026"), "password-problem", "两次输入的密码不一致"),
            (form(agree: false), "agreement-problem", "请阅读并同意用户协议"),
            (form(id: "44010618800101123X"), "idNumber-problem", "before 1900"),
            (form(name: "王\u{30123}"), "name-problem", "U+30123"),
            (form(phone: "23612345678"), "phone-problem", "11 digits"),
            (form(password: "short", again: "short"), "password-problem", "password"),
        ])
    func refused(_ body: String, _ fieldID: String, _ words: String) async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let answer = try await client.request(.post, "/register", body: body)
            #expect(answer.status == .unprocessableContent)
            #expect(answer.headers[.setCookie] == nil)
            let html = answer.text
            let problem = try #require(html.range(of: #"id="\#(fieldID)">"#), "a message beside the field: \(html)")
            #expect(html[problem.upperBound...].prefix(300).contains(words), "\(fieldID) says \(words)")
            #expect(html.contains(#"value="13612345678""#) || body.contains("phone=23612345678"), "the phone typed is kept")
            #expect(!html.contains("Journey2026") && !html.contains("Different2026"), "passwords are never sent back")
        }
        #expect(try await bank.service.storage.read { db in try db.learner(phone: "13612345678") } == nil)
    }

    @Test("a registration posted from another site is refused and creates nothing")
    func foreignOrigin() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let answer = try await client.request(.post, "/register", body: Self.form(), headers: [.origin: "https://evil.example"])
            #expect(answer.status == .forbidden && answer.text.contains("请从本站页面提交表单"))
        }
        #expect(try await bank.service.storage.read { db in try db.learner(idNumber: Self.id) } == nil)
    }
}
