import CreditBankCore
import CreditBankDocuments
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The staff console's first pages: staff sign in at /staff/login, see their queues, decide
/// recognitions and both conversion stages by form; learners and the wrong role are kept out.
@Suite("Staff console pages")
struct StaffPageTests {
    static func staffSignIn(_ client: Client, _ username: String) async throws -> (cookie: String, csrf: String) {
        let signedIn = try await client.request(.post, "/staff/login", body: "login=\(username)&password=\(ServerFixture.staffPassword)")
        #expect(signedIn.status == .seeOther && signedIn.headers[.location] == "/staff")
        let cookie = try #require(PageTests.cookie(signedIn))
        let home = try await client.request(.get, "/staff", headers: [.cookie: cookie])
        return (cookie, try #require(PageTests.csrf(home.text)))
    }

    @Test("a conversion goes through initial and final review by form; the certificate is issued; each role sees its own queue")
    func conversions() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let token = try await client.login(ServerFixture.learnerIDs[0], ServerFixture.learnerPassword)
            let (_, application) = try await bank.submittedApplication(client, token: token)
            let (reviewer, reviewerCSRF) = try await Self.staffSignIn(client, "ouc-reviewer")
            let home = try await PortalPageTests.get(client, "/staff", reviewer)
            #expect(home.text.contains("转换初审") && home.text.contains("1 件待办") && !home.text.contains("转换终审 Final reviews"))
            let queue = try await PortalPageTests.get(client, "/staff/conversions?stage=initial", reviewer)
            #expect(queue.text.contains("/staff/conversions/\(application)"))
            let casePage = try await PortalPageTests.get(client, "/staff/conversions/\(application)", reviewer)
            #expect(casePage.text.contains("阿卜杜热合曼·买买提") && casePage.text.contains("202201240004") && casePage.text.contains(#"id="decide""#))

            // A rejection without an opinion is refused on the page; nothing changes.
            let refused = try await PortalPageTests.post(client, "/staff/conversions/\(application)", "csrf=\(reviewerCSRF)&decision=reject", reviewer)
            #expect(refused.status == .unprocessableContent && refused.text.contains(#"id="problem""#))
            #expect(try await bank.service.application(ApplicationID(Int64(application)), for: nil).0.status == .submitted)
            let approved = try await PortalPageTests.post(
                client, "/staff/conversions/\(application)", "csrf=\(reviewerCSRF)&decision=approve&opinion=%E6%9D%90%E6%96%99%E9%BD%90%E5%85%A8%0D%0A%E5%90%8C%E6%84%8F",
                reviewer)
            #expect(approved.status == .seeOther)
            #expect(try await bank.service.application(ApplicationID(Int64(application)), for: nil).0.status == .awaitingFinalReview)
            // The institution reviewer cannot take the final stage.
            let notTheirs = try await PortalPageTests.post(client, "/staff/conversions/\(application)", "csrf=\(reviewerCSRF)&decision=approve", reviewer)
            #expect(notTheirs.status == .forbidden || notTheirs.status == .conflict)

            let (expert, expertCSRF) = try await Self.staffSignIn(client, "expert")
            #expect(try await PortalPageTests.get(client, "/staff/conversions?stage=final", expert).text.contains("/staff/conversions/\(application)"))
            let final = try await PortalPageTests.post(client, "/staff/conversions/\(application)", "csrf=\(expertCSRF)&decision=approve", expert)
            #expect(final.status == .seeOther)
            let done = try await PortalPageTests.get(client, final.headers[.location] ?? "", expert)
            #expect(done.text.contains(#"id="certificate""#) && done.text.contains("材料齐全\n同意"))
            #expect(try await bank.service.documents(of: bank.learner.id).contains { $0.kind == .conversionCertificate })
        }
    }

    @Test("a recognition is decided by form: credits on approval, an opinion required to reject")
    func recognitions() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let token = try await client.login(ServerFixture.learnerIDs[0], ServerFixture.learnerPassword)
            let manual = try await client.request(
                .post, "/api/v1/me/outcomes", token: token,
                json: #"{"category": "academic", "subtype": "course", "name": "高等数学", "issuer": "国家开放大学", "institutionCode": "OUC", "obtainedOn": "2026-01-01", "credits": 4}"#)
            let outcome = try #require(manual.json["id"] as? Int)
            _ = try await client.request(.post, "/api/v1/me/outcomes/\(outcome)/evidence", token: token, bytes: pngBytes)
            #expect(try await client.request(.post, "/api/v1/me/outcomes/\(outcome)/recognition", token: token).status == .accepted)
            let (reviewer, csrf) = try await Self.staffSignIn(client, "ouc-reviewer")
            let queue = try await PortalPageTests.get(client, "/staff/recognitions", reviewer)
            #expect(queue.text.contains("高等数学") && queue.text.contains(#"value="4""#))
            let noOpinion = try await PortalPageTests.post(client, "/staff/recognitions/\(outcome)", "csrf=\(csrf)&decision=reject", reviewer)
            #expect(noOpinion.status == .unprocessableContent)
            let approved = try await PortalPageTests.post(client, "/staff/recognitions/\(outcome)", "csrf=\(csrf)&decision=approve&credits=3.5", reviewer)
            #expect(approved.status == .seeOther)
            let stored = try await bank.service.outcome(OutcomeID(Int64(outcome)), of: bank.learner.id).0
            #expect(stored.status == .stored && stored.credits == Credits("3.5"))
            #expect(try await PortalPageTests.get(client, "/staff/recognitions", reviewer).text.contains(#"id="no-cases""#))
            // Another institution's reviewer sees nothing of it.
            let (other, _) = try await Self.staffSignIn(client, "eld-reviewer")
            #expect(!(try await PortalPageTests.get(client, "/staff/recognitions", other)).text.contains("高等数学"))
        }
    }

    @Test("signed out goes to /staff/login; a learner session is refused; a learner cannot sign in here; posts need the token")
    func access() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let away = try await client.request(.get, "/staff")
            #expect(away.status == .seeOther && away.headers[.location] == "/staff/login")
            let (learner, _) = try await PageTests.signIn(client, ServerFixture.learnerIDs[0])
            #expect(try await PortalPageTests.get(client, "/staff/recognitions", learner).status == .forbidden)
            let learnerLogin = try await client.request(
                .post, "/staff/login", body: "login=\(ServerFixture.learnerIDs[0])&password=\(ServerFixture.learnerPassword)")
            #expect(learnerLogin.status == .forbidden && learnerLogin.headers[.setCookie] == nil)
            let (reviewer, _) = try await Self.staffSignIn(client, "ouc-reviewer")
            let forged = try await PortalPageTests.post(client, "/staff/conversions/1", "csrf=forged&decision=approve", reviewer)
            #expect(forged.status == .forbidden)
            #expect(try await PortalPageTests.get(client, "/me", reviewer).status == .forbidden, "staff have no learner pages")
        }
    }
}

