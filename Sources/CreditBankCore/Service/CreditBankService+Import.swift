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
    /// With `dryRun` every check runs and nothing is kept (the console's preview); `staff` is audited.
    public func importCatalog(_ rows: [ImportRow<NewCatalogEntry>], dryRun: Bool = false, by staff: StaffMember? = nil) async throws
        -> ImportReport
    {
        try await previewable(dryRun: dryRun, staff: staff, action: .catalogImport, subject: "catalog") { db in
            try Self.importRows(
                rows, in: db, resolve: { try resolve($0, in: db, by: .admin) },
                key: { new, entry in "\(new.institutionCode):\(entry.code)" },
                existing: { entry in try db.catalogEntry(institution: entry.institutionID, code: entry.code) },
                insert: { _ = try db.insert($0) })
        }
    }

    /// Runs an import in one transaction; audits it for `staff`; with `dryRun` rolls it back and
    /// returns what it would have done.
    func previewable(
        dryRun: Bool, staff: StaffMember?, action: AuditAction, subject: String,
        _ body: @escaping @Sendable (any StorageWriting) throws -> ImportReport
    ) async throws -> ImportReport {
        if let staff, staff.role != .admin { throw CreditBankError.forbidden("only administrators import the catalog and rules") }
        let now = clock.now()
        do {
            return try await storage.write { db in
                let report = try body(db)
                let detail = "\(report.inserted) added, \(report.unchanged) unchanged"
                // From the console the staff member; otherwise the command line (`creditbank import`, `demo`).
                try db.insert(
                    staff.map { AuditEntry(at: now, by: $0, action, subject, detail) }
                        ?? AuditEntry(at: now, staffID: nil, actor: "command line", action: action, subject: subject, detail: detail))
                if dryRun { throw PreviewRollback(result: report) }
                return report
            }
        } catch let preview as PreviewRollback<ImportReport> {
            return preview.result
        }
    }

    /// Imports rules all-or-nothing; an identical rule already stored (same code) is skipped.
    /// - Throws: `ImportFailure` listing every bad row (nothing is written).
    public func importRules(_ rows: [ImportRow<NewConversionRule>], dryRun: Bool = false, by staff: StaffMember? = nil) async throws
        -> ImportReport
    {
        try await previewable(dryRun: dryRun, staff: staff, action: .ruleImport, subject: "rules") { db in
            try Self.importRows(
                rows, in: db, resolve: { try resolve($0, in: db) }, key: { _, rule in rule.code },
                existing: { rule in try db.rule(code: rule.code) }, insert: { rules in for rule in rules { _ = try db.insert(rule) } })
        }
    }

    /// The all-or-nothing import loop shared by every kind of row: resolve each row, refuse a key
    /// repeated in the file or stored with other values, skip one stored unchanged, and insert
    /// only when no row failed — all the new rows in one call of `insert`.
    static func importRows<New, Value: ImportedRecord>(
        _ rows: [ImportRow<New>], in db: any StorageWriting, resolve: (New) throws -> Value, key: (New, Value) -> String,
        existing: (Value) throws -> Value?, insert: ([Value]) throws -> Void
    ) throws -> ImportReport {
        var problems: [ImportProblem] = []
        var seen: [String: Int] = [:]
        var accepted: [Value] = []
        var unchanged = 0
        for row in rows {
            do {
                let value = try resolve(row.value)
                let key = key(row.value, value)
                if let first = seen[key] { throw CreditBankError.invalid(field: "code", reason: "\(key) repeats line \(first)") }
                seen[key] = row.line
                if let stored = try existing(value) {
                    var candidate = value
                    candidate.id = stored.id
                    guard candidate == stored else { throw CreditBankError.conflict("\(key) already exists with other values") }
                    unchanged += 1
                } else {
                    accepted.append(value)
                }
            } catch let error as CreditBankError {
                problems.append(ImportProblem(line: row.line, field: error.field ?? "code", message: error.reason))
            }
        }
        guard problems.isEmpty else { throw ImportFailure(problems: problems) }
        if !accepted.isEmpty { try insert(accepted) }
        return ImportReport(inserted: accepted.count, unchanged: unchanged)
    }
}

/// A stored value an import compares with a new row, ignoring the row id.
protocol ImportedRecord: Equatable {
    associatedtype Key
    var id: Key { get set }
}

extension CatalogEntry: ImportedRecord {}
extension ConversionRule: ImportedRecord {}

extension CreditBankError {
    /// The field an `invalid` error names.
    public var field: String? {
        if case .invalid(let field, _) = self { return field }
        return nil
    }

    /// Whether the state forbids the change now (a 409).
    public var isConflict: Bool {
        if case .conflict = self { return true }
        return false
    }

    /// The message without the field prefix.
    public var reason: String {
        if case .invalid(_, let reason) = self { return reason }
        return description
    }
}

extension CreditBankService {
    /// Keeps an uploaded import file between its preview and its commit, named by its hash in the
    /// evidence store (files no record names are swept after an hour, so a preview lasts that long).
    public func stageImport(_ bytes: [UInt8]) throws -> String {
        guard !bytes.isEmpty else { throw CreditBankError.invalid(field: "file", reason: "choose the CSV file") }
        guard bytes.count <= Evidence.maximumBytes else {
            throw CreditBankError.invalid(field: "file", reason: "is larger than \(Evidence.maximumBytes / 1024 / 1024) MB")
        }
        let hash = Self.sha256(bytes)
        try evidenceFiles.store(bytes, sha256: hash)
        return hash
    }

    /// A staged import file.
    /// - Throws: `.invalid` naming `file` when it is gone (swept after an hour) or the name is not a hash.
    public func stagedImport(_ sha256: String) throws -> [UInt8] {
        guard sha256.count == 64, sha256.allSatisfy(\.isHexDigit), let bytes = try evidenceFiles.bytes(sha256: sha256) else {
            throw CreditBankError.invalid(field: "file", reason: "the previewed file is gone (a preview lasts an hour); upload it again")
        }
        return bytes
    }
}
