import CreditBankCore
import CreditBankStore
import Foundation
import Testing

/// What enters is what prints, and an achievement counts once: values holding a character no font
/// has are refused where they enter, naming the field and the code point; the same catalog outcome
/// twice is a conflict naming the existing one; a render failure at final approval changes nothing.
@Suite("Entry checks: printable values, no double credit, render failures")
struct EntryCheckTests {
    /// U+30123 (CJK Extension G): no font prints it (the fixture's fake renderer has nothing of plane 3).
    static let unprintable = "\u{30123}"

    static func expectRefused(field: String, _ body: () async throws -> Void) async {
        await #expect {
            try await body()
        } throws: { error in
            guard case .invalid(let named, let reason) = error as? CreditBankError else { return false }
            return named == field && reason.contains("U+30123") && reason.contains(unprintable)
        }
    }

    @Test("registration, manual outcomes, catalog entries, rules and institutions refuse an unprintable character, naming field and code point", arguments: Backend.all)
    func unprintableRefused(backend: Backend) async throws {
        let f = try await Fixture(backend: backend)
        let before = (try await f.count("learner"), try await f.count("outcome"), try await f.count("catalog_entry"), try await f.count("conversion_rule"))
        await Self.expectRefused(field: "name") {
            _ = try await f.service.register(
                .init(name: "王" + Self.unprintable, idNumber: Fixture.validIDs[0], phone: "13700137000"), passwordHash: "x")
        }
        let manual = ManualOutcome(category: "non-academic", subtype: "training", name: "书法", issuer: "老年大学", obtainedOn: "2026-01-01")
        for (field, edit) in [
            ("name", { (m: inout ManualOutcome) in m.name += Self.unprintable }),
            ("issuer", { (m: inout ManualOutcome) in m.issuer += Self.unprintable }),
            ("certificateNumber", { (m: inout ManualOutcome) in m.certificateNumber = "No." + Self.unprintable }),
        ] {
            var bad = manual
            edit(&bad)
            await Self.expectRefused(field: field) { _ = try await f.service.addOutcome(bad, for: f.learner.id) }
        }
        await Self.expectRefused(field: "certificateNumber") {
            _ = try await f.service.addOutcome(
                CatalogChoice(catalogEntryID: f.ncre.id, certificateNumber: Self.unprintable), for: f.learner.id)
        }
        await Self.expectRefused(field: "name") {
            _ = try await f.service.addCatalogEntry(
                .init(institutionCode: "OUC", category: "academic", subtype: "course", name: "古文字" + Self.unprintable, code: "G1", credits: 1),
                by: .admin)
        }
        await Self.expectRefused(field: "name") {
            _ = try await f.service.addRule(
                .init(code: "R-G1", name: "规则" + Self.unprintable, sources: [.init(catalogEntryID: f.ncre.id)], targetCatalogEntryID: f.course.id, credits: 1))
        }
        await Self.expectRefused(field: "name") {
            _ = try await f.service.addInstitution(code: "GUW", name: "古文字研究院" + Self.unprintable, kind: "open-university")
        }
        let after = (try await f.count("learner"), try await f.count("outcome"), try await f.count("catalog_entry"), try await f.count("conversion_rule"))
        #expect(after == before, "nothing was written")
    }

    @Test("a catalog import reports an unprintable character on its line with field and code point, and imports nothing", arguments: Backend.all)
    func importLineReport(backend: Backend) async throws {
        let f = try await Fixture(backend: backend)
        let table = try CSVTable(
            "institutionCode,category,subtype,name,code,credits\nOUC,academic,course,大学英语,E1,3\nOUC,academic,course,古文\(Self.unprintable),E2,3\n")
        await #expect {
            try await f.service.importCatalog(ImportCSV.catalog(table))
        } throws: { error in
            guard let failure = error as? ImportFailure, failure.problems.count == 1, let problem = failure.problems.first else { return false }
            return problem.line == 3 && problem.field == "name" && problem.message.contains("U+30123")
        }
        #expect(try await f.service.searchCatalog(query: "大学英语", institutionCode: nil, page: PageRequest()).total == 0)
    }

    @Test("the same catalog outcome twice — same certificate number, or none on the same day — is a conflict naming the first; other days and numbers are new achievements", arguments: Backend.all)
    func noDoubleCredit(backend: Backend) async throws {
        let f = try await Fixture(backend: backend)
        let first = try await f.service.addOutcome(CatalogChoice(catalogEntryID: f.ncre.id, obtainedOn: "2026-06-01"), for: f.learner.id)
        await #expect(throws: CreditBankError.conflict(
            "“全国计算机等级考试一级证书” with no certificate number and the date 2026-06-01 is already your outcome \(first.id); the same achievement counts its credits once"
        )) {
            try await f.service.addOutcome(CatalogChoice(catalogEntryID: f.ncre.id, obtainedOn: "2026-06-01"), for: f.learner.id)
        }
        let numbered = try await f.service.addOutcome(
            CatalogChoice(catalogEntryID: f.ncre.id, obtainedOn: "2026-07-01", certificateNumber: "NCRE-7"), for: f.learner.id)
        await #expect {
            try await f.service.addOutcome(
                CatalogChoice(catalogEntryID: f.ncre.id, obtainedOn: "2026-08-01", certificateNumber: "NCRE-7"), for: f.learner.id)
        } throws: { error in
            guard case .conflict(let message) = error as? CreditBankError else { return false }
            return message.contains("certificate number NCRE-7") && message.contains("outcome \(numbered.id)")
        }
        // A new day without a number, another number, or another learner: new achievements.
        _ = try await f.service.addOutcome(CatalogChoice(catalogEntryID: f.ncre.id, obtainedOn: "2026-06-02"), for: f.learner.id)
        _ = try await f.service.addOutcome(
            CatalogChoice(catalogEntryID: f.ncre.id, obtainedOn: "2026-07-01", certificateNumber: "NCRE-8"), for: f.learner.id)
        _ = try await f.service.addOutcome(CatalogChoice(catalogEntryID: f.ncre.id, obtainedOn: "2026-06-01"), for: f.otherLearner.id)
        let summary = try await f.service.summary(of: f.learner.id)
        #expect(summary.outcomeCounts[.stored] == 4 && summary.totalCredits == Credits(8))
    }

    @Test("an outcome entered by hand must give its subtype's required fields", arguments: Backend.all)
    func requiredFields(backend: Backend) async throws {
        let f = try await Fixture(backend: backend)
        let subtype = try #require(SubtypeRegistry.standard.subtypes.first { $0.fields.contains { $0.required } })
        let required = try #require(subtype.fields.first { $0.required })
        let manual = ManualOutcome(
            category: subtype.category.rawValue, subtype: subtype.code, name: "某证书", issuer: "某机构", obtainedOn: "2026-01-01")
        await #expect(throws: CreditBankError.invalid(field: "attributes.\(required.key)", reason: "\(required.label) is required")) {
            try await f.service.addOutcome(manual, for: f.learner.id)
        }
        var complete = manual
        for field in subtype.fields where field.required { complete.attributes[field.key] = "X-2026-0001" }
        #expect(try await f.service.addOutcome(complete, for: f.learner.id).status == .registered)
    }
}