extension StaffPageTests {
    @Test("problem reports: the institution's reviewer reads them with the PDF and replies; another institution sees none; experts are refused")
    func feedbackReplies() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let token = try await client.login(ServerFixture.learnerIDs[0], ServerFixture.learnerPassword)
            let (_, application) = try await bank.submittedApplication(client, token: token)
            _ = try await bank.approve(application, client)
            let converted = try #require(try await bank.service.outcomes(of: bank.learner.id).first { $0.outcome.source == .conversion }?.outcome)
            let pdf = Array("%PDF-1.4\n% 证明\n%%EOF\n".utf8)
            let report = try await bank.service.reportProblem(
                outcome: converted.id, problems: ["姓名有误"], description: "姓名应为张三", attachment: pdf, for: bank.learner.id)

            let (reviewer, csrf) = try await Self.staffSignIn(client, "ouc-reviewer")
            let home = try await PortalPageTests.get(client, "/staff", reviewer)
            #expect(home.text.contains(#"href="/staff/feedback""#))
            let list = try await PortalPageTests.get(client, "/staff/feedback", reviewer)
            #expect(list.text.contains("姓名应为张三") && list.text.contains("阿卜杜热合曼·买买提") && list.text.contains(#"href="/staff/feedback/\#(report.id)/file""#))
            #expect(try await PortalPageTests.get(client, "/staff/feedback/\(report.id)/file", reviewer).bytes == pdf)
            let (other, otherCSRF) = try await Self.staffSignIn(client, "eld-reviewer")
            #expect(try await PortalPageTests.get(client, "/staff/feedback", other).text.contains(#"id="no-reports""#))
            #expect(try await PortalPageTests.get(client, "/staff/feedback/\(report.id)/file", other).status == .notFound)
            #expect(try await PortalPageTests.post(client, "/staff/feedback/\(report.id)", "csrf=\(otherCSRF)&reply=x", other).status == .notFound)
            let (expert, _) = try await Self.staffSignIn(client, "expert")
            #expect(try await PortalPageTests.get(client, "/staff/feedback", expert).status == .forbidden)

