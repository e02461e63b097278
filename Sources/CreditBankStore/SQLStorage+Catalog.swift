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
        try insert([entry])[0]
    }

    /// The entries and their search rows. On PostgreSQL each is one statement for the whole import,
    /// so the gram tally's trigger (pg3) adds each (gram, institution) once per import, not once per
    /// entry; SQLite, in process, writes row by row through cached statements.
    func insert(_ entries: [CatalogEntry]) throws -> [CatalogEntry] {
        guard !entries.isEmpty else { return [] }
        let saved = dialect == .postgresql ? try insertAtOnce(entries) : try entries.map(insertOne)
        var institutionNames: [InstitutionID: String] = [:]
        var rows: [CatalogSearchRow] = []
        for entry in saved {
            let institutionName: String
            if let known = institutionNames[entry.institutionID] {
                institutionName = known
            } else {
                institutionName = try value("SELECT name FROM institution WHERE id = ?", [entry.institutionID.rawValue]) ?? ""
                institutionNames[entry.institutionID] = institutionName
            }
            rows.append(CatalogSearchRow(entry.id.rawValue, entry.institutionID.rawValue, [entry.name, entry.code, institutionName, entry.major ?? ""]))
        }
        try insert(rows)
        return saved
    }

    private func insertOne(_ entry: CatalogEntry) throws -> CatalogEntry {
        var saved = entry
        saved.id = CatalogEntryID(
            try insert(
                "INSERT INTO catalog_entry (institution_id, category, subtype, name, code, credits, hours, level, major) VALUES (?,?,?,?,?,?,?,?,?)",
                [
                    entry.institutionID.rawValue, entry.category.rawValue, entry.subtype, entry.name, entry.code, entry.credits.hundredths,
                    entry.hours, entry.level, entry.major,
                ]))
        return saved
    }

    /// PostgreSQL: every entry in one statement, each column an array; the ids come back keyed by
    /// (institution, code), which is unique.
    private func insertAtOnce(_ entries: [CatalogEntry]) throws -> [CatalogEntry] {
        func column(_ value: (CatalogEntry) -> String?) -> SQLValue { .text(PostgresArray.literal(entries.map(value))) }
        let columns: [SQLValue] = [
            column { String($0.institutionID.rawValue) }, column(\.category.rawValue), column(\.subtype), column(\.name), column(\.code),
            column { String($0.credits.hundredths) }, column { $0.hours.map(String.init) }, column(\.level), column(\.major),
        ]
        let returned = try db.rows(
            """
            INSERT INTO catalog_entry (institution_id, category, subtype, name, code, credits, hours, level, major)
            SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::text[])
            RETURNING id, institution_id, code
            """, columns)
        var ids: [String: Int64] = [:]
        for row in returned { ids["\(row["institution_id"] as Int64) \(row["code"] as String)"] = row["id"] }
        return try entries.map { entry in
            guard let id = ids["\(entry.institutionID.rawValue) \(entry.code)"] else {
                throw CorruptRowError(table: "catalog_entry", column: "id", value: "no id returned for \(entry.code)")
            }
            var saved = entry
            saved.id = CatalogEntryID(id)
            return saved
        }
    }

    /// Writes search rows: SQLite's FTS5 table row by row, PostgreSQL's in one statement (which fires
    /// the gram tally's statement trigger once). `migrate-data` rebuilds PostgreSQL's rows through here.
    func insert(_ rows: [CatalogSearchRow]) throws {
        switch dialect {
        case .sqlite:
            for row in rows {
                try execute(
                    "INSERT INTO catalog_search (rowid, u, b, i) VALUES (?, ?, ?, ?)",
                    [row.id, CatalogSearchText.unigrams(row.fields), CatalogSearchText.bigrams(row.fields), "i\(row.institutionID)"])
            }
        case .postgresql:
            guard !rows.isEmpty else { return }
            func column(_ value: (CatalogSearchRow) -> String) -> SQLValue { .text(PostgresArray.literal(rows.map(value))) }
            let columns: [SQLValue] = [
                column { String($0.id) }, column { String($0.institutionID) }, column { CatalogSearchText.text($0.fields) },
                column { CatalogSearchText.grams($0.fields).joined(separator: " ") },
            ]
            _ = try db.execute(
                """
                INSERT INTO catalog_search (id, institution_id, text, grams)
                SELECT id, institution_id, text, string_to_array(grams, ' ')
                FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[]) AS r(id, institution_id, text, grams)
                """, columns)
        }
    }

    func searchCatalog(query: String?, institution: InstitutionID?, page: PageRequest) throws -> Page<CatalogEntry> {
        if let query, !query.isEmpty, dialect == .postgresql { return try searchPostgreSQL(query, institution: institution, page: page) }
        var arguments: SQLArguments = []
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

    /// PostgreSQL's substring search (docs/storage.md): the GIN index on the grams finds the
    /// candidates, the substring test makes a longer query exact — the same results as SQLite's
    /// FTS5 phrase of pairs. A query of one or two characters is one gram: its total comes from the
    /// gram tally (pg3), and so does the choice of how to find the first page.
    private func searchPostgreSQL(_ query: String, institution: InstitutionID?, page: PageRequest) throws -> Page<CatalogEntry> {
        let characters = CatalogSearchText.characters(query)
        guard !characters.isEmpty else { return Page(items: [], total: 0) }  // punctuation only
        let grams = characters.count == 1 ? characters : CatalogSearchText.pairs(characters)
        // Planned for these grams each time, not once for any: a statement prepared on the
        // connection gets a generic plan after five runs, and one made when the catalog had no
        // statistics yet (just after a large import) walked the whole table for a rare query —
        // about a second each, until the connection closed (BENCHMARKS.md, issue 17).
        let _: String? = try value("SELECT set_config('plan_cache_mode', 'force_custom_plan', true)")
        var conditions = ["s.grams @> ?"]
        var arguments: SQLArguments = [PostgresArray.literal(grams)]
        if characters.count > 2 {
            conditions.append("strpos(s.text, ?) > 0")
            arguments += [characters.joined()]
        }
        if let institution {
            conditions.append("s.institution_id = ?")
            arguments += [institution.rawValue]
        }
        let filter = "WHERE " + conditions.joined(separator: " AND ")
        let total: Int
        var order = "s.id DESC"
        if grams.count == 1 {
            let (matches, entries) = try tally(of: grams[0], institution: institution)
            total = min(matches, Self.countCap)
            // Newest first, PostgreSQL walks the primary key backwards until 20 match: about
            // 20 × entries / matches rows at ~1.3 µs (heap order) — right for a common gram, 40 ms
            // for a pair 900 of 1,000,000 entries hold. Taking every match from the GIN index and
            // sorting costs ~8 µs a match (a heap page each), so below matches² < 3 × entries the
            // order is made an expression the primary key cannot give (BENCHMARKS.md, issue 17).
            // Within one institution the planner's choice is already good: it walks the
            // (institution, id) index for a common gram and ANDs the two indexes for a rare one.
            if institution == nil && matches * matches < 3 * entries { order = "s.id + 0 DESC" }
        } else {
            total = try count("SELECT 1 FROM catalog_search s \(filter)", arguments)
        }
        guard total > 0 else { return Page(items: [], total: 0) }
        let items = try all(
            """
            SELECT c.* FROM (SELECT s.id FROM catalog_search s \(filter) ORDER BY \(order) LIMIT \(page.limit) OFFSET \(page.offset)) p
              JOIN catalog_entry c ON c.id = p.id ORDER BY c.id DESC
            """, arguments
        ).map(CatalogEntry.init)
        return Page(items: items, total: total)
    }

    /// From the gram tally: the entries holding `gram` (in `institution`, if given) and all the
    /// catalog's entries (the empty gram, which every entry holds).
    private func tally(of gram: String, institution: InstitutionID?) throws -> (matches: Int, entries: Int) {
        let row = try one(
            """
            SELECT COALESCE(sum(entries) FILTER (WHERE gram = ?1\(institution == nil ? "" : " AND institution_id = ?2")), 0)::bigint AS matches,
                   COALESCE(sum(entries) FILTER (WHERE gram = ''), 0)::bigint AS entries
              FROM catalog_gram_tally WHERE gram IN (?1, '')
            """, institution.map { [gram, $0.rawValue] } ?? [gram])
        guard let row else { return (0, 0) }
        return (Int(row["matches"] as Int64), Int(row["entries"] as Int64))
    }
}

/// One entry's row of the substring index: its id, institution and searchable fields (name, code,
/// institution name, major).
struct CatalogSearchRow {
    var id: Int64
    var institutionID: Int64
    var fields: [String]
    init(_ id: Int64, _ institutionID: Int64, _ fields: [String]) {
        self.id = id
        self.institutionID = institutionID
        self.fields = fields
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

    /// PostgreSQL's `grams` column: every character and every pair within a field, once each (the
    /// gram tally counts an entry once per gram it holds). Letters and digits only: no spaces.
    static func grams(_ fields: [String]) -> [String] {
        var grams: [String] = []
        var seen = Set<String>()
        for field in fields {
            let characters = characters(field)
            for gram in characters + pairs(characters) where seen.insert(gram).inserted { grams.append(gram) }
        }
        return grams
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
