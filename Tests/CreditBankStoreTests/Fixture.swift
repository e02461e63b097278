import CreditBankCore
import CreditBankStore
import Foundation
import GRDB
import Synchronization
import Testing

/// A renderer that returns the snapshot wrapped as fake PDF bytes, and can be told to fail.
final class FakeRenderer: DocumentRendering {
    let failing = Mutex(false)
    /// Simpler than the prepared fonts: nothing of plane 3 (CJK Extensions G and H, U+30000…) prints.
    let coverage = GlyphCoverage(ranges: [0...0x2FFFF, 0x40000...0x10FFFF])
    func render(kind: DocumentKind, language: DocumentLanguage, snapshot: [UInt8]) async throws -> RenderedPDF {
        if failing.withLock({ $0 }) { throw FakeRenderFailure() }
        return RenderedPDF(
            bytes: Array("%PDF-fake \(kind.rawValue) ".utf8) + snapshot, templateName: "\(kind.rawValue).\(language.rawValue)",
            templateVersion: 1)
    }
}

/// What the real renderer throws for a character no font has (not a `CreditBankError`).
struct FakeRenderFailure: Error, CustomStringConvertible {
    var description: String { "no font in Fonts/ can draw '\u{30123}' (U+30123) in \"王\u{30123}\"" }
}

/// A fresh in-memory bank with two institutions, staff of every role, a catalog, one rule and a learner.
struct Fixture {
    let storage: any TestStorage
    let service: CreditBankService
    let clock: TestClock
    let renderer: FakeRenderer
    let admin: StaffMember, reviewer: StaffMember, otherReviewer: StaffMember, expert: StaffMember
    let ncre: CatalogEntry, course: CatalogEntry, elderly: CatalogEntry
    let rule: ConversionRule
    let learner: Learner, otherLearner: Learner

    static let validIDs = ["11010519491231002X", "650102199001011234", "440106198502280019"].map(completeID)

    /// Appends the right check character to 17 digits (or fixes an 18-character number's).
    static func completeID(_ text: String) -> String {
        IDCardNumber.completing(String(text.prefix(17)))
    }

    init(backend: Backend = .sqlite, renderer: any DocumentRendering = FakeRenderer(), storage: (any TestStorage)? = nil) async throws {
        let made: any TestStorage
        if let storage { made = storage } else { made = try await backend.makeStorage() }
        let storage = made
        let clock = TestClock(day: LocalDate("2026-11-22")!)
        let fake = renderer as? FakeRenderer ?? FakeRenderer()
        let service = CreditBankService(
            storage: storage, renderer: renderer, clock: clock, random: SeededRandomSource(seed: 42),
            settings: .init(issuerName: "学分银行管理中心", baseURL: "https://bank.example.cn"))
        self.storage = storage
        self.service = service
        self.clock = clock
        self.renderer = fake
        _ = try await service.addInstitution(code: "NEEA", name: "教育部教育考试院", kind: "certification-body")
        _ = try await service.addInstitution(code: "OUC", name: "国家开放大学", kind: "open-university")
        _ = try await service.addInstitution(code: "ELD", name: "老年大学", kind: "elderly-education")
        admin = try await service.addStaff(username: "admin", displayName: "管理员", role: "admin", institutionCode: nil, passwordHash: "x")
        reviewer = try await service.addStaff(
            username: "ouc-reviewer", displayName: "国开审核员", role: "institution", institutionCode: "OUC", passwordHash: "x")
        otherReviewer = try await service.addStaff(
            username: "eld-reviewer", displayName: "老年大学审核员", role: "institution", institutionCode: "ELD", passwordHash: "x")
        expert = try await service.addStaff(username: "expert", displayName: "专家", role: "expert", institutionCode: nil, passwordHash: "x")
        ncre = try await service.addCatalogEntry(
            .init(
                institutionCode: "NEEA", category: "non-academic", subtype: "professional-qualification", name: "全国计算机等级考试一级证书",
                code: "NCRE-1", credits: 2),
            by: .admin)
        course = try await service.addCatalogEntry(
            .init(
                institutionCode: "OUC", category: "academic", subtype: "course", name: "计算机应用基础", code: "OU-CS-0101", credits: 4, hours: 72,
                major: "计算机"),
            by: .admin)
        elderly = try await service.addCatalogEntry(
            .init(institutionCode: "ELD", category: "non-academic", subtype: "training", name: "老年教育课程", code: "LNJY-01", credits: 1),
            by: .admin)
        rule = try await service.addRule(
            .init(
                code: "202201240004", name: "全国计算机等级考试一级证书转换计算机应用基础", sources: [.init(catalogEntryID: ncre.id, minimumScore: 60)],
                targetCatalogEntryID: course.id, credits: 4, ratio: 80))
        learner = try await service.register(.init(name: "阿卜杜热合曼·买买提", idNumber: Self.validIDs[1], phone: "13800138000"), passwordHash: "x")
        otherLearner = try await service.register(.init(name: "𠮷田", idNumber: Self.validIDs[2], phone: "13900139000"), passwordHash: "x")
    }

    /// A small file that passes the evidence check as a PDF.
    static let pdfBytes = Array("%PDF-1.4\n% evidence\n%%EOF\n".utf8)

    /// The learner's stored NCRE outcome with a passing score.
    func storedNCRE(score: Double = 86, for learner: LearnerID? = nil) async throws -> Outcome {
        try await service.addOutcome(
            CatalogChoice(catalogEntryID: ncre.id, obtainedOn: "2026-06-01", score: score), for: learner ?? self.learner.id)
    }

    /// The SQLite database (tests of SQLite itself).
    var sqlite: AppDatabase {
        get throws { try #require(storage as? AppDatabase, "a SQLite test on another backend") }
    }

    /// Counts rows of a table.
    func count(_ table: String) async throws -> Int {
        Int(try await storage.integer("SELECT count(*) FROM \(table)") ?? 0)
    }
}
