import ArgumentParser
import CreditBankCore
import CreditBankStore
import Foundation

/// `creditbank crash-worker`: issues conversion certificates in a loop for the crash test, which
/// kills it with SIGKILL at random moments. After each final approval returns, the document's id,
/// code and hash are appended to `--log` and fsync'd: those documents must survive the kill.
struct CrashWorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crash-worker", abstract: "Issue certificates in a loop (for the crash test).", shouldDisplay: false)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var resources: ResourceOptions
    @Option(help: "File to which every acknowledged document is appended.")
    var log: String
    @Flag(help: "Only create the institutions, catalog, rule and reviewers, then exit.")
    var seed = false

    func run() async throws {
        let (service, _) = try database.service(resources: resources, threads: 1)
        if seed {
            _ = try await service.addInstitution(code: "NEEA", name: "教育部教育考试院", kind: "certification-body")
            _ = try await service.addInstitution(code: "OUC", name: "国家开放大学", kind: "open-university")
            let source = try await service.addCatalogEntry(
                .init(
                    institutionCode: "NEEA", category: "non-academic", subtype: "professional-qualification", name: "全国计算机等级考试一级证书",
                    code: "NCRE-1", credits: 2), by: .admin)
            let target = try await service.addCatalogEntry(
                .init(institutionCode: "OUC", category: "academic", subtype: "course", name: "计算机应用基础", code: "OU-0101", credits: 4),
                by: .admin)
            _ = try await service.addRule(
                .init(
                    code: "202201240004", name: "计算机等级考试一级转换计算机应用基础", sources: [.init(catalogEntryID: source.id)],
                    targetCatalogEntryID: target.id, credits: 4))
            _ = try await service.addStaff(
                username: "reviewer", displayName: "审核员", role: "institution", institutionCode: "OUC", passwordHash: "-")
            _ = try await service.addStaff(username: "expert", displayName: "专家", role: "expert", institutionCode: nil, passwordHash: "-")
            return
        }
        let (reviewer, expert, rule, ncre) = try await service.storage.read { db in
            (
                try db.staff(username: "reviewer")!, try db.staff(username: "expert")!, try db.rule(code: "202201240004")!,
                try db.catalogEntry(institution: db.institution(code: "NEEA")!.id, code: "NCRE-1")!
            )
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try handle.seekToEnd()
        let random = SystemRandomSource()
        while true {
            let digits =
                "4401061990" + String(format: "%04d", Int.random(in: 101...1228)).prefix(4) + AccountNumbers.digits(3, using: random)
            let id = IDCardNumber.completing(String(digits))
            let phone = "13" + AccountNumbers.digits(9, using: random)
            guard let learner = try? await service.register(.init(name: "测试学员", idNumber: id, phone: phone), passwordHash: "-") else {
                continue
            }
            let outcome = try await service.addOutcome(
                CatalogChoice(catalogEntryID: ncre.id, obtainedOn: "2025-06-01", score: 80), for: learner.id)
            let application = try await service.submitConversion(outcomeIDs: [outcome.id], ruleID: rule.id, for: learner.id)
            _ = try await service.reviewConversion(application.id, decision: .approve, opinion: "", by: reviewer)
            let final = try await service.reviewConversion(application.id, decision: .approve, opinion: "", by: expert)
            let (document, _) = try await service.pdf(of: final.certificateID!, holder: learner.id)
            handle.write(Data("\(document.id) \(document.code.canonical) \(document.sha256)\n".utf8))
            try handle.synchronize()
        }
    }
}
