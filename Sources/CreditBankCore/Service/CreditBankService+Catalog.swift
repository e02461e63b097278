import Foundation

extension CreditBankService {
    /// Checks a catalog entry's fields and resolves its institution, inside a transaction.
    /// - Throws: `CreditBankError` naming the field.
    func resolve(_ new: NewCatalogEntry, in db: any StorageReading, by role: StaffRole) throws -> CatalogEntry {
        let category = try OutcomeCategory(parsing: new.category)
        let subtype = try subtypes.subtype(new.subtype, in: category)
        let name = try Text.require(new.name, field: "name", max: 200)
        let code = try Text.require(new.code, field: "code", max: 40)
        guard new.credits.hundredths > 0, new.credits <= Credits.maximumPerOutcome else {
            throw CreditBankError.invalid(field: "credits", reason: "must be more than 0 and at most \(Credits.maximumPerOutcome)")
        }
        if let hours = new.hours, !(0...100_000).contains(hours) {
            throw CreditBankError.invalid(field: "hours", reason: "must be 0 to 100000")
        }
        let level = try Text.optional(new.level, field: "level", max: 20)
        let major = try Text.optional(new.major, field: "major", max: 100)
        for (value, field) in [(name, "name"), (code, "code"), (level, "level"), (major, "major")] {
            try requirePrintable(value, field: field)
        }
        let institution = try db.require(db.institution(code: new.institutionCode), "institution \(new.institutionCode)")
        if case .institution(let own) = role, own != institution.id {
            throw CreditBankError.forbidden("institution reviewers publish only in their own institution's catalog")
        }
        guard role != .expert else { throw CreditBankError.forbidden("experts do not publish catalog entries") }
        return CatalogEntry(
            id: 0, institutionID: institution.id, category: category, subtype: subtype.code, name: name, code: code, credits: new.credits,
            hours: new.hours, level: level, major: major)
    }

    /// Publishes a catalog entry (admin, or a reviewer of the same institution).
    /// - Throws: `.invalid`, `.notFound` (institution), `.forbidden`, `.conflict` (code taken in that institution).
    public func addCatalogEntry(_ new: NewCatalogEntry, by role: StaffRole) async throws -> CatalogEntry {
        try await storage.write { db in
            let entry = try resolve(new, in: db, by: role)
            if try db.catalogEntry(institution: entry.institutionID, code: entry.code) != nil {
                throw CreditBankError.conflict("catalog code \(entry.code) already exists in \(new.institutionCode)")
            }
            return try db.insert(entry)
        }
    }

    /// Searches the catalog by any substring of name, code or institution name.
    public func searchCatalog(query: String?, institutionCode: String?, page: PageRequest) async throws -> Page<CatalogEntry> {
        let query = try Text.query(query, field: "q", max: 100)
        return try await storage.read { db in
            var institution: InstitutionID?
            if let code = institutionCode, !code.isEmpty {
                institution = try db.require(db.institution(code: code), "institution \(code)").id
            }
            return try db.searchCatalog(query: query, institution: institution, page: page)
        }
    }

    /// Checks a rule's fields and that its catalog entries exist, inside a transaction.
    func resolve(_ new: NewConversionRule, in db: any StorageReading) throws -> ConversionRule {
        try new.validate()
        try requirePrintable(new.code, field: "code")
        try requirePrintable(new.name, field: "name")
        try requirePrintable(new.description, field: "description")
        for source in new.sources {
            _ = try db.require(db.catalogEntry(source.catalogEntryID), "source catalog entry \(source.catalogEntryID)")
        }
        _ = try db.require(db.catalogEntry(new.targetCatalogEntryID), "target catalog entry \(new.targetCatalogEntryID)")
        return ConversionRule(
            id: 0, code: new.code, name: try Text.require(new.name, field: "name", max: 200), description: new.description,
            sources: new.sources,
            targetCatalogEntryID: new.targetCatalogEntryID, credits: new.credits, ratio: new.ratio, validFrom: new.validFrom,
            validTo: new.validTo, published: new.published)
    }

    /// Publishes a conversion rule (admin).
    /// - Throws: `.invalid`, `.notFound` (catalog entries), `.conflict` (code taken).
    public func addRule(_ new: NewConversionRule, by staff: StaffMember? = nil) async throws -> ConversionRule {
        if let staff, staff.role != .admin { throw CreditBankError.forbidden("only administrators manage rules") }
        let now = clock.now()
        return try await storage.write { db in
            let rule = try resolve(new, in: db)
            if try db.rule(code: rule.code) != nil { throw CreditBankError.conflict("rule code \(rule.code) already exists") }
            let saved = try db.insert(rule)
            if let staff {
                try db.insert(
                    AuditEntry(
                        at: now, by: staff, .ruleChange, "rule \(saved.code)",
                        "created\(saved.published ? " and published" : ""): \(saved.name), \(saved.credits) credits × \(saved.ratio)%"))
            }
            return saved
        }
    }

