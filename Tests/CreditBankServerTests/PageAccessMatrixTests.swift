import CreditBankCore
@testable import CreditBankServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Every page that names a record by id, tried by everyone who must not reach it — another learner
/// (404, as if it did not exist), staff on learner pages and learners on console pages (403), a
/// reviewer of another institution (404), the wrong role (403), signed out (to sign-in) — and then
/// nothing of the owner's has changed.
@Suite("Page access matrix")
struct PageAccessMatrixTests {
    struct Probe {
        var method: HTTPRequest.Method
        var path: String
        var body: String = ""
        var multipart: (body: [UInt8], type: String)? = nil
    }

    @Test("learner pages: another learner 404, staff 403, signed out to /login; nothing changes")
    func learnerPages() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let owner = try await client.login(ServerFixture.learnerIDs[0], ServerFixture.learnerPassword)
            // The owner's records: a registered outcome with evidence, a submitted application, a
            // certificate (from a second, approved application), a report with a PDF.
            let manual = try await client.request(
                .post, "/api/v1/me/outcomes", token: owner,
                json: #"{"category": "non-academic", "subtype": "training", "name": "书法", "issuer": "老年大学", "institutionCode": "ELD", "obtainedOn": "2026-01-01"}"#)
            let outcome = try #require(manual.json["id"] as? Int)
            let evidence = try #require(
                try await client.request(.post, "/api/v1/me/outcomes/\(outcome)/evidence", token: owner, bytes: pngBytes).json["id"] as? Int)
            let (_, open) = try await bank.submittedApplication(client, token: owner)
            let (_, done) = try await bank.submittedApplication(client, token: owner, on: "2026-06-02")
            let certificate = try await bank.approve(done, client)
            let converted = try #require(try await bank.service.outcomes(of: bank.learner.id).first { $0.outcome.source == .conversion }?.outcome)
            let pdf = Array("%PDF-1.4\n%%EOF\n".utf8)
            let report = try await bank.service.reportProblem(
                outcome: converted.id, problems: ["姓名有误"], description: "x", attachment: pdf, for: bank.learner.id)
            let before = try await Self.state(bank)

            let upload = PortalPageTests.multipart(pngBytes)
            let gets = [
                "/me/outcomes/\(outcome)", "/me/outcomes/\(outcome)/edit", "/me/evidence/\(evidence)", "/me/documents/\(certificate)/pdf",
                "/me/feedback/\(report.id)/file",
            ]
            let posts: [Probe] = [
                .init(method: .post, path: "/me/outcomes/\(outcome)/recognition"),
                .init(method: .post, path: "/me/outcomes/\(outcome)/delete"),
                .init(method: .post, path: "/me/outcomes/\(outcome)/edit", body: "&name=%E6%94%B9&issuer=x&obtainedOn=2026-01-01"),
                .init(method: .post, path: "/me/outcomes/\(outcome)/evidence", multipart: upload),
                .init(method: .post, path: "/me/conversions/\(open)/withdraw"),
            ]
            // Another learner: every page and form answers 404, as for a record that does not exist.
            let (other, otherCSRF) = try await PageTests.signIn(client, ServerFixture.learnerIDs[1])
            for path in gets { #expect(try await PortalPageTests.get(client, path, other).status == .notFound, "another learner: GET \(path)") }
            for probe in posts {
                let answer = try await Self.send(client, probe, cookie: other, csrf: otherCSRF)
                #expect(answer.status == .notFound, "another learner: POST \(probe.path) → \(answer.status)")
            }
            // Forms that name another's record in their body change nothing either.
            let applyOther = try await PortalPageTests.post(
                client, "/me/conversions", "csrf=\(otherCSRF)&ruleId=\(bank.rule.id)&outcomeId%5B%5D=\(outcome)", other)
            #expect(applyOther.status == .unprocessableContent || applyOther.status == .notFound)
            let caseOther = try await PortalPageTests.post(
                client, "/me/conversions/case/submit", "csrf=\(otherCSRF)&outcomeId=\(outcome)&targetId=\(bank.course.id)", other)
            #expect(caseOther.status == .unprocessableContent && caseOther.text.contains("未找到：outcome \(outcome)"))
            let reportOther = try await PortalPageTests.post(
                client, "/me/feedback", "csrf=\(otherCSRF)&outcomeId=\(converted.id)&problems%5B%5D=x&description=y", other)
            #expect(reportOther.status == .unprocessableContent)

            // Staff signed in to the console: 403 on every learner page.
            let (staff, staffCSRF) = try await StaffPageTests.staffSignIn(client, "admin")
            for path in gets { #expect(try await PortalPageTests.get(client, path, staff).status == .forbidden, "staff: GET \(path)") }
            for probe in posts {
                #expect(try await Self.send(client, probe, cookie: staff, csrf: staffCSRF).status == .forbidden, "staff: POST \(probe.path)")
            }
            // Signed out: to the sign-in page, nothing done.
            for path in gets {
                let away = try await client.request(.get, path)
                #expect(away.status == .seeOther && away.headers[.location] == "/login", "signed out: GET \(path)")
            }
            for probe in posts {
                let away = try await Self.send(client, probe, cookie: nil, csrf: "")
                #expect(away.status == .seeOther && away.headers[.location] == "/login", "signed out: POST \(probe.path) → \(away.status)")
            }
            #expect(try await Self.state(bank) == before, "nothing of the owner's changed")
        }
    }

