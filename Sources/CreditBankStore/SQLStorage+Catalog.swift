import CreditBankCore
import Foundation
import GRDB

extension SQLStorage {
    func catalogEntry(_ id: CatalogEntryID) throws -> CatalogEntry? {
        try one("SELECT * FROM catalog_entry WHERE id = ?", [id.rawValue]).map(CatalogEntry.init)
    }

    func catalogEntry(institution: InstitutionID, code: String) throws -> CatalogEntry? {
        try one("SELECT * FROM catalog_entry WHERE institution_id = ? AND code = ?", [institution.rawValue, code]).map(CatalogEntry.init)
    }

    func insert(_ entry: CatalogEntry) throws -> CatalogEntry {
        var saved = entry
        let id = try insert(
            "INSERT INTO catalog_entry (institution_id, category, subtype, name, code, credits, hours, level, major) VALUES (?,?,?,?,?,?,?,?,?)",
            [
                entry.institutionID.rawValue, entry.category.rawValue, entry.subtype, entry.name, entry.code, entry.credits.hundredths,
                entry.hours,
                entry.level, entry.major,
            ])
        saved.id = CatalogEntryID(id)
        let institutionName =
            try String.fetchOne(
                db.cachedStatement(sql: "SELECT name FROM institution WHERE id = ?"), arguments: [entry.institutionID.rawValue]) ?? ""
        let fields = [entry.name, entry.code, institutionName, entry.major ?? ""]
        try db.cachedStatement(sql: "INSERT INTO catalog_search (rowid, u, b, i) VALUES (?, ?, ?, ?)")
            .execute(arguments: [
                id, CatalogSearchText.unigrams(fields), CatalogSearchText.bigrams(fields), "i\(entry.institutionID.rawValue)",
            ])
        return saved
    }

    func searchCatalog(query: String?, institution: InstitutionID?, page: PageRequest) throws -> Page<CatalogEntry> {
        var arguments: StatementArguments = []
        var from = "catalog_entry c"
        var conditions: [String] = []
        var order = "c.id DESC"
        if let query, !query.isEmpty {
            guard var match = CatalogSearchText.match(query) else { return Page(items: [], total: 0) }  // punctuation only
            if let institution { match += " AND i : \"i\(institution.rawValue)\"" }
            // CROSS JOIN keeps the index as the outer loop: SQLite must not probe it once per catalog row.
            from = "catalog_search s CROSS JOIN catalog_entry c ON c.id = s.rowid"
            conditions.append("catalog_search MATCH ?")
            arguments += [match]
            order = "s.rowid DESC"
        } else if let institution {
            conditions.append("c.institution_id = ?")
            arguments += [institution.rawValue]
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let total = try count("SELECT 1 FROM \(from) \(filter)", arguments)
        let items = try all("SELECT c.* FROM \(from) \(filter) ORDER BY \(order) LIMIT \(page.limit) OFFSET \(page.offset)", arguments)
            .map(CatalogEntry.init)
        return Page(items: items, total: total)
    }
}

/// How catalog text is tokenised for substring search: letters and digits only, lower-cased;
/// column `u` gets each as a token, column `b` each overlapping pair within a field.
enum CatalogSearchText {
    static func characters(_ text: String) -> [String] {
        text.lowercased().compactMap { $0.isLetter || $0.isNumber ? String($0) : nil }
    }

    static func pairs(_ characters: [String]) -> [String] {
        characters.count < 2 ? [] : (1..<characters.count).map { characters[$0 - 1] + characters[$0] }
    }

    /// Column `u`: every character of every field.
    static func unigrams(_ fields: [String]) -> String {
        fields.map { characters($0).joined(separator: " ") }.joined(separator: " ")
    }

    /// Column `b`: the pairs of each field; fields are kept apart by a token no query produces.
    static func bigrams(_ fields: [String]) -> String {
        fields.map { pairs(characters($0)).joined(separator: " ") }.joined(separator: " \u{2063}\u{2063}x\u{2063} ")
    }

    /// The FTS5 query for a substring, or nil when it has no letters or digits.
    static func match(_ query: String) -> String? {
        let characters = characters(query)
        switch characters.count {
        case 0: return nil
        case 1: return "u : \"\(characters[0])\""
        default: return "b : \"" + pairs(characters).joined(separator: " ") + "\""
        }
    }
}

extension CatalogEntry {
    init(row: Row) throws {
        self.init(
            id: CatalogEntryID(row["id"]), institutionID: InstitutionID(row["institution_id"]),
            category: try row.decoded(OutcomeCategory.self, "category", in: "catalog_entry"), subtype: row["subtype"], name: row["name"],
            code: row["code"],
            credits: Credits(hundredths: row["credits"]), hours: row["hours"], level: row["level"], major: row["major"])
    }
}
