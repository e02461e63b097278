/// A row read from an import file, with its line number for error reports.
public struct ImportRow<Value: Sendable>: Sendable {
    public var line: Int
    public var value: Value
    /// Creates a numbered row.
    public init(line: Int, value: Value) {
        self.line = line
        self.value = value
    }
}

/// One bad row of an import.
public struct ImportProblem: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var field: String
    public var message: String
    /// Creates a problem report.
    public init(line: Int, field: String, message: String) {
        self.line = line
        self.field = field
        self.message = message
    }
    public var description: String { "line \(line), \(field): \(message)" }
}

/// An import refused as a whole, with every bad row.
public struct ImportFailure: Error, Sendable, CustomStringConvertible {
    public var problems: [ImportProblem]
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// What an import did.
public struct ImportReport: Hashable, Sendable {
    /// Rows added and rows already present unchanged.
    public var inserted: Int, unchanged: Int
    /// Creates a report.
    public init(inserted: Int, unchanged: Int) {
        self.inserted = inserted
        self.unchanged = unchanged
    }
}

extension CreditBankService {
    /// Imports catalog entries all-or-nothing: every bad row is reported; a row identical to a
    /// stored entry (same institution and code) is skipped, so importing a file twice changes nothing.
    /// - Throws: `ImportFailure` listing every bad row (nothing is written).
    public func importCatalog(_ rows: [ImportRow<NewCatalogEntry>]) async throws -> ImportReport {
        try await storage.write { db in
            var problems: [ImportProblem] = []
            var report = ImportReport(inserted: 0, unchanged: 0)
            var seen: [String: Int] = [:]
            var accepted: [CatalogEntry] = []
            for row in rows {
                do {
                    let entry = try resolve(row.value, in: db, by: .admin)
                    let key = "\(row.value.institutionCode)\u{1F}\(entry.code)"
                    if let first = seen[key] { throw CreditBankError.invalid(field: "code", reason: "\(entry.code) repeats line \(first)") }
                    seen[key] = row.line
                    if let existing = try db.catalogEntry(institution: entry.institutionID, code: entry.code) {
                        var same = entry
                        same.id = existing.id
                        guard same == existing else {
                            throw CreditBankError.conflict("\(entry.code) already exists in \(row.value.institutionCode) with other values")
                        }
                        report.unchanged += 1
                    } else {
                        accepted.append(entry)
                    }
                } catch let error as CreditBankError {
                    problems.append(ImportProblem(line: row.line, field: error.field ?? "code", message: error.reason))
                }
            }
            guard problems.isEmpty else { throw ImportFailure(problems: problems) }
            for entry in accepted { _ = try db.insert(entry) }
            report.inserted = accepted.count
            return report
        }
    }

    /// Imports rules all-or-nothing; an identical rule already stored (same code) is skipped.
    /// - Throws: `ImportFailure` listing every bad row (nothing is written).
    public func importRules(_ rows: [ImportRow<NewConversionRule>]) async throws -> ImportReport {
        try await storage.write { db in
            var problems: [ImportProblem] = []
            var report = ImportReport(inserted: 0, unchanged: 0)
            var seen: [String: Int] = [:]
            var accepted: [ConversionRule] = []
            for row in rows {
                do {
                    let rule = try resolve(row.value, in: db)
                    if let first = seen[rule.code] {
                        throw CreditBankError.invalid(field: "code", reason: "\(rule.code) repeats line \(first)")
                    }
                    seen[rule.code] = row.line
                    if let existing = try db.rule(code: rule.code) {
                        var same = rule
                        same.id = existing.id
                        guard same == existing else { throw CreditBankError.conflict("rule \(rule.code) already exists with other values") }
                        report.unchanged += 1
                    } else {
                        accepted.append(rule)
                    }
                } catch let error as CreditBankError {
                    problems.append(ImportProblem(line: row.line, field: error.field ?? "code", message: error.reason))
                }
            }
            guard problems.isEmpty else { throw ImportFailure(problems: problems) }
            for rule in accepted { _ = try db.insert(rule) }
            report.inserted = accepted.count
            return report
        }
    }
}

extension CreditBankError {
    /// The field an `invalid` error names.
    public var field: String? {
        if case .invalid(let field, _) = self { return field }
        return nil
    }

    /// The message without the field prefix.
    public var reason: String {
        if case .invalid(_, let reason) = self { return reason }
        return description
    }
}
