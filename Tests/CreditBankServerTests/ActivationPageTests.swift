import CreditBankCore
@testable import CreditBankServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Manual 000's activation of an account an institution created: by ID number and name, or by a
/// person's review with the ID photo when the name differs; the staff console decides.
@Suite("Account activation")
struct ActivationPageTests {
    static let matching = IDCardNumber.completing("11010119900307001")
    static let differing = IDCardNumber.completing("11010119850512002")

    static func form(_ client: Client, _ uri: String, _ body: String) async throws -> TestResponse {
        try await client.request(.post, uri, body: body)
    }

    @Test("a matching name sets phone and password and signs in; refusals are explained beside their fields")
    func matchingName() async throws {
        let bank = try await ServerFixture()
        let ouc = try #require(try await bank.service.institutions().first { $0.code == "OUC" })
        let created = try await bank.service.createInstitutionAccount(name: "王小明", idNumber: Self.matching, by: ouc.id)
        #expect(!created.isActive && created.createdBy == ouc.id)
        try await bank.test { client in
            // Registering the same ID number points to activation; signing in is impossible before it.
            let register = try await Self.form(
                client, "/register", "name=%E7%8E%8B%E5%B0%8F%E6%98%8E&idNumber=\(Self.matching)&phone=13611112222&password=Abcdefg123&password2=Abcdefg123&agreement=yes")
            #expect(register.status == .unprocessableContent && register.text.contains("/activate"))
            await #expect(throws: TestFailure.self) { try await client.login(Self.matching, "") }

            #expect(try await client.request(.get, "/activate").text.contains(#"id="activate-find""#))
            let badID = try await Self.form(client, "/activate", "idNumber=123&name=%E7%8E%8B%E5%B0%8F%E6%98%8E")
            #expect(badID.status == .unprocessableContent && badID.text.contains(#"id="idNumber-problem""#) && badID.text.contains(#"value="123""#))
            let unknown = try await Self.form(client, "/activate", "idNumber=\(ServerFixture.learnerIDs[2])&name=%E7%8E%8B")
            #expect(unknown.text.contains("没有以此身份证号等待激活的账户") && unknown.text.contains(#"href="/register""#))
            let active = try await Self.form(client, "/activate", "idNumber=\(ServerFixture.learnerIDs[0])&name=%E7%8E%8B")
            #expect(active.text.contains("此账户已激活"))

            let found = try await Self.form(client, "/activate", "idNumber=\(Self.matching)&name=%E7%8E%8B%E5%B0%8F%E6%98%8E")
            #expect(found.status == .ok && found.text.contains(#"id="activate-set""#))
            let base = "idNumber=\(Self.matching)&name=%E7%8E%8B%E5%B0%8F%E6%98%8E&phone=13611112222"
            let differ = try await Self.form(client, "/activate/complete", base + "&password=Abcdefg123&password2=Abcdefg124&agreement=yes")
            #expect(differ.status == .unprocessableContent && differ.text.contains(#"id="password-problem""#) && differ.text.contains(#"value="13611112222""#))
            let taken = try await Self.form(
                client, "/activate/complete",
                "idNumber=\(Self.matching)&name=%E7%8E%8B%E5%B0%8F%E6%98%8E&phone=13800138000&password=Abcdefg123&password2=Abcdefg123&agreement=yes")
            #expect(taken.status == .unprocessableContent && taken.text.contains("belongs to another account"))
            let done = try await Self.form(client, "/activate/complete", base + "&password=Abcdefg123&password2=Abcdefg123&agreement=yes")
            #expect(done.status == .seeOther && done.headers[.location] == "/me")
            let cookie = try #require(PageTests.cookie(done))
            #expect(try await client.request(.get, "/me", headers: [.cookie: cookie]).text.contains("王小明"))
            _ = try await client.login("13611112222", "Abcdefg123")
            #expect(try await Self.form(client, "/activate", "idNumber=\(Self.matching)&name=%E7%8E%8B%E5%B0%8F%E6%98%8E").text.contains("此账户已激活"))
        }
    }

