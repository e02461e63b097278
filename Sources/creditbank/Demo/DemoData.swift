import CreditBankAccess
import CreditBankCore
import Foundation

/// Builds the demo database: institutions, catalog, rules, staff, learners with outcomes in every
/// status and applications in every state, and a succeeded conversion with its certificate.
struct DemoData {
    let service: CreditBankService

    /// Demo accounts: (role, login, password, what it is for). Listed in README.
    static let accounts: [(role: String, login: String, password: String, note: String)] = [
        ("learner", "13800138000", "Learner2026", "阿卜杜热合曼·买买提: outcomes in every status, a certificate"),
        ("learner", "13900139000", "Learner2026", "欧阳如雪: a stored outcome, no applications"),
        ("admin", "admin", "Admin2026", "bank administrator: revocation, batches, everything"),
        ("institution", "ouc-reviewer", "Review2026", "国家开放大学 reviewer: initial reviews, recognitions"),
        ("institution", "eld-reviewer", "Review2026", "广东老年大学 reviewer"),
        ("expert", "expert", "Expert2026", "review committee: final reviews"),
    ]

    static let learners: [(name: String, id: String, phone: String)] = [
        ("阿卜杜热合曼·买买提", "65010219900101123", "13800138000"),
        ("欧阳如雪", "44010619850228001", "13900139000"),
    ]

    /// Fills an empty database; returns what it made, for printing.
    func build() async throws -> [String] {
        var log: [String] = []
        for institution in DemoCatalog.institutions {
            _ = try await service.addInstitution(code: institution.code, name: institution.name, kind: institution.kind)
        }
        let catalog = try await service.importCatalog(DemoCatalog.entries.enumerated().map { ImportRow(line: $0 + 1, value: $1) })
        log.append("catalog: \(catalog.inserted) entries from \(DemoCatalog.institutions.count) institutions")
        let ruleRows = DemoCatalog.rules.enumerated().map { index, rule in
            let (code, name, source, minimum, target, credits, ratio) = rule
            let s = source.split(separator: ":").map(String.init)
            let t = target.split(separator: ":").map(String.init)
            return ImportRow(
                line: index + 1,
                value: ImportCSV.RuleRow(
                    code: code, name: name, description: name, sources: [(s[0], s[1])], target: (t[0], t[1]), minScore: minimum,
                    credits: credits,
                    ratio: ratio, validFrom: LocalDate("2022-01-24"), validTo: nil, published: true))
        }
        _ = try await service.importRules(ruleRows)
        log.append("rules: \(ruleRows.count)")

        var staff: [String: StaffMember] = [:]
        for account in Self.accounts where account.role != "learner" {
            let institution = account.login == "ouc-reviewer" ? "OUC" : account.login == "eld-reviewer" ? "ELD" : nil
            staff[account.login] = try await service.addStaff(
                username: account.login, displayName: account.note.components(separatedBy: ":")[0], role: account.role,
                institutionCode: institution, passwordHash: Passwords.hash(account.password))
        }
        var learners: [Learner] = []
        for person in Self.learners {
            let id = IDCardNumber.completing(person.id)
            learners.append(
                try await service.register(
                    .init(name: person.name, idNumber: id, phone: person.phone), passwordHash: Passwords.hash("Learner2026")))
        }
        try await outcomesAndApplications(for: learners[0], staff: staff)
        _ = try await service.addOutcome(
            CatalogChoice(catalogEntryID: try entry("OUC", "OU-0202"), obtainedOn: "2024-01-15", score: 91), for: learners[1].id)
        // Accounts 国家开放大学 opened for its students, waiting for activation at /activate (manual 000).
        let ouc = try await service.storage.read { db in try db.require(db.institution(code: "OUC"), "OUC").id }
        for (name, id) in Self.waitingAccounts {
            _ = try await service.createInstitutionAccount(name: name, idNumber: IDCardNumber.completing(id), by: ouc)
        }
        log.append("learners: \(learners.count) (+\(Self.waitingAccounts.count) waiting for activation), staff: \(staff.count)")
        return log
    }

    /// Accounts an institution created (name, first 17 characters of the ID number).
    static let waitingAccounts = [("陈静", "11010119900307001"), ("赵磊", "11010119850512002")]

    func entry(_ institution: String, _ code: String) async throws -> CatalogEntryID {
        try await service.storage.read { db in
            guard let institution = try db.institution(code: institution),
                let entry = try db.catalogEntry(institution: institution.id, code: code)
            else {
                throw CreditBankError.notFound("catalog entry \(institution):\(code)")
            }
            return entry.id
        }
    }

