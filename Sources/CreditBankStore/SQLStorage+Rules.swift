import CreditBankCore
import Foundation

extension SQLStorage {
    func rule(_ id: RuleID) throws -> ConversionRule? {
        try one("SELECT * FROM conversion_rule WHERE id = ?", [id.rawValue]).map(rule(from:))
    }

    func rule(code: String) throws -> ConversionRule? {
        try one("SELECT * FROM conversion_rule WHERE code = ?", [code]).map(rule(from:))
    }

    func searchRules(query: String?, targetCategory: OutcomeCategory?, publishedOnly: Bool, page: PageRequest) throws -> Page<ConversionRule> {
        var conditions: [String] = []
        var arguments: SQLArguments = []
        if publishedOnly { conditions.append("r.published = 1") }
        if let query, !query.isEmpty {
            conditions.append("(instr(r.code, ?) > 0 OR instr(r.name, ?) > 0 OR instr(t.name, ?) > 0 OR instr(i.name, ?) > 0)")
            arguments += [query, query, query, query]
        }
        if let targetCategory {
            conditions.append("t.category = ?")
            arguments += [targetCategory.rawValue]
        }
        let from = """
            FROM conversion_rule r JOIN catalog_entry t ON t.id = r.target_catalog_id JOIN institution i ON i.id = t.institution_id
            """
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let total = try count("SELECT 1 \(from) \(filter)", arguments)
        let rows = try all("SELECT r.* \(from) \(filter) ORDER BY r.code LIMIT \(page.limit) OFFSET \(page.offset)", arguments)
        return Page(items: try rows.map(rule(from:)), total: total)
    }

    func rules(withSourceIn catalogEntries: Set<CatalogEntryID>) throws -> [ConversionRule] {
        guard !catalogEntries.isEmpty else { return [] }
        let ids = catalogEntries.map { String($0.rawValue) }.joined(separator: ",")
        return try all(
            """
            SELECT * FROM conversion_rule WHERE published = 1
              AND id IN (SELECT rule_id FROM rule_source WHERE catalog_entry_id IN (\(ids)))
            """
        ).map(rule(from:))
    }

    func setPublished(_ published: Bool, rule: RuleID) throws {
        try execute("UPDATE conversion_rule SET published = ? WHERE id = ?", [published, rule.rawValue])
    }

    func delete(rule: RuleID) throws {
        try execute("DELETE FROM rule_source WHERE rule_id = ?", [rule.rawValue])
        try execute("DELETE FROM conversion_rule WHERE id = ?", [rule.rawValue])
    }

    func applicationCount(rule: RuleID) throws -> Int {
        try value("SELECT count(*) FROM conversion_application WHERE rule_id = ?", [rule.rawValue]) ?? 0
    }

    func insert(_ rule: ConversionRule) throws -> ConversionRule {
        var saved = rule
        let id = try insert(
            """
            INSERT INTO conversion_rule (code, name, description, target_catalog_id, credits, ratio, valid_from, valid_to, published)
            VALUES (?,?,?,?,?,?,?,?,?)
            """,
            [
                rule.code, rule.name, rule.description, rule.targetCatalogEntryID.rawValue, rule.credits.hundredths, rule.ratio,
                rule.validFrom?.description, rule.validTo?.description, rule.published,
            ])
        for (position, source) in rule.sources.enumerated() {
            try execute("INSERT INTO rule_source (rule_id, position, catalog_entry_id, min_score) VALUES (?,?,?,?)", [id, position, source.catalogEntryID.rawValue, source.minimumScore])
        }
        saved.id = RuleID(id)
        return saved
    }

    private func rule(from row: SQLRow) throws -> ConversionRule {
        let id: Int64 = row["id"]
        let sources = try all("SELECT * FROM rule_source WHERE rule_id = ? ORDER BY position", [id]).map {
            ConversionRule.Source(catalogEntryID: CatalogEntryID($0["catalog_entry_id"]), minimumScore: $0["min_score"])
        }
        return ConversionRule(
            id: RuleID(id), code: row["code"], name: row["name"], description: row["description"], sources: sources,
            targetCatalogEntryID: CatalogEntryID(row["target_catalog_id"]), credits: Credits(hundredths: row["credits"]),
            ratio: row["ratio"],
            validFrom: (row["valid_from"] as String?).flatMap(LocalDate.init),
            validTo: (row["valid_to"] as String?).flatMap(LocalDate.init),
            published: row["published"])
    }
}
