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
            [entry.institutionID.rawValue, entry.category.rawValue, entry.subtype, entry.name, entry.code, entry.credits.hundredths, entry.hours,
             entry.level, entry.major])
        saved.id = CatalogEntryID(id)
        let institutionName = try String.fetchOne(db, sql: "SELECT name FROM institution WHERE id = ?", arguments: [entry.institutionID.rawValue]) ?? ""
        try db.execute(
            sql: "INSERT INTO catalog_search (rowid, text) VALUES (?, ?)",
            arguments: [id, CatalogSearchText.indexed([entry.name, entry.code, institutionName, entry.major ?? ""])])
        return saved
    }

    func searchCatalog(query: String?, institution: InstitutionID?, page: PageRequest) throws -> Page<CatalogEntry> {
        var conditions: [String] = [], arguments: StatementArguments = []
        if let query, let phrase = CatalogSearchText.phrase(query) {
            conditions.append("id IN (SELECT rowid FROM catalog_search WHERE catalog_search MATCH ?)")
            arguments += [phrase]
        } else if let query, !query.isEmpty {
            return Page(items: [], total: 0)  // nothing searchable in the query (punctuation only)
        }
        if let institution {
            conditions.append("institution_id = ?")
            arguments += [institution.rawValue]
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let total = try count("SELECT 1 FROM catalog_entry \(filter)", arguments)
        let items = try all(
            "SELECT * FROM catalog_entry \(filter) ORDER BY id DESC LIMIT \(page.limit) OFFSET \(page.offset)", arguments
        ).map(CatalogEntry.init)
        return Page(items: items, total: total)
    }
}

/// How catalog text is tokenised for search: every letter or digit becomes its own token, so any
/// substring of a name, code or institution is an FTS5 phrase (adjacent tokens) answered from the index.
enum CatalogSearchText {
    static func tokens(_ text: String) -> [String] {
        text.lowercased().compactMap { $0.isLetter || $0.isNumber ? String($0) : nil }
    }

    /// The text stored in the index: parts separated by a token that never matches, so a phrase never spans two fields.
    static func indexed(_ parts: [String]) -> String {
        parts.map { tokens($0).joined(separator: " ") }.joined(separator: " \u{2063}sep\u{2063} ")
    }

    /// The FTS5 phrase for a query, or nil when the query has no letters or digits.
    static func phrase(_ query: String) -> String? {
        let tokens = tokens(query)
        return tokens.isEmpty ? nil : "\"" + tokens.joined(separator: " ") + "\""
    }
}

extension CatalogEntry {
    init(row: Row) {
        self.init(
            id: CatalogEntryID(row["id"]), institutionID: InstitutionID(row["institution_id"]),
            category: OutcomeCategory(rawValue: row["category"]) ?? .academic, subtype: row["subtype"], name: row["name"], code: row["code"],
            credits: Credits(hundredths: row["credits"]), hours: row["hours"], level: row["level"], major: row["major"])
    }
}
