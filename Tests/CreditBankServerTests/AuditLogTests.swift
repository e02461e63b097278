import CreditBankCore
@testable import CreditBankServer
import CreditBankStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The audit log: every staff action is recorded with who, when and what, in the action's own
/// transaction; administrators read, filter and export it; nobody can change it.
@Suite("Audit log")
struct AuditLogTests {
    @Test("decisions, a revocation and a batch are logged; the admin filters and exports; others are refused; rows cannot change")
    func auditLog() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let token = try await client.login(ServerFixture.learnerIDs[0], ServerFixture.learnerPassword)
            let (_, application) = try await bank.submittedApplication(client, token: token)
            let certificate = try await bank.approve(application, client)  // initial by ouc-reviewer, final by expert
            let admin = try await client.staff("admin")
            _ = try await client.request(
                .post, "/api/v1/admin/documents/\(certificate)/revoke", token: admin, json: #"{"reason": "材料不实"}"#)
            let failedRevoke = try await client.request(
                .post, "/api/v1/admin/documents/\(certificate)/revoke", token: admin, json: #"{"reason": "again"}"#)
            #expect(failedRevoke.status == .conflict)

            let (cookie, _) = try await StaffPageTests.staffSignIn(client, "admin")
            let page = try await client.request(.get, "/staff/audit", headers: [.cookie: cookie])
            #expect(page.status == .ok && page.text.contains("共 3 条"), "initial, final and the one revocation that happened")
            #expect(page.text.contains("转换初审") && page.text.contains("转换终审") && page.text.contains("撤销文书"))
            #expect(page.text.contains("(ouc-reviewer)") && page.text.contains("(expert)") && page.text.contains("revoked: 材料不实"))
            let revocations = try await client.request(.get, "/staff/audit?action=revocation", headers: [.cookie: cookie])
            #expect(revocations.text.contains("共 1 条"))
            let byExpert = try await client.request(.get, "/staff/audit?staff=expert", headers: [.cookie: cookie])
            #expect(byExpert.text.contains("共 1 条") && byExpert.text.contains("certificate issued"))
            let unknown = try await client.request(.get, "/staff/audit?staff=nobody", headers: [.cookie: cookie])
            #expect(unknown.status == .unprocessableContent && unknown.text.contains(#"id="staff-problem""#))
            let future = try await client.request(.get, "/staff/audit?from=2030-01-01", headers: [.cookie: cookie])
            #expect(future.text.contains(#"id="no-entries""#))

            let csv = try await client.request(.get, "/staff/audit.csv?action=final-review", headers: [.cookie: cookie])
            #expect(csv.status == .ok && csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.count == 2 && lines[0].hasSuffix("id,time,staff,action,subject,detail") && lines[1].contains("final-review"))
            #expect(AuditLogTests.csvOf("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0" && AuditLogTests.csvOf("a,\"b\"") == "\"a,\"\"b\"\"\"")

            // Not for reviewers, experts or learners.
            let (reviewer, _) = try await StaffPageTests.staffSignIn(client, "ouc-reviewer")
            #expect(try await client.request(.get, "/staff/audit", headers: [.cookie: reviewer]).status == .forbidden)
            #expect(try await client.request(.get, "/staff/audit.csv", headers: [.cookie: reviewer]).status == .forbidden)
            let (learner, _) = try await PageTests.signIn(client, ServerFixture.learnerIDs[1])
            #expect(try await client.request(.get, "/staff/audit", headers: [.cookie: learner]).status == .forbidden)

            // Append-only: the database itself refuses to change or delete a row.
            let database = try #require(bank.service.storage as? AppDatabase)
            await #expect(throws: (any Error).self) {
                try await database.execute { db in try db.execute(sql: "UPDATE audit_log SET detail = 'x'") }
            }
            await #expect(throws: (any Error).self) { try await database.execute { db in try db.execute(sql: "DELETE FROM audit_log") } }
            #expect(try await client.request(.get, "/staff/audit", headers: [.cookie: cookie]).text.contains("共 3 条"))
        }
    }

    static func csvOf(_ text: String) -> String { BankServer.csvField(text) }
}