            let empty = try await PortalPageTests.post(client, "/staff/feedback/\(report.id)", "csrf=\(csrf)&reply=", reviewer)
            #expect(empty.status == .unprocessableContent)
            let replied = try await PortalPageTests.post(
                client, "/staff/feedback/\(report.id)", "csrf=\(csrf)&reply=%E5%B7%B2%E6%9B%B4%E6%AD%A3", reviewer)
            #expect(replied.status == .seeOther)
            #expect(try await PortalPageTests.get(client, "/staff/feedback", reviewer).text.contains(#"id="no-reports""#))
            let resolved = try await PortalPageTests.get(client, "/staff/feedback?status=resolved", reviewer)
            #expect(resolved.text.contains("已更正") && resolved.text.contains("已解决"))
            #expect(try await bank.service.messages(of: bank.learner.id).contains { $0.text.contains("已更正") && $0.subject == .feedback(report.id) })
        }
    }
}

extension StaffPageTests {
    @Test("documents: found by a code with one wrong symbol, by name, by ID (admins only); revoked after a confirm step; a corrected certificate supersedes")
    func documents() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let token = try await client.login(ServerFixture.learnerIDs[0], ServerFixture.learnerPassword)
            let (_, first) = try await bank.submittedApplication(client, token: token)
            let (_, second) = try await bank.submittedApplication(client, token: token, on: "2026-06-02")
            let certificate = try await bank.approve(first, client)
            let other = try await bank.approve(second, client)
            let document = try #require(try await bank.service.documents(of: bank.learner.id).first { $0.id.rawValue == Int64(certificate) })
            var typo = Array(document.code.canonical)
            typo[3] = typo[3] == "7" ? "8" : "7"
            let (admin, csrf) = try await Self.staffSignIn(client, "admin")