    @Test("a differing name goes to the institution's reviewer with the ID photo; refused, then approved under the name on the card")
    func review() async throws {
        let bank = try await ServerFixture()
        let ouc = try #require(try await bank.service.institutions().first { $0.code == "OUC" })
        let account = try await bank.service.createInstitutionAccount(name: "李四", idNumber: Self.differing, by: ouc.id)
        try await bank.test { client in
            let asked = try await Self.form(client, "/activate", "idNumber=\(Self.differing)&name=%E6%9D%8E%E6%80%9D")
            #expect(asked.text.contains(#"id="activate-review""#) && asked.text.contains("李*"))
            let fields = [("idNumber", Self.differing), ("name", "李思"), ("phone", "13622223333"), ("password", "Abcdefg123"), ("password2", "Abcdefg123")]
            func send(_ photo: [UInt8]) async throws -> TestResponse {
                let (body, type) = PortalPageTests.multipart(photo, fields: fields, name: "photo", fileName: "id.png", contentType: "image/png")
                return try await client.request(.post, "/activate/review", bytes: body, headers: [.contentType: type])
            }
            let notPhoto = try await send(Array("%PDF-1.4\n".utf8))
            #expect(notPhoto.status == .unprocessableContent && notPhoto.text.contains(#"id="photo-problem""#) && notPhoto.text.contains(#"value="13622223333""#))
            #expect(try await send(pngBytes).text.contains("已提交审核"))
            let again = try await Self.form(client, "/activate", "idNumber=\(Self.differing)&name=%E6%9D%8E%E6%80%9D")
            #expect(again.text.contains(#"id="latest-request""#) && again.text.contains("待审核") && !again.text.contains(#"id="activate-review""#))
            #expect(try await send(pngBytes).text.contains("still waiting"))

            // Another institution's reviewer and an expert see nothing; the creating institution's reviewer decides.
            let (other, _) = try await StaffPageTests.staffSignIn(client, "eld-reviewer")
            #expect(try await client.request(.get, "/staff/activations", headers: [.cookie: other]).text.contains(#"id="no-activations""#))
            let (expert, _) = try await StaffPageTests.staffSignIn(client, "expert")
            #expect(try await client.request(.get, "/staff/activations", headers: [.cookie: expert]).status == .forbidden)
            let (reviewer, csrf) = try await StaffPageTests.staffSignIn(client, "ouc-reviewer")
            let queue = try await client.request(.get, "/staff/activations", headers: [.cookie: reviewer])
            let id = try #require(queue.text.firstMatch(of: /data-id="(\d+)"/)?.output.1)
            #expect(queue.text.contains("李思") && queue.text.contains("李四"))
            #expect(try await client.request(.get, "/staff/activations/\(id)/photo", headers: [.cookie: reviewer]).bytes == pngBytes)
            #expect(try await client.request(.get, "/staff/activations/\(id)/photo", headers: [.cookie: other]).status == .notFound)
            let noReason = try await client.request(
                .post, "/staff/activations/\(id)", body: "csrf=\(csrf)&decision=refuse", headers: [.cookie: reviewer])
            #expect(noReason.status == .unprocessableContent)
            let refused = try await client.request(
                .post, "/staff/activations/\(id)", body: "csrf=\(csrf)&decision=refuse&reason=%E7%85%A7%E7%89%87%E6%A8%A1%E7%B3%8A", headers: [.cookie: reviewer])
            #expect(refused.status == .seeOther)
            let told = try await Self.form(client, "/activate", "idNumber=\(Self.differing)&name=%E6%9D%8E%E6%80%9D")
            #expect(told.text.contains("未通过") && told.text.contains("照片模糊") && told.text.contains(#"id="activate-review""#))

            // A second request, approved: the account takes the name on the card, the phone and the password.
            #expect(try await send(pngBytes).text.contains("已提交审核"))
            let second = try await client.request(.get, "/staff/activations", headers: [.cookie: reviewer])
            let secondID = try #require(second.text.firstMatch(of: /data-id="(\d+)"/)?.output.1)
            let approved = try await client.request(
                .post, "/staff/activations/\(secondID)", body: "csrf=\(csrf)&decision=approve", headers: [.cookie: reviewer])
            #expect(approved.status == .seeOther)
            #expect(try await client.request(
                .post, "/staff/activations/\(secondID)", body: "csrf=\(csrf)&decision=approve", headers: [.cookie: reviewer]).status == .conflict)
            _ = try await client.login("13622223333", "Abcdefg123")
            let learner = try #require(try await bank.service.storage.read { db in try db.learner(account.id) })
            #expect(learner.isActive && learner.name.value == "李思")
            let messages = try await bank.service.messages(of: account.id)
            #expect(messages.contains { $0.text.contains("未通过") } && messages.contains { $0.text.contains("已激活") })
        }
    }
}
