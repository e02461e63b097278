import CreditBankCore
@testable import CreditBankServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The console's imports: a preview that names every bad line and stores nothing, then the commit;
/// an institution's outcome list stored in its learners' accounts, opening accounts to activate.
@Suite("Imports in the console")
struct ImportPageTests {
    static func upload(_ client: Client, kind: String, institution: String = "", csv: String, cookie: String, csrf: String) async throws
        -> TestResponse
    {
        let (body, type) = PortalPageTests.multipart(
            Array(csv.utf8), fields: [("kind", kind), ("institutionCode", institution)], fileName: "list.csv", contentType: "text/csv")
        return try await client.request(.post, "/staff/imports?csrf=\(csrf)", bytes: body, headers: [.cookie: cookie, .contentType: type])
    }

    static func sha(_ html: String) -> String? {
        html.firstMatch(of: /name="sha256" value="([0-9a-f]{64})"/).map { String($0.output.1) }
    }

    @Test("a rules file with a bad line is refused line by line, nothing stored; corrected, previewed, committed")
    func rules() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let (admin, csrf) = try await StaffPageTests.staffSignIn(client, "admin")
            let header = "规则编码,规则名称,源成果,目标成果,学分,转换比例\n"
            let good = "R-IMP-1,一级转基础,NEEA:NCRE-1,OUC:OU-CS-0101,3,80\n"
            let bad = "R-IMP-2,坏规则,NEEA:NOPE,OUC:OU-CS-0101,3,80\n"
            let refused = try await Self.upload(client, kind: "rules", csv: header + good + bad, cookie: admin, csrf: csrf)
            #expect(refused.status == .unprocessableContent && refused.text.contains(#"id="import-problems""#))
            #expect(refused.text.contains("<td>3</td><td>sources</td>") && refused.text.contains("NEEA:NOPE") && Self.sha(refused.text) == nil)
            #expect(try await bank.service.searchRules(query: "R-IMP", publishedOnly: false, page: try PageRequest()).total == 0)
            let preview = try await Self.upload(client, kind: "rules", csv: header + good, cookie: admin, csrf: csrf)
            #expect(preview.status == .ok && preview.text.contains("新增 1 条"))
            #expect(try await bank.service.searchRules(query: "R-IMP", publishedOnly: false, page: try PageRequest()).total == 0, "a preview stores nothing")
            let sha = try #require(Self.sha(preview.text))
            let committed = try await PortalPageTests.post(client, "/staff/imports/commit", "csrf=\(csrf)&kind=rules&sha256=\(sha)", admin)
            #expect(committed.status == .ok && committed.text.contains(#"id="import-done""#))
            #expect(try await bank.service.searchRules(query: "R-IMP", publishedOnly: false, page: try PageRequest()).total == 1)
            let gone = try await PortalPageTests.post(client, "/staff/imports/commit", "csrf=\(csrf)&kind=rules&sha256=\(String(repeating: "0", count: 64))", admin)
            #expect(gone.status == .unprocessableContent && gone.text.contains("upload it again"))
            #expect(try await PortalPageTests.get(client, "/staff/audit?action=rule-import", admin).text.contains("共 1 条"))
        }
    }

    @Test("an institution's outcome list: existing learners get the outcome, a new one an account to activate; every row's fate; twice changes nothing")
    func institutionOutcomes() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let newcomer = IDCardNumber.completing("11010119930101003")
            let header = "身份证号,姓名,成果编码,获得日期,成绩,证书编号\n"
            let rows = "\(ServerFixture.learnerIDs[0]),阿卜杜热合曼·买买提,OU-CS-0101,2026-01-10,88,OU-2026-001\n\(newcomer),王芳,OU-CS-0101,2026-01-10,90,OU-2026-002\n"
            let (reviewer, csrf) = try await StaffPageTests.staffSignIn(client, "ouc-reviewer")
            let form = try await PortalPageTests.get(client, "/staff/imports", reviewer)
            #expect(form.text.contains(#"value="outcomes""#) && !form.text.contains(#"value="catalog""#) && !form.text.contains("ELD"))
            let misnamed = try await Self.upload(
                client, kind: "outcomes", institution: "OUC", csv: header + "\(ServerFixture.learnerIDs[0]),别人,OU-CS-0101,2026-01-10,,\n", cookie: reviewer, csrf: csrf)
            #expect(misnamed.status == .unprocessableContent && misnamed.text.contains("<td>2</td><td>learnerName</td>"))
            let preview = try await Self.upload(client, kind: "outcomes", institution: "OUC", csv: header + rows, cookie: reviewer, csrf: csrf)
            #expect(preview.status == .ok && preview.text.contains("待激活") && preview.text.contains("阿卜杜热合曼·买买提"))
            #expect(try await bank.service.storage.read { db in try db.learner(idNumber: newcomer) } == nil, "a preview opens no account")
            let sha = try #require(Self.sha(preview.text))
            let done = try await PortalPageTests.post(client, "/staff/imports/commit", "csrf=\(csrf)&kind=outcomes&institutionCode=OUC&sha256=\(sha)", reviewer)
            #expect(done.status == .ok && done.text.contains("2 项成果存入"))
            let mine = try await bank.service.outcomes(of: bank.learner.id).map(\.outcome)
            #expect(mine.contains { $0.source == .institution && $0.certificateNumber == "OU-2026-001" && $0.status == .stored })
            let opened = try #require(try await bank.service.storage.read { db in try db.learner(idNumber: newcomer) })
            #expect(!opened.isActive && opened.name.value == "王芳")
            #expect(try await bank.service.outcomes(of: opened.id).count == 1)
            #expect(try await bank.service.messages(of: bank.learner.id).contains { $0.text.contains("国家开放大学为您存入成果") })
            let again = try await PortalPageTests.post(client, "/staff/imports/commit", "csrf=\(csrf)&kind=outcomes&institutionCode=OUC&sha256=\(sha)", reviewer)
            #expect(again.text.contains("0 项成果存入") && again.text.contains("已有此成果"))

            // Another institution's reviewer cannot import for OUC; a reviewer imports no catalog; experts nothing.
            let (eld, eldCSRF) = try await StaffPageTests.staffSignIn(client, "eld-reviewer")
            #expect(try await Self.upload(client, kind: "outcomes", institution: "OUC", csv: header + rows, cookie: eld, csrf: eldCSRF).status == .forbidden)
            #expect(try await Self.upload(client, kind: "catalog", csv: "a\n1\n", cookie: reviewer, csrf: csrf).status == .forbidden)
            let (expert, _) = try await StaffPageTests.staffSignIn(client, "expert")
            #expect(try await PortalPageTests.get(client, "/staff/imports", expert).status == .forbidden)
        }
    }
}
