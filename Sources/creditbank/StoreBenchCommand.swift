import ArgumentParser
import CreditBankCore
import CreditBankDocuments
import CreditBankStore
import Foundation

/// `creditbank bench-store`: catalog import rows/s, substring search p95 over a large catalog,
/// final approvals with certificate issue per second, and (`--only lookups`) the uncached
/// verification look-up, on SQLite or (`--postgres URL`) on
/// PostgreSQL. Prints figures for BENCHMARKS.md.
struct StoreBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-store", abstract: "Benchmark imports, catalog search and final approvals (use a release build).")

    @Option(help: "Rows in the imported CSV.")
    var importRows = 100_000
    @Option(help: "Catalog size for the search benchmark.")
    var catalogSize = 1_000_000
    @Option(help: "Search queries to time.")
    var queries = 500
    @Option(help: "Final approvals to time.")
    var approvals = 300
    @Option(help: "Scratch folder (deleted first).")
    var scratch = "/tmp/creditbank-bench"
    @Option(help: "Run the search and approval benchmarks on this PostgreSQL server instead of SQLite.")
    var postgres: String?
    @Option(help: "The PostgreSQL schema to work in (dropped first).")
    var schema = "bench"
    @Option(help: "Benchmarks to run: import, search, approvals, lookups (default: the first three).")
    var only: [String] = []
    @Option(help: "lookups: the SQLite registry to read (seed-registry builds one; it is not changed).")
    var registry: String?
    @Option(help: "lookups: the file of its codes, one per line (seed-registry --codes).")
    var codesFile: String?
    @Flag(help: "PostgreSQL: search the catalog a previous run loaded into the schema (no reload).")
    var reuse = false
    @OptionGroup var resources: ResourceOptions

    func run() async throws {
        try? FileManager.default.removeItem(atPath: scratch)
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let all = only.isEmpty
        if all || only.contains("import") { try await benchImport() }
        if all || only.contains("search") { try await benchSearch(storage: try await storage("search")) }
        if all || only.contains("approvals") { try await benchApprovals() }
        if only.contains("lookups") { try await benchLookups() }
    }

    /// A fresh, empty bank: a SQLite file in the scratch folder, or a fresh schema on PostgreSQL.
    func storage(_ name: String) async throws -> any CreditBankStorage {
        guard let postgres else { return try AppDatabase(path: "\(scratch)/\(name).sqlite") }
        let schema = "\(self.schema)_\(name)"
        if reuse { return try await PostgresDatabase(url: postgres, schema: schema) }
        try await PostgresDatabase(url: postgres, connections: 1).execute("DROP SCHEMA IF EXISTS \"\(schema)\" CASCADE")
        return try await PostgresDatabase(url: postgres, schema: schema)
    }

    var databaseName: String { postgres == nil ? "SQLite" : "PostgreSQL" }

    static let words = Array("计算机应用基础高等数学大学英语程序设计管理学原理会计经济电子商务网络技术安全物流市场营销统计法律护理机械制图文学心理教育学前儿童信息密码数据结构操作系统人工智能").map(String.init)
    static let institutions = (1...60).map { "第\($0)示范学院" }

    static func name(_ random: inout SystemRandomNumberGenerator) -> String {
        (0..<Int.random(in: 4...10, using: &random)).map { _ in words.randomElement(using: &random)! }.joined()
    }

    func benchImport() async throws {
        let database = try AppDatabase(path: "\(scratch)/import.sqlite")
        let service = CreditBankService(storage: database, renderer: NoRendering())
        for (i, name) in Self.institutions.enumerated() {
            _ = try await service.addInstitution(code: "I\(i + 1)", name: name, kind: "university")
        }
        var random = SystemRandomNumberGenerator()
        var csv = "institutionCode,category,subtype,name,code,credits,hours\n"
        for row in 0..<importRows {
            csv += "I\(row % 60 + 1),academic,course,\(Self.name(&random)),C\(row),\(1 + row % 5),\(36 + row % 4 * 18)\n"
        }
        let path = "\(scratch)/catalog.csv"
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        let started = Date()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let report = try await service.importCatalog(ImportCSV.catalog(CSVTable(text)))
        let seconds = Date().timeIntervalSince(started)
        print(
            String(
                format: "import: %d rows in %.2f s = %.0f rows/s (parse + validate + insert + index, one transaction)", report.inserted,
                seconds, Double(report.inserted) / seconds))
        let again = Date()
        let second = try await service.importCatalog(ImportCSV.catalog(CSVTable(text)))
        print(
            String(
                format: "re-import: %d added, %d unchanged in %.2f s", second.inserted, second.unchanged, Date().timeIntervalSince(again)))
    }

    func benchSearch(storage database: any CreditBankStorage) async throws {
        let service = CreditBankService(storage: database, renderer: NoRendering())
        var random = SystemRandomNumberGenerator()
        var names: [String] = []
        if reuse {
            for id in stride(from: 1, to: catalogSize, by: 1000) { names.append(try await service.catalogEntry(CatalogEntryID(Int64(id))).name) }
        } else {
            try await load(service, names: &names, random: &random)
        }
        try await timeSearches(service, names: names, random: &random)
    }

    private func load(_ service: CreditBankService, names: inout [String], random: inout SystemRandomNumberGenerator) async throws {
        for (i, name) in Self.institutions.enumerated() {
            _ = try await service.addInstitution(code: "I\(i + 1)", name: name, kind: "university")
        }
        let started = Date()
        let batch = 50_000
        for start in stride(from: 0, to: catalogSize, by: batch) {
            let rows = (start..<min(catalogSize, start + batch)).map { row in
                let name = Self.name(&random)
                if row % 1000 == 0 { names.append(name) }
                return ImportRow(
                    line: row + 2,
                    value: NewCatalogEntry(
                        institutionCode: "I\(row % 60 + 1)", category: "academic", subtype: "course", name: name, code: "C\(row)",
                        credits: 2))
            }
            _ = try await service.importCatalog(rows)
            let loaded = min(catalogSize, start + batch)
            print(String(format: "search (%@): %d of %d entries loaded, %.0f s", databaseName, loaded, catalogSize, Date().timeIntervalSince(started)))
            fflush(nil)  // shown as it goes when piped
        }
        print(String(format: "search (%@): loaded %d entries in %.0f s", databaseName, catalogSize, Date().timeIntervalSince(started)))
    }

    private func timeSearches(_ service: CreditBankService, names: [String], random: inout SystemRandomNumberGenerator) async throws {
        var timings: [Double] = []
        var totals: [Int] = []
        var slowest: [(ms: Double, query: String, institution: Bool, total: Int)] = []
        for i in 0..<queries {
            let source = names.randomElement(using: &random)!
            let length = [1, 2, 2, 3, 3, 4, 5][i % 7]
            let characters = Array(source)
            let offset = Int.random(in: 0...max(0, characters.count - length), using: &random)
            let query = String(characters[offset..<min(characters.count, offset + length)])
            let t = Date()
            let page = try await service.searchCatalog(query: query, institutionCode: i % 5 == 0 ? "I7" : nil, page: PageRequest())
            timings.append(Date().timeIntervalSince(t) * 1000)
            totals.append(page.total)
            slowest.append((timings.last!, query, i % 5 == 0, page.total))
            slowest = Array(slowest.sorted { $0.ms > $1.ms }.prefix(5))
        }
        timings.sort()
        print(
            String(
                format: "search (%@): %d queries of 1–5 characters over %d entries: p50 %.1f ms, p95 %.1f ms, max %.1f ms (median matches %d)",
                databaseName, queries, catalogSize, timings[timings.count / 2], timings[timings.count * 95 / 100], timings.last!,
                totals.sorted()[totals.count / 2]))
        print(
            "  slowest: "
                + slowest.map { String(format: "%@%@ %.1f ms (%d)", $0.query, $0.institution ? " in I7" : "", $0.ms, $0.total) }
                .joined(separator: ", "))
    }

    func benchApprovals() async throws {
        let options = try DatabaseOptions.parse(["--db", "\(scratch)/approvals.sqlite"])
        let service = CreditBankService(
            storage: try await storage("approvals"),
            renderer: try TemplateDocumentRenderer(resources: try resources.root(), threads: ProcessInfo.processInfo.activeProcessorCount),
            subtypes: try resources.outcomeTypes(), evidenceFiles: options.evidenceFiles, sealer: try options.seal(make: true))
        let demo = DemoData(service: service)
        _ = try await demo.build()
        let (reviewer, expert) = try await service.storage.read { db in (try db.staff(username: "ouc-reviewer"), try db.staff(username: "expert")) }
        guard let reviewer, let expert else { throw CLIError("the demo data has no ouc-reviewer or expert account") }
        let rule = try await demo.rule("202201240004")
        let ncre = try await demo.entry("NEEA", "NCRE-1")
        var pending: [ApplicationID] = []
        let random = SystemRandomSource()
        for i in 0..<approvals {
            let digits = "4401061990" + String(format: "%02d%02d", 1 + i % 12, 1 + i % 28) + AccountNumbers.digits(3, using: random)
            let id = IDCardNumber.completing(String(digits))
            guard
                let learner = try? await service.register(
                    .init(name: "测试学员", idNumber: id, phone: "13" + AccountNumbers.digits(9, using: random)), passwordHash: "-")
            else { continue }
            let outcome = try await service.addOutcome(
                CatalogChoice(catalogEntryID: ncre, obtainedOn: "2025-06-01", score: 80), for: learner.id)
            let application = try await service.submitConversion(outcomeIDs: [outcome.id], ruleID: rule, for: learner.id)
            _ = try await service.reviewConversion(application.id, decision: .approve, opinion: "", by: reviewer)
            pending.append(application.id)
        }
        let half = pending.count / 2
        var started = Date()
        for id in pending[..<half] { _ = try await service.reviewConversion(id, decision: .approve, opinion: "符合规则", by: expert) }
        var seconds = Date().timeIntervalSince(started)
        print(
            String(
                format: "final approval with certificate issue (%@), one at a time: %d in %.2f s = %.0f/s (%.1f ms each)", databaseName,
                half, seconds,
                Double(half) / seconds, seconds * 1000 / Double(half)))
        started = Date()
        let rest = Array(pending[half...])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for chunk in 0..<4 {
                group.addTask {
                    for id in rest.enumerated().filter({ $0.offset % 4 == chunk }).map(\.element) {
                        _ = try await service.reviewConversion(id, decision: .approve, opinion: "符合规则", by: expert)
                    }
                }
            }
            try await group.waitForAll()
        }
        seconds = Date().timeIntervalSince(started)
        print(
            String(
                format: "final approval with certificate issue (%@), 4 concurrent reviewers: %d in %.2f s = %.0f/s", databaseName,
                rest.count, seconds,
                Double(rest.count) / seconds))
    }
}