    /// Publishes or withdraws a rule (admin); withdrawn rules take no new applications.
    /// - Throws: `.forbidden`, `.notFound`.
    public func setRulePublished(_ id: RuleID, _ published: Bool, by admin: StaffMember) async throws -> ConversionRule {
        guard admin.role == .admin else { throw CreditBankError.forbidden("only administrators manage rules") }
        let now = clock.now()
        return try await storage.write { db in
            var rule = try db.require(db.rule(id), "rule \(id)")
            try db.setPublished(published, rule: id)
            rule.published = published
            try db.insert(AuditEntry(at: now, by: admin, .ruleChange, "rule \(rule.code)", published ? "published" : "withdrawn"))
            return rule
        }
    }

    /// Deletes a rule no application has used (admin); a used rule is withdrawn instead.
    /// - Throws: `.forbidden`, `.notFound`, `.conflict` when an application names it.
    public func deleteRule(_ id: RuleID, by admin: StaffMember) async throws {
        guard admin.role == .admin else { throw CreditBankError.forbidden("only administrators manage rules") }
        let now = clock.now()
        try await storage.write { db in
            let rule = try db.require(db.rule(id), "rule \(id)")
            let used = try db.applicationCount(rule: id)
            guard used == 0 else {
                throw CreditBankError.conflict("rule \(rule.code) is named by \(used) application(s); withdraw it instead of deleting it")
            }
            try db.delete(rule: id)
            try db.insert(AuditEntry(at: now, by: admin, .ruleChange, "rule \(rule.code)", "deleted: \(rule.name)"))
        }
    }

    /// Lists rules whose code, name, target outcome or target institution contains `query`, optionally
    /// only those whose target is of `category`; learners see published rules only.
    public func searchRules(
        query: String?, category: OutcomeCategory? = nil, publishedOnly: Bool = true, page: PageRequest
    ) async throws -> Page<ConversionRule> {
        let query = try Text.query(query, field: "q", max: 100)
        return try await storage.read { db in
            try db.searchRules(query: query, targetCategory: category, publishedOnly: publishedOnly, page: page)
        }
    }

    /// `rules` with their target and source catalog entries and institutions, for pages that show them.
    public func details(of rules: [ConversionRule]) async throws -> [RuleDetail] {
        try await storage.read { db in
            try rules.map { rule in
                func described(_ id: CatalogEntryID) throws -> RuleDetail.Entry {
                    let entry = try db.require(db.catalogEntry(id), "catalog entry \(id)")
                    let institution = try db.require(db.institution(entry.institutionID), "institution \(entry.institutionID)")
                    return RuleDetail.Entry(entry: entry, institution: institution)
                }
                return RuleDetail(
                    rule: rule, target: try described(rule.targetCatalogEntryID),
                    sources: try rule.sources.map { (try described($0.catalogEntryID), $0.minimumScore) })
            }
        }
    }
}

extension CreditBankService {
    /// A conversion rule.
    /// - Throws: `.notFound`.
    public func rule(_ id: RuleID) async throws -> ConversionRule {
        try await storage.read { db in try db.require(db.rule(id), "rule \(id)") }
    }

    /// The catalog entry a person names as `INSTITUTION:CODE` (as in the rules CSV).
    /// - Throws: `.invalid` naming `field` for a malformed or unknown reference.
    public func catalogEntry(reference: String, field: String) async throws -> CatalogEntry {
        let parts = reference.trimmingCharacters(in: .whitespaces).split(separator: ":", maxSplits: 1).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw CreditBankError.invalid(field: field, reason: "'\(reference)' is not INSTITUTION:CODE (e.g. NEEA:NCRE-1)")
        }
        return try await storage.read { db in
            guard let institution = try db.institution(code: parts[0]), let entry = try db.catalogEntry(institution: institution.id, code: parts[1])
            else { throw CreditBankError.invalid(field: field, reason: "no catalog entry \(parts[0]):\(parts[1])") }
            return entry
        }
    }

    /// A catalog entry.
    /// - Throws: `.notFound`.
    public func catalogEntry(_ id: CatalogEntryID) async throws -> CatalogEntry {
        try await storage.read { db in try db.require(db.catalogEntry(id), "catalog entry \(id)") }
    }
}