    func rule(_ code: String) async throws -> RuleID {
        try await service.storage.read { db in try db.require(db.rule(code: code), "rule \(code)").id }
    }

    func outcomesAndApplications(for learner: Learner, staff: [String: StaffMember]) async throws {
        func choose(_ institution: String, _ code: String, score: Double?, on day: String) async throws -> Outcome {
            try await service.addOutcome(
                CatalogChoice(catalogEntryID: try entry(institution, code), obtainedOn: day, score: score), for: learner.id)
        }
        let ncre1 = try await choose("NEEA", "NCRE-1", score: 86, on: "2025-06-20")
        _ = try await choose("NEEA", "CET-4", score: nil, on: "2025-08-20")
        let pets = try await choose("NEEA", "PETS-3", score: 72, on: "2025-03-10")
        let ncre2 = try await choose("NEEA", "NCRE-2", score: 64, on: "2025-09-28")
        let elderly = try await choose("ELD", "LNJY-00001", score: nil, on: "2025-11-15")
        _ = try await choose("NEEA", "PRETCO-A", score: 80, on: "2024-12-20")

        // Succeeded, with its certificate.
        let succeeded = try await service.submitConversion(outcomeIDs: [ncre1.id], ruleID: try await rule("202201240004"), for: learner.id)
        _ = try await service.reviewConversion(succeeded.id, decision: .approve, opinion: "与原件一致", by: staff["ouc-reviewer"]!)
        _ = try await service.reviewConversion(succeeded.id, decision: .approve, opinion: "符合规则", by: staff["expert"]!)
        // Awaiting final review.
        let awaiting = try await service.submitConversion(outcomeIDs: [pets.id], ruleID: try await rule("202201240006"), for: learner.id)
        _ = try await service.reviewConversion(awaiting.id, decision: .approve, opinion: "材料齐全", by: staff["ouc-reviewer"]!)
        // Failed at initial review.
        let failed = try await service.submitConversion(outcomeIDs: [ncre2.id], ruleID: try await rule("202201240007"), for: learner.id)
        _ = try await service.reviewConversion(failed.id, decision: .reject, opinion: "证书扫描件不清晰，请重新提交", by: staff["ouc-reviewer"]!)
        // Withdrawn, then submitted again (waiting for initial review).
        let withdrawn = try await service.submitConversion(
            outcomeIDs: [elderly.id], ruleID: try await rule("202201240008"), for: learner.id)
        _ = try await service.withdrawConversion(withdrawn.id, for: learner.id)
        _ = try await service.submitConversion(outcomeIDs: [elderly.id], ruleID: try await rule("202201240008"), for: learner.id)

        // Manual outcomes: registered, recognition requested, stored by recognition, not recognised.
        func manual(_ subtype: String, _ name: String, _ issuer: String, _ day: String) -> ManualOutcome {
            ManualOutcome(category: "informal", subtype: subtype, name: name, issuer: issuer, institutionCode: "OUC", obtainedOn: day)
        }
        _ = try await service.addOutcome(manual("social-service", "社区养老志愿服务 200 小时", "广州市志愿者协会", "2025-05-01"), for: learner.id)
        // Recognition is asked for once the subtype's evidence is uploaded (Templates/outcome-types.yaml).
        func askRecognition(_ outcome: Outcome, proof: String) async throws {
            let file = DemoEvidence.pdf([proof, "Demo evidence for \(outcome.obtainedOn)", "(a scanned proof in a real bank)"])
            _ = try await service.attachEvidence(file, to: .outcome(outcome.id), for: learner.id)
            _ = try await service.requestRecognition(outcome.id, for: learner.id)
        }
        let requested = try await service.addOutcome(manual("work-experience", "国家开放大学工作9年", "国家开放大学", "2024-07-07"), for: learner.id)
        try await askRecognition(requested, proof: "Work certificate")
        let recognised = try await service.addOutcome(manual("competition", "全国职业院校技能大赛二等奖", "教育部", "2023-06-12"), for: learner.id)
        try await askRecognition(recognised, proof: "Award certificate")
        _ = try await service.reviewRecognition(
            recognised.id, decision: .approve, opinion: "获奖证书属实", credits: 3, by: staff["ouc-reviewer"]!)
        let refused = try await service.addOutcome(manual("research", "5G 基站节能研究", "某通信公司", "2022-10-01"), for: learner.id)
        try await askRecognition(refused, proof: "Research report")
        _ = try await service.reviewRecognition(refused.id, decision: .reject, opinion: "缺少成果证明材料", credits: nil, by: staff["admin"]!)
    }
}