            let corrected = try await PortalPageTests.get(client, "/staff/documents?q=\(String(typo))", admin)
            #expect(corrected.text.contains(#"id="match-note""#) && corrected.text.contains(document.code.formatted))
            #expect(corrected.text.components(separatedBy: "<tr><td><a href=").count - 1 == 1)
            let byName = try await PortalPageTests.get(client, "/staff/documents?q=%E9%98%BF%E5%8D%9C%E6%9D%9C", admin)
            #expect(byName.text.components(separatedBy: "<tr><td><a href=").count - 1 == 2)
            let byID = try await PortalPageTests.get(client, "/staff/documents?q=\(ServerFixture.learnerIDs[0])", admin)
            #expect(byID.text.contains(document.code.formatted))
            let (reviewer, reviewerCSRF) = try await Self.staffSignIn(client, "ouc-reviewer")
            #expect(try await PortalPageTests.get(client, "/staff/documents?q=\(ServerFixture.learnerIDs[0])", reviewer).status == .forbidden)
            let page = try await PortalPageTests.get(client, "/staff/documents/\(certificate)", admin)
            #expect(page.text.contains(document.sha256) && page.text.contains("阿卜杜热合曼·买买提") && page.text.contains(#"id="revoke-form""#))
            let pdf = try await PortalPageTests.get(client, "/staff/documents/\(certificate)/pdf", admin).bytes
            #expect(pdf.count == document.byteCount)
            // How often it was verified: by the page, the JSON and an upload; counted, then written.
            _ = try await client.request(.get, "/v/\(document.code.canonical)")
            _ = try await client.request(.get, "/api/v1/verify/\(document.code.canonical)")
            _ = try await client.request(.post, "/api/v1/verify", bytes: pdf)
            #expect(try await PortalPageTests.get(client, "/staff/documents/\(certificate)", admin).text.contains(#"id="verification-count">3 次"#))
            #expect(try await bank.service.flushVerificationTally().documents >= 1)
            #expect(try await bank.service.storage.read { db in try db.verificationCount(of: document.id) } == 3)
            #expect(try await PortalPageTests.get(client, "/staff/documents/\(certificate)", admin).text.contains(#"id="verification-count">3 次"#))
            #expect(!(try await PortalPageTests.get(client, "/staff/documents/\(certificate)", reviewer)).text.contains(#"id="revoke-form""#))
            #expect(try await PortalPageTests.post(
                client, "/staff/documents/\(certificate)/revoke", "csrf=\(reviewerCSRF)&reason=x&confirm=yes", reviewer).status == .forbidden)

            // Revoke: the first post only asks for confirmation.
            let asked = try await PortalPageTests.post(
                client, "/staff/documents/\(certificate)/revoke", "csrf=\(csrf)&reason=%E6%9D%90%E6%96%99%E4%B8%8D%E5%AE%9E", admin)
            #expect(asked.status == .ok && asked.text.contains(#"id="revoke-confirm""#))
            #expect(try await bank.service.staffDocument(DocumentID(Int64(certificate))).document.revocation == nil, "nothing changed yet")
            let revoked = try await PortalPageTests.post(
                client, "/staff/documents/\(certificate)/revoke", "csrf=\(csrf)&reason=%E6%9D%90%E6%96%99%E4%B8%8D%E5%AE%9E&confirm=yes", admin)
            #expect(revoked.status == .seeOther)
            #expect(try await client.request(.get, "/v/\(document.code.canonical)").text.contains("已撤销"))

            // Reissue the other certificate: a new code, the old one superseded and pointing to it.
            let before = try #require(try await bank.service.documents(of: bank.learner.id).first { $0.id.rawValue == Int64(other) })
            let reissued = try await PortalPageTests.post(
                client, "/staff/documents/\(other)/reissue", "csrf=\(csrf)&reason=%E5%A7%93%E5%90%8D%E6%9B%B4%E6%AD%A3", admin)
            #expect(reissued.status == .seeOther)
            let newPath = try #require(reissued.headers[.location])
            let newPage = try await PortalPageTests.get(client, newPath, admin)
            #expect(newPage.text.contains("已更正重开") && newPage.text.contains("有效"))
            let old = try await bank.service.staffDocument(before.id)
            #expect(old.document.supersededBy != nil && old.newerCode != nil)
            #expect(try await client.request(.get, "/v/\(before.code.canonical)").text.contains(old.newerCode!.formatted))
            #expect(try await PortalPageTests.post(
                client, "/staff/documents/\(other)/reissue", "csrf=\(csrf)&reason=again", admin).status == .conflict)
            let audit = try await PortalPageTests.get(client, "/staff/audit", admin)
            #expect(audit.text.contains("撤销文书") && audit.text.contains("更正重开"))
        }
    }
}

