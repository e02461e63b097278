import CreditBankCore
import Foundation

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
            try value("SELECT name FROM institution WHERE id = ?", [entry.institutionID.rawValue]) ?? ""
        let fields = [entry.name, entry.code, institutionName, entry.major ?? ""]
        switch dialect {
        case .sqlite:
            try execute(
                "INSERT INTO catalog_search (rowid, u, b, i) VALUES (?, ?, ?, ?)",
                [id, CatalogSearchText.unigrams(fields), CatalogSearchText.bigrams(fields), "i\(entry.institutionID.rawValue)"])
        case .postgresql:
            try execute(
                "INSERT INTO catalog_search (id, institution_id, text, grams) VALUES (?, ?, ?, ?)",
                [id, entry.institutionID.rawValue, CatalogSearchText.text(fields), CatalogSearchText.gramArray(fields)])
        }
        return saved
    }

    func searchCatalog(query: String?, institution: InstitutionID?, page: PageRequest) throws -> Page<CatalogEntry> {
        var arguments: SQLArguments = []
        var from = "catalog_entry c"
        // What the total counts over (PostgreSQL: the search rows alone, one per entry, no join).
        var countFrom: String?
        var conditions: [String] = []
        var order = "c.id DESC"
        if let query, !query.isEmpty, dialect == .postgresql {
            let characters = CatalogSearchText.characters(query)
            guard !characters.isEmpty else { return Page(items: [], total: 0) }  // punctuation only
            // The GIN index on the grams finds the candidates; the substring test makes the match exact
            // (docs/storage.md: the same results as SQLite's FTS5 phrase of bigrams).
            from = "catalog_search s JOIN catalog_entry c ON c.id = s.id"
            countFrom = "catalog_search s"
            let grams = characters.count == 1 ? characters : CatalogSearchText.pairs(characters)
            conditions.append("s.grams @> ?")
            arguments += [CatalogSearchText.arrayLiteral(grams)]
            if characters.count > 2 {
                conditions.append("strpos(s.text, ?) > 0")
                arguments += [characters.joined()]
            }
            if let institution {
                conditions.append("s.institution_id = ?")
                arguments += [institution.rawValue]
            }
            order = "s.id DESC"
        } else if let query, !query.isEmpty {
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
        let total = try count("SELECT 1 FROM \(countFrom ?? from) \(filter)", arguments)
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

    /// PostgreSQL's `text` column: the characters of each field, fields apart by a character no query has.
    static func text(_ fields: [String]) -> String {
        fields.map { characters($0).joined() }.joined(separator: "|")
    }

    /// PostgreSQL's `grams` column: every character and every pair within a field, once each.
    static func gramArray(_ fields: [String]) -> String {
        var grams: [String] = []
        var seen = Set<String>()
        for field in fields {
            let characters = characters(field)
            for gram in characters + pairs(characters) where seen.insert(gram).inserted { grams.append(gram) }
        }
        return arrayLiteral(grams)
    }

    /// A `text[]` literal of letters and digits (nothing to escape but the quotes around each).
    static func arrayLiteral(_ grams: [String]) -> String {
        "{" + grams.map { "\"\($0)\"" }.joined(separator: ",") + "}"
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
    init(row: SQLRow) throws {
        self.init(
            id: CatalogEntryID(row["id"]), institutionID: InstitutionID(row["institution_id"]),
            category: try row.decoded(OutcomeCategory.self, "category", in: "catalog_entry"), subtype: row["subtype"], name: row["name"],
            code: row["code"],
            credits: Credits(hundredths: row["credits"]), hours: row["hours"], level: row["level"], major: row["major"])
    }
}
