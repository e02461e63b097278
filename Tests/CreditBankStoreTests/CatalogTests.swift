import CreditBankCore
import CreditBankStore
import Foundation
import GRDB
import Testing

@Suite("Catalog: publishing, substring search through the index, imports")
struct CatalogTests {
    @Test(
        "any Chinese substring of name, code or institution finds the entry",
        arguments: Backend.all, [
            ("计算机", 2), ("应用基", 1), ("算", 2), ("OU-CS", 1), ("ou cs 0101", 1), ("开放大学", 1), ("考试院", 1), ("老年", 1), ("不存在", 0), ("。", 0),
        ])
    func search(backend: Backend, _ example: (String, Int)) async throws {
        let (query, expected) = example
        let f = try await Fixture(backend: backend)
        let page = try await f.service.searchCatalog(query: query, institutionCode: nil, page: PageRequest())
        #expect(page.total == expected, "\(query)")
    }

    @Test("search filters by institution and pages", arguments: Backend.all)
    func filterAndPage(backend: Backend) async throws {
        let f = try await Fixture(backend: backend)
        #expect(try await f.service.searchCatalog(query: "计算机", institutionCode: "OUC", page: PageRequest()).total == 1)
        let page = try await f.service.searchCatalog(query: nil, institutionCode: nil, page: PageRequest(limit: 2, offset: 2))
        #expect(page.total == 3 && page.items.count == 1)
        await #expect(throws: CreditBankError.notFound("institution NOPE")) {
            try await f.service.searchCatalog(query: nil, institutionCode: "NOPE", page: PageRequest())
        }
    }

    @Test("the total of every one- and two-character query, with and without an institution, is the number of entries it finds", arguments: Backend.all)
    func totalsOfShortQueries(backend: Backend) async throws {
        let f = try await Fixture(backend: backend)
        // Three entries published one at a time (the fixture), three imported at once (sharing
        // characters across institutions, with quotes, a backslash and no hours in the values),
        // and one import previewed and rolled back, which must count nowhere.
        let imported: [ImportRow<NewCatalogEntry>] = [
            .init(
                line: 2,
                value: .init(
                    institutionCode: "OUC", category: "academic", subtype: "course", name: "计算机网络\"原理\"", code: "OU-CN-1", credits: 3)),
            .init(
                line: 3,
                value: .init(
                    institutionCode: "ELD", category: "non-academic", subtype: "training", name: "老年计算机入门\\基础", code: "LN-2", credits: 1,
                    hours: 20, level: "初级", major: "信息技术")),
            .init(
                line: 4,
                value: .init(
                    institutionCode: "OUC", category: "academic", subtype: "course", name: "网络应用", code: "OU-NA", credits: 2, major: "计算机")),
        ]
        #expect(try await f.service.importCatalog(imported) == ImportReport(inserted: 3, unchanged: 0))
        let previewed: [ImportRow<NewCatalogEntry>] = [
            .init(
                line: 2,
                value: .init(institutionCode: "OUC", category: "academic", subtype: "course", name: "计算机图形学", code: "OU-CG", credits: 3))
        ]
        #expect(try await f.service.importCatalog(previewed, dryRun: true) == ImportReport(inserted: 1, unchanged: 0))
        let entries = try await f.service.searchCatalog(query: nil, institutionCode: nil, page: PageRequest(limit: 100)).items
        #expect(entries.count == 6)
        #expect(entries.contains { $0.name == "计算机网络\"原理\"" })
        #expect(entries.contains { $0.name == "老年计算机入门\\基础" && $0.hours == 20 && $0.major == "信息技术" })
        #expect(try await f.service.searchCatalog(query: "图形", institutionCode: nil, page: PageRequest()).total == 0)
        for entry in entries {  // each search row belongs to its own entry
            #expect(try await f.service.searchCatalog(query: entry.name, institutionCode: nil, page: PageRequest()).items.contains(entry))
        }
        // Every character and pair of every entry's name and code, found by paging through all results.
        var queries = Set<String>()
        for entry in entries {
            for field in [entry.name, entry.code] {
                let characters = field.lowercased().filter { $0.isLetter || $0.isNumber }.map(String.init)
                queries.formUnion(characters)
                if characters.count > 1 { queries.formUnion((1..<characters.count).map { characters[$0 - 1] + characters[$0] }) }
            }
        }
        #expect(queries.count > 20)
        for query in queries.sorted() {
            for institution in [nil, "OUC", "ELD"] as [String?] {
                let page = try await f.service.searchCatalog(query: query, institutionCode: institution, page: PageRequest(limit: 100))
                #expect(page.total == page.items.count, "\(query) \(institution ?? "all")")
                if institution == nil { #expect(page.total > 0, "\(query)") }
            }
        }
        if backend == .postgresql {
            // The gram tally (pg3) is exactly a recount of the search rows, both ways (the empty
            // gram: every entry).
            let storage = try #require(f.storage as? PostgresDatabase)
            let recount = """
                SELECT * FROM (SELECT g, s.institution_id, count(*) FROM catalog_search s, unnest(s.grams) AS g GROUP BY 1, 2
                               UNION ALL SELECT '', institution_id, count(*) FROM catalog_search GROUP BY 2) r
                """
            let tally = "SELECT gram, institution_id, entries FROM catalog_gram_tally WHERE entries > 0"
            #expect(try await storage.integer("SELECT count(*) FROM catalog_gram_tally") ?? 0 > 50)
            let differences = "SELECT count(*) FROM ((\(tally) EXCEPT \(recount)) UNION ALL (\(recount) EXCEPT \(tally))) d"
            #expect(try await storage.integer(differences) == 0)
        }
    }

    @Test("the substring search is answered from the FTS index, not a scan of the catalog")
    func usesIndex() async throws {
        let f = try await Fixture()
        let plan = try await f.sqlite.execute { db in
            try Row.fetchAll(
                db,
                sql: """
                    EXPLAIN QUERY PLAN SELECT c.* FROM catalog_search s JOIN catalog_entry c ON c.id = s.rowid
                     WHERE catalog_search MATCH 'b : "计算 算机"' ORDER BY s.rowid DESC LIMIT 20
                    """
            ).map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("VIRTUAL TABLE INDEX") })
        #expect(plan.contains { $0.contains("SEARCH c USING INTEGER PRIMARY KEY") })
        #expect(!plan.contains { $0.hasPrefix("SCAN c") })
    }

    @Test("institution reviewers publish only in their own catalog; experts not at all", arguments: Backend.all)
    func publishingRights(backend: Backend) async throws {
        let f = try await Fixture(backend: backend)
        let entry = NewCatalogEntry(
            institutionCode: "OUC", category: "academic", subtype: "course", name: "大学英语", code: "OU-EN-1", credits: 3)
        await #expect(throws: CreditBankError.self) { try await f.service.addCatalogEntry(entry, by: f.otherReviewer.role) }
        await #expect(throws: CreditBankError.self) { try await f.service.addCatalogEntry(entry, by: .expert) }
        _ = try await f.service.addCatalogEntry(entry, by: f.reviewer.role)
        await #expect(throws: CreditBankError.conflict("catalog code OU-EN-1 already exists in OUC")) {
            try await f.service.addCatalogEntry(entry, by: .admin)
        }
    }

    @Test("an import with bad rows reports every one with its line and field, and writes nothing", arguments: Backend.all)
    func importAllOrNothing(backend: Backend) async throws {
        let f = try await Fixture(backend: backend)
        let rows: [ImportRow<NewCatalogEntry>] = [
            .init(
                line: 2, value: .init(institutionCode: "OUC", category: "academic", subtype: "course", name: "大学英语", code: "E1", credits: 3)
            ),
            .init(line: 3, value: .init(institutionCode: "OUC", category: "hobby", subtype: "course", name: "x", code: "E2", credits: 3)),
            .init(
                line: 4, value: .init(institutionCode: "NOPE", category: "academic", subtype: "course", name: "x", code: "E3", credits: 3)),
            .init(
                line: 5, value: .init(institutionCode: "OUC", category: "academic", subtype: "course", name: "x", code: "E1", credits: 3)),
        ]
        await #expect {
            try await f.service.importCatalog(rows)
        } throws: { error in
            let lines = (error as? ImportFailure)?.problems.map { "\($0.line):\($0.field)" }
            return lines == ["3:category", "4:code", "5:code"]
        }
        #expect(try await f.count("catalog_entry") == 3)
        let good = Array(rows.prefix(1))
        #expect(try await f.service.importCatalog(good) == ImportReport(inserted: 1, unchanged: 0))
        #expect(try await f.service.importCatalog(good) == ImportReport(inserted: 0, unchanged: 1))
        #expect(try await f.count("catalog_entry") == 4)
    }

    @Test("rules validate their fields and catalog entries", arguments: Backend.all, ["ratio", "credits", "window", "target", "sources"])
    func badRules(backend: Backend, _ fault: String) async throws {
        let f = try await Fixture(backend: backend)
        var rule = NewConversionRule(
            code: "R-1", name: "规则", sources: [.init(catalogEntryID: f.elderly.id)], targetCatalogEntryID: f.course.id, credits: 2)
        rule.code = "RULE-1"
        switch fault {
        case "ratio": rule.ratio = 0
        case "credits": rule.credits = 0
        case "window": (rule.validFrom, rule.validTo) = (LocalDate("2026-02-01"), LocalDate("2026-01-01"))
        case "target": rule.targetCatalogEntryID = 999
        default: rule.sources = []
        }
        await #expect(throws: CreditBankError.self) { try await f.service.addRule(rule) }
        #expect(try await f.count("conversion_rule") == 1)
    }
}