extension StaffPageTests {
    @Test("batches by form: a refused day beside its field; the job page shows progress, then the file; the list keeps it with its expiry")
    func batchesByForm() async throws {
        let renderer = try TemplateDocumentRenderer(resources: repositoryRoot, threads: 2)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("creditbank-page-batches-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let bank = try await ServerFixture(renderer: renderer, batchFolder: folder)
        try await bank.test { client in
            let token = try await client.login(ServerFixture.learnerIDs[0], ServerFixture.learnerPassword)
            let (_, application) = try await bank.submittedApplication(client, token: token)
            _ = try await bank.approve(application, client)
            let (admin, csrf) = try await Self.staffSignIn(client, "admin")
            let form = try await PortalPageTests.get(client, "/staff/batches", admin)
            #expect(form.text.contains(#"id="batch-form""#) && form.text.contains(#"id="no-batches""#))
            let bad = try await PortalPageTests.post(client, "/staff/batches", "csrf=\(csrf)&kind=conversion-certificate&from=2026-13-01&format=pdf", admin)
            #expect(bad.status == .unprocessableContent && bad.text.contains(#"id="from-problem""#) && bad.text.contains(#"value="2026-13-01""#))
            let started = try await PortalPageTests.post(client, "/staff/batches", "csrf=\(csrf)&kind=conversion-certificate&format=pdf", admin)
            #expect(started.status == .seeOther)
            let path = try #require(started.headers[.location])
            let id = try #require(Int64(path.split(separator: "/").last ?? ""))
            for _ in 0..<200 where try await bank.service.batch(BatchID(id)).status != .done { try await Task.sleep(for: .milliseconds(50)) }
            let done = try await PortalPageTests.get(client, path, admin)
            #expect(done.text.contains(#"id="batch-download""#) && done.text.contains(#"value="1""#) && !done.text.contains("batch-progress.js"))
            let progress = try await PortalPageTests.get(client, path + "/progress", admin)
            #expect(progress.json["status"] as? String == "done" && progress.json["done"] as? Int == 1)
            let script = try await PortalPageTests.get(client, "/staff/batch-progress.js", admin)
            #expect(script.status == .ok && script.text.contains("location.reload()"))
            let file = try await PortalPageTests.get(client, path + "/file", admin)
            #expect(file.status == .ok && file.bytes.starts(with: Array("%PDF".utf8)))
            let list = try await PortalPageTests.get(client, "/staff/batches", admin)
            #expect(list.text.contains(#"href="/staff/batches/\#(id)""#) && list.text.contains("已完成"))
            let (reviewer, reviewerCSRF) = try await Self.staffSignIn(client, "ouc-reviewer")
            #expect(try await PortalPageTests.get(client, "/staff/batches", reviewer).status == .forbidden)
            #expect(try await PortalPageTests.get(client, path, reviewer).status == .forbidden)
            #expect(try await PortalPageTests.get(client, path + "/file", reviewer).status == .forbidden)
            #expect(try await PortalPageTests.post(client, "/staff/batches", "csrf=\(reviewerCSRF)&kind=transcript", reviewer).status == .forbidden)
        }
    }
}

extension StaffPageTests {
    @Test("rules by form: a bad reference is named beside its field; created, withdrawn (learners no longer see it), published; a used rule cannot be deleted")
    func rulesByForm() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let (admin, csrf) = try await Self.staffSignIn(client, "admin")
            #expect(try await PortalPageTests.get(client, "/staff/rules", admin).text.contains("202201240004"))
            let base = "csrf=\(csrf)&code=R-2026-01&name=%E6%B5%8B%E8%AF%95&target=OUC%3AOU-CS-0101&credits=3&ratio=80&published=yes"
            let unknown = try await PortalPageTests.post(client, "/staff/rules", base + "&sources=NEEA%3ANOPE", admin)
            #expect(unknown.status == .unprocessableContent && unknown.text.contains(#"id="r-sources-problem""#) && unknown.text.contains("NEEA:NOPE"))
            #expect(unknown.text.contains(#"value="R-2026-01""#), "the form keeps what was typed")
            let created = try await PortalPageTests.post(client, "/staff/rules", base + "&sources=NEEA%3ANCRE-1&minScore=70", admin)
            #expect(created.status == .seeOther)
            let rule = try #require(try await bank.service.searchRules(query: "R-2026-01", publishedOnly: false, page: try PageRequest()).items.first)
            #expect(rule.published && rule.grantedCredits == Credits("2.4") && rule.sources.first?.minimumScore == 70)
            #expect(try await PortalPageTests.post(client, "/staff/rules", base + "&sources=NEEA%3ANCRE-1", admin).status == .conflict)

            let withdrawn = try await PortalPageTests.post(client, "/staff/rules/\(rule.id)/publish", "csrf=\(csrf)&published=no", admin)
            #expect(withdrawn.status == .seeOther)
            #expect(try await client.request(.get, "/rules/\(rule.id)").status == .notFound, "learners no longer see it")
            _ = try await PortalPageTests.post(client, "/staff/rules/\(rule.id)/publish", "csrf=\(csrf)&published=yes", admin)
            #expect(try await client.request(.get, "/rules/\(rule.id)").status == .ok)

