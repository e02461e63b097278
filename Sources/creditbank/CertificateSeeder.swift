import CreditBankCore
import ArgumentParser
import Foundation

/// Issues real conversion certificates through the service (register, outcome, application, two
/// approvals), for the crash test and the batch benchmark.
struct CertificateSeeder {
    let service: CreditBankService

    /// Creates the institutions, catalog and rule the certificates need (once per database).
    func seedReferenceData() async throws {
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
    }

    /// Whether the reference data is there.
    func isSeeded() async throws -> Bool {
        try await service.storage.read { db in try db.rule(code: Self.ruleCode) != nil }
    }

    static let ruleCode = "202201240004"

    /// Who approves and what is converted: the rule 202201240004, its first source entry, and a
    /// reviewer of its target institution and an expert (made here when the database has none of
    /// the seeder's own, as on a demo database).
    struct Context: Sendable {
        var reviewer: StaffMember, expert: StaffMember, rule: ConversionRule, source: CatalogEntry
    }

    /// Reads (and completes) what every certificate needs.
    /// - Throws: `CLIError` saying what is missing and what to do.
    func context() async throws -> Context {
        let found = try await service.storage.read { db -> (ConversionRule, CatalogEntry, Institution)? in
            guard let rule = try db.rule(code: Self.ruleCode), let first = rule.sources.first,
                let source = try db.catalogEntry(first.catalogEntryID), let target = try db.catalogEntry(rule.targetCatalogEntryID),
                let institution = try db.institution(target.institutionID)
            else { return nil }
            return (rule, source, institution)
        }
        guard let (rule, source, targetInstitution) = found else {
            throw CLIError(
                "this database has a rule \(Self.ruleCode) without its catalog entries; seed certificates on an empty or a demo database")
        }
        let reviewer = try await staff("seed-reviewer", role: "institution", institution: targetInstitution.code)
        let expert = try await staff("seed-expert", role: "expert", institution: nil)
        return Context(reviewer: reviewer, expert: expert, rule: rule, source: source)
    }

    private func staff(_ username: String, role: String, institution: String?) async throws -> StaffMember {
        if let existing = try await service.storage.read({ db in try db.staff(username: username) }) { return existing }
        return try await service.addStaff(
            username: username, displayName: username, role: role, institutionCode: institution, passwordHash: "-")
    }

    private static let surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"]
    private static let givenNames = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞"]

    /// Issues one certificate to a new learner; returns the document.
    func issueOne(index: Int, in context: Context) async throws -> IssuedDocument {
        let (reviewer, expert, rule, ncre) = (context.reviewer, context.expert, context.rule, context.source)
        let random = SystemRandomSource()
        while true {
            let digits =
                "4401061990" + String(format: "%04d", Int.random(in: 101...1228)).prefix(4) + AccountNumbers.digits(3, using: random)
            let id = IDCardNumber.completing(String(digits))
            let phone = "13" + AccountNumbers.digits(9, using: random)
            let name = Self.surnames[index % Self.surnames.count] + Self.givenNames[(index / Self.surnames.count) % Self.givenNames.count]
            guard let learner = try? await service.register(.init(name: name, idNumber: id, phone: phone), passwordHash: "-") else {
                continue
            }
            let outcome = try await service.addOutcome(
                CatalogChoice(catalogEntryID: ncre.id, obtainedOn: "2025-06-01", score: Double(60 + index % 40)), for: learner.id)
            let application = try await service.submitConversion(outcomeIDs: [outcome.id], ruleID: rule.id, for: learner.id)
            _ = try await service.reviewConversion(application.id, decision: .approve, opinion: "", by: reviewer)
            let final = try await service.reviewConversion(application.id, decision: .approve, opinion: "", by: expert)
            guard let certificate = final.certificateID else { throw CLIError("application \(application.id) succeeded without a certificate") }
            return try await service.pdf(of: certificate, holder: learner.id).0
        }
    }

    /// Issues `count` certificates, `parallel` at a time.
    func issue(count: Int, parallel: Int = 4) async throws {
        let context = try await context()
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = 0
            while next < min(parallel, count) {
                let index = next
                group.addTask { _ = try await issueOne(index: index, in: context) }
                next += 1
            }
            for try await _ in group where next < count {
                let index = next
                group.addTask { _ = try await issueOne(index: index, in: context) }
                next += 1
            }
        }
    }
}

/// `creditbank seed-certificates`: issues many certificates on a database (tests and benchmarks).
struct SeedCertificatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed-certificates", abstract: "Issue conversion certificates to new learners (tests, benchmarks).",
        shouldDisplay: false)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var resources: ResourceOptions
    @Option(help: "Certificates to issue.")
    var count: Int

    func run() async throws {
        let service = try await database.service(resources: resources, makeSeal: true)
        let seeder = CertificateSeeder(service: service)
        if try await !seeder.isSeeded() { try await seeder.seedReferenceData() }
        let started = Date()
        try await seeder.issue(count: count)
        print(String(format: "issued %d certificates in %.1f s", count, Date().timeIntervalSince(started)))
    }
}