    @Test("console pages: learners 403, signed out to /staff/login, another institution 404, the wrong role 403; nothing changes")
    func consolePages() async throws {
        let bank = try await ServerFixture()
        let ouc = try #require(try await bank.service.institutions().first { $0.code == "OUC" })
        try await bank.test { client in
            let owner = try await client.login(ServerFixture.learnerIDs[0], ServerFixture.learnerPassword)
            let manual = try await client.request(
                .post, "/api/v1/me/outcomes", token: owner,
                json: #"{"category": "informal", "subtype": "competition", "name": "技能大赛", "issuer": "国家开放大学", "institutionCode": "OUC", "obtainedOn": "2026-01-01"}"#)
            let outcome = try #require(manual.json["id"] as? Int)
            let evidence = try #require(
                try await client.request(.post, "/api/v1/me/outcomes/\(outcome)/evidence", token: owner, bytes: pngBytes).json["id"] as? Int)
            _ = try await client.request(.post, "/api/v1/me/outcomes/\(outcome)/recognition", token: owner)
            let (_, application) = try await bank.submittedApplication(client, token: owner)
            let (_, approved) = try await bank.submittedApplication(client, token: owner, on: "2026-06-02")
            let certificate = try await bank.approve(approved, client)
            let adminMember = try #require(try await bank.service.storage.read { db in try db.staff(username: "admin") })
            let waiting = IDCardNumber.completing("11010119850512002")
            _ = try await bank.service.createInstitutionAccount(name: "李四", idNumber: waiting, by: ouc.id)
            let request = try await bank.service.requestActivationReview(
                idNumber: waiting, name: "李思", phone: "13622223333", passwordHash: "x", photo: pngBytes)
            let before = try await Self.state(bank)
            let activationsBefore = try await bank.service.storage.read { db in try db.waitingActivationRequests(institution: nil).count }

            let gets = [
                "/staff/evidence/\(evidence)", "/staff/conversions/\(application)", "/staff/activations/\(request.id)/photo",
                "/staff/recognitions", "/staff/activations", "/staff/conversions?stage=initial", "/staff/documents?q=x",
                "/staff/documents/\(certificate)", "/staff/documents/\(certificate)/pdf", "/staff/batches", "/staff/rules", "/staff/accounts",
                "/staff/audit", "/staff/audit.csv", "/staff/imports", "/staff/feedback", "/staff/password",
            ]
            // Pages only administrators reach, and what they change.
            let adminGets = ["/staff/batches", "/staff/rules", "/staff/accounts", "/staff/audit", "/staff/audit.csv"]
            let adminPosts: [Probe] = [
                .init(method: .post, path: "/staff/documents/\(certificate)/revoke", body: "&reason=x&confirm=yes"),
                .init(method: .post, path: "/staff/documents/\(certificate)/reissue", body: "&reason=x"),
                .init(method: .post, path: "/staff/batches", body: "&kind=transcript&format=pdf"),
                .init(method: .post, path: "/staff/rules/\(bank.rule.id)/publish", body: "&published=no"),
                .init(method: .post, path: "/staff/rules/\(bank.rule.id)/delete"),
                .init(method: .post, path: "/staff/accounts/\(adminMember.id)/reset"),
                .init(method: .post, path: "/staff/accounts/\(adminMember.id)/disable", body: "&disabled=yes"),
                .init(method: .post, path: "/staff/accounts", body: "&username=intruder&role=admin"),
            ]
            let decide = "&decision=reject&opinion=no&reason=no"
            var posts: [Probe] = [
                .init(method: .post, path: "/staff/recognitions/\(outcome)", body: decide),
                .init(method: .post, path: "/staff/conversions/\(application)", body: decide),
                .init(method: .post, path: "/staff/activations/\(request.id)", body: "&decision=refuse&reason=no"),
            ]
            posts += adminPosts
            // A learner's session: 403 everywhere in the console.
            let (learner, learnerCSRF) = try await PageTests.signIn(client, ServerFixture.learnerIDs[0])
            for path in gets { #expect(try await PortalPageTests.get(client, path, learner).status == .forbidden, "learner: GET \(path)") }
            for probe in posts {
                #expect(try await Self.send(client, probe, cookie: learner, csrf: learnerCSRF).status == .forbidden, "learner: POST \(probe.path)")
            }
            // Signed out: to the console's sign-in.
            for path in gets {
                let away = try await client.request(.get, path)
                #expect(away.status == .seeOther && away.headers[.location] == "/staff/login", "signed out: GET \(path)")
            }
            for probe in posts {
                let away = try await Self.send(client, probe, cookie: nil, csrf: "")
                #expect(away.status == .seeOther && away.headers[.location] == "/staff/login", "signed out: POST \(probe.path)")
            }
            // A reviewer of another institution: the records are not there for them.
            let (eld, eldCSRF) = try await StaffPageTests.staffSignIn(client, "eld-reviewer")
            for path in ["/staff/evidence/\(evidence)", "/staff/conversions/\(application)", "/staff/activations/\(request.id)/photo"] {
                #expect(try await PortalPageTests.get(client, path, eld).status == .notFound, "another institution: GET \(path)")
            }
            for probe in posts {
                let answer = try await Self.send(client, probe, cookie: eld, csrf: eldCSRF)
                #expect(answer.status == .notFound || answer.status == .forbidden, "another institution: POST \(probe.path) → \(answer.status)")
            }
            for path in adminGets {
                #expect(try await PortalPageTests.get(client, path, eld).status == .forbidden, "a reviewer: GET \(path)")
            }
            // The wrong role: an expert decides neither recognitions, initial reviews nor activations.
            let (expert, expertCSRF) = try await StaffPageTests.staffSignIn(client, "expert")
            for path in ["/staff/recognitions", "/staff/activations", "/staff/conversions?stage=initial", "/staff/imports", "/staff/feedback"]
                + adminGets
            {
                #expect(try await PortalPageTests.get(client, path, expert).status == .forbidden, "expert: GET \(path)")
            }
            for probe in posts {
                #expect(try await Self.send(client, probe, cookie: expert, csrf: expertCSRF).status == .forbidden, "expert: POST \(probe.path)")
            }
            #expect(try await Self.state(bank) == before, "nothing changed")
            #expect(try await bank.service.storage.read { db in try db.staff(username: "intruder") } == nil)
            #expect(try await bank.service.rule(bank.rule.id).published)
            #expect(try await bank.service.storage.read { db in try db.staff(username: "admin")?.disabled } == false)
            #expect(try await bank.service.storage.read { db in try db.waitingActivationRequests(institution: nil).count } == activationsBefore)
        }
    }

    static func send(_ client: Client, _ probe: Probe, cookie: String?, csrf: String) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let cookie { headers[.cookie] = cookie }
        if let multipart = probe.multipart {
            headers[.contentType] = multipart.type
            return try await client.request(probe.method, probe.path + "?csrf=\(csrf)", bytes: multipart.body, headers: headers)
        }
        return try await client.request(probe.method, probe.path, body: "csrf=\(csrf)" + probe.body, headers: headers)
    }

    /// Everything a forbidden caller could have changed: the learners' outcomes, applications,
    /// documents, evidence and reports.
    static func state(_ bank: ServerFixture) async throws -> [String] {
        try await bank.service.storage.read { db in
            var lines: [String] = []
            for learner in [bank.learner.id, bank.otherLearner.id] {
                lines += try db.outcomes(of: learner).map { "outcome \($0.id) \($0.name) \($0.status.rawValue)" }
                lines += try db.outcomes(of: learner).map { "evidence \($0.id) \(try db.evidence(of: .outcome($0.id)).count)" }
                lines += try db.applications(of: learner).map { "application \($0.id) \($0.status.rawValue) \(try db.reviews(ofApplication: $0.id).count)" }
                lines += try db.documents(of: learner).map { "document \($0.id) \($0.revocation == nil) \($0.supersededBy == nil)" }
                lines += try db.feedback(of: learner).map { "feedback \($0.id) \($0.status.rawValue)" }
            }
            return lines
        }
    }
}