            // The fixture's rule has an application: it cannot be deleted; the new one can.
            let token = try await client.login(ServerFixture.learnerIDs[0], ServerFixture.learnerPassword)
            _ = try await bank.submittedApplication(client, token: token)
            let used = try await PortalPageTests.post(client, "/staff/rules/\(bank.rule.id)/delete", "csrf=\(csrf)", admin)
            #expect(used.status == .conflict && used.text.contains("withdraw it instead"))
            #expect(try await PortalPageTests.post(client, "/staff/rules/\(rule.id)/delete", "csrf=\(csrf)", admin).status == .seeOther)
            #expect(try await client.request(.get, "/rules/\(rule.id)").status == .notFound)
            let (reviewer, reviewerCSRF) = try await Self.staffSignIn(client, "ouc-reviewer")
            #expect(try await PortalPageTests.get(client, "/staff/rules", reviewer).status == .forbidden)
            #expect(try await PortalPageTests.post(client, "/staff/rules/\(bank.rule.id)/publish", "csrf=\(reviewerCSRF)&published=no", reviewer).status == .forbidden)
            let audit = try await PortalPageTests.get(client, "/staff/audit?action=rule-change", admin)
            #expect(audit.text.contains("共 4 条"), "created, withdrawn, published, deleted")
        }
    }
}

extension StaffPageTests {
    @Test("accounts: created with a one-time password that must be changed first; reset; disabled accounts sign in no more")
    func accounts() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let (admin, csrf) = try await Self.staffSignIn(client, "admin")
            let noInstitution = try await PortalPageTests.post(client, "/staff/accounts", "csrf=\(csrf)&username=ouc-2&role=institution&institutionCode=", admin)
            #expect(noInstitution.status == .unprocessableContent && noInstitution.text.contains(#"id="a-institution-problem""#))
            #expect(noInstitution.text.contains(#"value="ouc-2""#))
            let taken = try await PortalPageTests.post(client, "/staff/accounts", "csrf=\(csrf)&username=expert&role=expert", admin)
            #expect(taken.status == .conflict)
            let created = try await PortalPageTests.post(
                client, "/staff/accounts", "csrf=\(csrf)&username=ouc-2&displayName=%E5%AE%A1%E6%A0%B8%E4%BA%8C&role=institution&institutionCode=OUC", admin)
            let password = try #require(created.text.firstMatch(of: /id="one-time-password">([A-Za-z0-9]{12})</)?.output.1)
            let again = try await PortalPageTests.get(client, "/staff/accounts", admin)
            #expect(!again.text.contains(String(password)), "shown once")

            // The first sign-in leads to the password form, from every page, until it is changed.
            let signedIn = try await client.request(.post, "/staff/login", body: "login=ouc-2&password=\(password)")
            let cookie = try #require(PageTests.cookie(signedIn))
            let home = try await client.request(.get, "/staff/recognitions", headers: [.cookie: cookie])
            #expect(home.status == .seeOther && home.headers[.location] == "/staff/password")
            let form = try await client.request(.get, "/staff/password", headers: [.cookie: cookie])
            let ownCSRF = try #require(PageTests.csrf(form.text))
            #expect(form.text.contains(#"id="password-required""#))
            let changed = try await PortalPageTests.post(
                client, "/staff/password", "csrf=\(ownCSRF)&oldPassword=\(password)&newPassword=Review2027x&newPassword2=Review2027x", cookie)
            #expect(changed.status == .seeOther)
            #expect(try await client.request(.get, "/staff/recognitions", headers: [.cookie: cookie]).status == .ok)

            // Reset: a new one-time password, the old sessions end.
            let member = try #require(try await bank.service.storage.read { db in try db.staff(username: "ouc-2") })
            let reset = try await PortalPageTests.post(client, "/staff/accounts/\(member.id)/reset", "csrf=\(csrf)", admin)
            #expect(reset.text.contains(#"id="one-time-password""#))
            #expect(try await client.request(.get, "/staff/recognitions", headers: [.cookie: cookie]).status == .seeOther)

