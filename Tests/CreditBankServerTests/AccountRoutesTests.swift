import CreditBankCore
import CreditBankServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Accounts over HTTP: registration, login, sessions, passwords")
struct AccountRoutesTests {
    @Test("registration answers 201 with account number and card id; duplicates 409; bad fields 422 naming the field")
    func registration() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let id = ServerFixture.learnerIDs[2]
            let created = try await client.request(
                .post, "/api/v1/auth/register",
                json: #"{"name": "张三", "idNumber": "\#(id)", "phone": "13700137000", "password": "Secret2026"}"#)
            #expect(created.status == .created)
            #expect((created.json["accountNumber"] as? String)?.isEmpty == false)
            #expect((created.json["cardId"] as? String)?.count == 16)
            #expect(created.json["learnerId"] is Int)

            let again = try await client.request(
                .post, "/api/v1/auth/register",
                json: #"{"name": "张三", "idNumber": "\#(id)", "phone": "13700137001", "password": "Secret2026"}"#)
            #expect(again.status == .conflict)
            #expect(again.errorCode == "conflict")

            let cases: [(String, String)] = [
                (#"{"name": "李四", "idNumber": "650102199001011235", "phone": "13700137002", "password": "Secret2026"}"#, "idNumber"),
                (
                    #"{"name": "李四", "idNumber": "\#(ServerFixture.learnerIDs[2].dropLast())", "phone": "13700137002", "password": "Secret2026"}"#,
                    "idNumber"
                ),
                (#"{"name": "李四", "idNumber": "\#(id)", "phone": "1234", "password": "Secret2026"}"#, "phone"),
                (#"{"name": "", "idNumber": "\#(id)", "phone": "13700137002", "password": "Secret2026"}"#, "name"),
                (#"{"name": "李四", "idNumber": "\#(id)", "phone": "13700137002", "password": "short1"}"#, "password"),
                (#"{"name": "李四", "idNumber": "\#(id)", "phone": "13700137002", "password": "onlyletters"}"#, "password"),
                (#"{"name": "李四", "idNumber": "\#(id)", "phone": "13700137002"}"#, "password"),
                (#"{"name": 7, "idNumber": "\#(id)", "phone": "13700137002", "password": "Secret2026"}"#, "name"),
            ]
            for (body, field) in cases {
                let response = try await client.request(.post, "/api/v1/auth/register", json: body)
                #expect(response.status == .unprocessableContent, "\(body)")
                #expect(response.errorField == field, "\(body) → \(response.text)")
            }
        }
    }

    @Test("login works with ID number (any case of X), phone and staff username; a wrong password and an unknown login look the same")
    func login() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            for login in [ServerFixture.learnerIDs[0], "13800138000", " 13800138000 "] {
                let response = try await client.request(
                    .post, "/api/v1/auth/login", json: #"{"login": "\#(login)", "password": "\#(ServerFixture.learnerPassword)"}"#)
                #expect(response.status == .ok, "\(login)")
                #expect(response.json["role"] as? String == "learner")
                #expect((response.json["token"] as? String)?.count == 43)
                #expect(response.json["expiresAt"] is String)
            }
            let staff = try await client.request(
                .post, "/api/v1/auth/login", json: #"{"login": "expert", "password": "\#(ServerFixture.staffPassword)"}"#)
            #expect(staff.json["role"] as? String == "expert")

            let wrong = try await client.request(.post, "/api/v1/auth/login", json: #"{"login": "13800138000", "password": "Wrong2026"}"#)
            let unknown = try await client.request(.post, "/api/v1/auth/login", json: #"{"login": "13300133000", "password": "Wrong2026"}"#)
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(wrong.text == unknown.text)
        }
    }

    @Test("five failed logins lock the login name (429 + Retry-After) even for the right password; other names still work")
    func throttling() async throws {
        let bank = try await ServerFixture(settings: ServerSettings(failedLoginsPerAccount: 5, failedLoginsPerClient: 8))
        try await bank.test { client in
            for _ in 0..<5 {
                let response = try await client.request(
                    .post, "/api/v1/auth/login", json: #"{"login": "13800138000", "password": "Wrong2026"}"#)
                #expect(response.status == .unauthorized)
            }
            let locked = try await client.request(
                .post, "/api/v1/auth/login", json: #"{"login": "13800138000", "password": "\#(ServerFixture.learnerPassword)"}"#)
            #expect(locked.status == .tooManyRequests)
            #expect(Int(locked.headers[.retryAfter] ?? "") ?? 0 > 0)
            _ = try await client.login("13900139000", ServerFixture.learnerPassword)
            // The client as a whole: three more failures on other names reach its limit of 8.
            for name in ["a1", "a2", "a3"] {
                _ = try await client.request(.post, "/api/v1/auth/login", json: #"{"login": "\#(name)", "password": "Wrong2026"}"#)
            }
            let clientLocked = try await client.request(
                .post, "/api/v1/auth/login", json: #"{"login": "13900139000", "password": "\#(ServerFixture.learnerPassword)"}"#)
            #expect(clientLocked.status == .tooManyRequests)
        }
    }

    @Test("tokens: 401 without, with a malformed or unknown one, after logout and after expiry")
    func sessions() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            #expect(try await client.request(.get, "/api/v1/me").status == .unauthorized)
            #expect(try await client.request(.get, "/api/v1/me", headers: [.authorization: "Basic eDp5"]).status == .unauthorized)
            #expect(try await client.request(.get, "/api/v1/me", token: "not-a-token").status == .unauthorized)
            #expect(try await client.request(.get, "/api/v1/me", token: String(repeating: "A", count: 43)).status == .unauthorized)

            let token = try await client.login("13800138000", ServerFixture.learnerPassword)
            let me = try await client.request(.get, "/api/v1/me", token: token)
            #expect(me.status == .ok)
            #expect(me.json["name"] as? String == "阿卜杜热合曼·买买提")
            #expect(me.json["idNumberMasked"] as? String == "6501**********\(ServerFixture.learnerIDs[0].suffix(4))")
            #expect(!me.text.contains(ServerFixture.learnerIDs[0]))
            #expect(try await client.request(.post, "/api/v1/auth/logout", token: token).status == .noContent)
            #expect(try await client.request(.get, "/api/v1/me", token: token).status == .unauthorized)

            let later = try await client.login("13800138000", ServerFixture.learnerPassword)
            bank.clock.advance(by: CreditBankService.sessionLifetime + 1)
            let expired = try await client.request(.get, "/api/v1/me", token: later)
            #expect(expired.status == .unauthorized)
            #expect(expired.headers[.wwwAuthenticate] == "Bearer")
        }
    }

    @Test("a password change needs the old password, ends the other sessions and takes effect")
    func passwordChange() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let first = try await client.login("13800138000", ServerFixture.learnerPassword)
            let second = try await client.login("13800138000", ServerFixture.learnerPassword)
            let wrong = try await client.request(
                .put, "/api/v1/me/password", token: first, json: #"{"oldPassword": "Nope20260", "newPassword": "Better2027"}"#)
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.errorField == "oldPassword")
            let weak = try await client.request(
                .put, "/api/v1/me/password", token: first,
                json: #"{"oldPassword": "\#(ServerFixture.learnerPassword)", "newPassword": "weak"}"#)
            #expect(weak.errorField == "newPassword")
            let changed = try await client.request(
                .put, "/api/v1/me/password", token: first,
                json: #"{"oldPassword": "\#(ServerFixture.learnerPassword)", "newPassword": "Better2027"}"#)
            #expect(changed.status == .noContent)
            #expect(try await client.request(.get, "/api/v1/me", token: first).status == .ok)
            #expect(try await client.request(.get, "/api/v1/me", token: second).status == .unauthorized)
            _ = try await client.login("13800138000", "Better2027")
        }
    }

    @Test("bad bodies are 4xx naming the fault: malformed JSON, invalid UTF-8, wrong types, huge numbers, too large")
    func badBodies() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let token = try await client.login("13800138000", ServerFixture.learnerPassword)
            let malformed = try await client.request(.post, "/api/v1/auth/login", json: #"{"login": "#)
            #expect(malformed.status == .badRequest)
            #expect(malformed.errorCode == "bad-request")
            let utf8 = try await client.request(
                .post, "/api/v1/auth/login", bytes: Array(#"{"login": ""#.utf8) + [0xFF, 0xFE] + Array(#"", "password": "x"}"#.utf8))
            #expect(utf8.status == .badRequest)
            let array = try await client.request(.post, "/api/v1/auth/login", json: "[1, 2]")
            #expect(array.status == .badRequest)
            let empty = try await client.request(.post, "/api/v1/auth/login")
            #expect(empty.status == .badRequest)
            let huge = try await client.request(
                .post, "/api/v1/me/conversions", token: token, json: #"{"outcomeIds": [99999999999999999999999], "ruleId": 1}"#)
            #expect(huge.status == .unprocessableContent)
            #expect(huge.errorField == "outcomeIds[0]")
            let wrongType = try await client.request(
                .post, "/api/v1/me/conversions", token: token, json: #"{"outcomeIds": "1", "ruleId": 1}"#)
            #expect(wrongType.errorField == "outcomeIds")
            let infinite = try await client.request(.post, "/api/v1/me/outcomes", token: token, json: #"{"catalogId": 1, "score": 1e999}"#)
            #expect(infinite.status.code / 100 == 4)
            let tooLarge = try await client.request(
                .post, "/api/v1/auth/login", json: #"{"login": "\#(String(repeating: "x", count: 70_000))", "password": "x"}"#)
            #expect(tooLarge.status == .contentTooLarge)
            #expect(tooLarge.errorCode == "too-large")
            let unknownRoute = try await client.request(.get, "/api/v1/nothing-here")
            #expect(unknownRoute.status == .notFound)
            #expect(unknownRoute.errorCode == "not-found")
            let badID = try await client.request(.get, "/api/v1/me/outcomes/abc", token: token)
            #expect(badID.status == .notFound)
        }
    }
}