            // Disable: no more sign-in; enable again.
            #expect(try await PortalPageTests.post(client, "/staff/accounts/\(member.id)/disable", "csrf=\(csrf)&disabled=yes", admin).status == .seeOther)
            let refused = try await client.request(.post, "/staff/login", body: "login=ouc-2&password=Review2027x")
            #expect(refused.status == .unauthorized)
            let adminMember = try #require(try await bank.service.storage.read { db in try db.staff(username: "admin") })
            #expect(try await PortalPageTests.post(client, "/staff/accounts/\(adminMember.id)/disable", "csrf=\(csrf)&disabled=yes", admin).status == .forbidden)
            let (reviewer, reviewerCSRF) = try await Self.staffSignIn(client, "ouc-reviewer")
            #expect(try await PortalPageTests.get(client, "/staff/accounts", reviewer).status == .forbidden)
            #expect(try await PortalPageTests.post(client, "/staff/accounts/\(member.id)/reset", "csrf=\(reviewerCSRF)", reviewer).status == .forbidden)
            #expect(try await PortalPageTests.get(client, "/staff/audit?action=account-change", admin).text.contains("共 3 条"))
        }
    }
}

extension StaffPageTests {
    @Test("the initial review sees the source outcomes' proof and attaches its material; not after deciding, not another institution, not an expert")
    func initialReviewMaterial() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let token = try await client.login(ServerFixture.learnerIDs[0], ServerFixture.learnerPassword)
            let (outcome, application) = try await bank.submittedApplication(client, token: token)
            let proof = try #require(
                try await client.request(.post, "/api/v1/me/outcomes/\(outcome)/evidence", token: token, bytes: pngBytes).json["id"] as? Int)
            let (reviewer, csrf) = try await Self.staffSignIn(client, "ouc-reviewer")
            let case_ = try await PortalPageTests.get(client, "/staff/conversions/\(application)", reviewer)
            #expect(case_.text.contains(#"href="/staff/evidence/\#(proof)""#) && case_.text.contains(#"id="attach-material""#))
            #expect(try await PortalPageTests.get(client, "/staff/evidence/\(proof)", reviewer).bytes == pngBytes, "the source's proof, though NEEA issued it")
            let (eld, eldCSRF) = try await Self.staffSignIn(client, "eld-reviewer")
            #expect(try await PortalPageTests.get(client, "/staff/evidence/\(proof)", eld).status == .notFound)
            let (material, type) = PortalPageTests.multipart(Array("%PDF-1.4\n%%EOF\n".utf8))
            func attach(_ cookie: String, _ token: String) async throws -> TestResponse {
                try await client.request(
                    .post, "/staff/conversions/\(application)/material?csrf=\(token)", bytes: material, headers: [.cookie: cookie, .contentType: type])
            }
            #expect(try await attach(eld, eldCSRF).status == .notFound)
            let (expert, expertCSRF) = try await Self.staffSignIn(client, "expert")
            #expect(try await attach(expert, expertCSRF).status == .forbidden)
            #expect(try await attach(reviewer, csrf).status == .seeOther)
            let after = try await PortalPageTests.get(client, "/staff/conversions/\(application)?done=material", reviewer)
            #expect(after.text.contains("已上传初审材料") && !after.text.contains(#"id="no-material""#))
            _ = try await PortalPageTests.post(client, "/staff/conversions/\(application)", "csrf=\(csrf)&decision=approve&opinion=ok", reviewer)
            #expect(try await attach(reviewer, csrf).status == .conflict)
        }
    }
}

extension StaffPageTests {
    @Test("the staff API refuses an account with a one-time password until it is changed through the API")
    func apiOneTimePassword() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let (admin, csrf) = try await Self.staffSignIn(client, "admin")
            let created = try await PortalPageTests.post(client, "/staff/accounts", "csrf=\(csrf)&username=api-expert&role=expert", admin)
            let password = try #require(created.text.firstMatch(of: /id="one-time-password">([A-Za-z0-9]{12})</)?.output.1)
            let token = try await client.login("api-expert", String(password))
            let refused = try await client.request(.get, "/api/v1/reviews/conversions?stage=final", token: token)
            #expect(refused.status == .forbidden && refused.errorCode == "password-change-required")
            let changed = try await client.request(
                .put, "/api/v1/me/password", token: token, json: #"{"oldPassword": "\#(password)", "newPassword": "Expert2027x"}"#)
            #expect(changed.status == .noContent)
            #expect(try await client.request(.get, "/api/v1/reviews/conversions?stage=final", token: token).status == .ok)
        }
    }
}
