import Foundation

/// Reads catalog and rule rows from CSV tables, accepting English or Chinese column names.
public enum ImportCSV {
    /// Column names and their Chinese aliases, as institutions' spreadsheets spell them.
    static let aliases: [String: String] = [
        "机构代码": "institutionCode", "成果大类": "category", "成果小类": "subtype", "成果名称": "name", "成果编码": "code", "学分": "credits",
        "学时": "hours", "层次": "level", "专业": "major", "规则编码": "code", "规则名称": "name", "规则描述": "description",
        "源成果": "sources", "最低成绩": "minScore", "目标成果": "target", "转换比例": "ratio", "生效日期": "validFrom", "失效日期": "validTo",
        "是否发布": "published",
    ]

    static func value(_ row: [String: String], _ key: String) -> String? {
        if let v = row[key], !v.isEmpty { return v }
        for (alias, canonical) in aliases where canonical == key { if let v = row[alias], !v.isEmpty { return v } }
        return nil
    }

    static func require(_ row: [String: String], _ key: String, line: Int, into problems: inout [ImportProblem]) -> String {
        guard let value = value(row, key) else {
            problems.append(ImportProblem(line: line, field: key, message: "is empty"))
            return ""
        }
        return value
    }

    /// Catalog rows: `institutionCode, category, subtype, name, code, credits[, hours, level, major]`.
    /// - Throws: `ImportFailure` listing every row that cannot be read.
    public static func catalog(_ table: CSVTable) throws(ImportFailure) -> [ImportRow<NewCatalogEntry>] {
        var problems: [ImportProblem] = []
        var rows: [ImportRow<NewCatalogEntry>] = []
        for (line, row) in table.rows {
            let before = problems.count
            let institution = require(row, "institutionCode", line: line, into: &problems)
            let category = require(row, "category", line: line, into: &problems)
            let subtype = require(row, "subtype", line: line, into: &problems)
            let name = require(row, "name", line: line, into: &problems)
            let code = require(row, "code", line: line, into: &problems)
            let creditsText = require(row, "credits", line: line, into: &problems)
            let credits = Credits(creditsText)
            if credits == nil && !creditsText.isEmpty {
                problems.append(ImportProblem(line: line, field: "credits", message: "'\(creditsText)' is not a credit amount"))
            }
            var hours: Int?
            if let text = value(row, "hours") {
                hours = Int(text)
                if hours == nil { problems.append(ImportProblem(line: line, field: "hours", message: "'\(text)' is not a whole number")) }
            }
            guard problems.count == before, let credits else { continue }
            rows.append(
                ImportRow(
                    line: line,
                    value: NewCatalogEntry(
                        institutionCode: institution, category: category, subtype: subtype, name: name, code: code, credits: credits,
                        hours: hours,
                        level: value(row, "level"), major: value(row, "major"))))
        }
        guard problems.isEmpty else { throw ImportFailure(problems: problems) }
        return rows
    }

    /// A rule row before its catalog references are resolved: sources and target as `INSTITUTION:CODE`.
    public struct RuleRow: Sendable {
        public var code, name, description: String
        public var sources: [(institution: String, code: String)]
        public var target: (institution: String, code: String)
        public var minScore: Double?
        public var credits: Credits
        public var ratio: Int
        public var validFrom, validTo: LocalDate?
        public var published: Bool

        /// Creates a rule row.
        public init(
            code: String, name: String, description: String, sources: [(institution: String, code: String)],
            target: (institution: String, code: String), minScore: Double?, credits: Credits, ratio: Int,
            validFrom: LocalDate?, validTo: LocalDate?, published: Bool
        ) {
            self.code = code
            self.name = name
            self.description = description
            self.sources = sources
            self.target = target
            self.minScore = minScore
            self.credits = credits
            self.ratio = ratio
            self.validFrom = validFrom
            self.validTo = validTo
            self.published = published
        }
    }

    static func reference(_ text: String) -> (String, String)? {
        let parts = text.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty ? (parts[0], parts[1]) : nil
    }

    /// Rule rows: `code, name, description, sources (INST:CODE;…), minScore, target (INST:CODE), credits, ratio, validFrom, validTo, published`.
    /// - Throws: `ImportFailure` listing every row that cannot be read.
    public static func rules(_ table: CSVTable) throws(ImportFailure) -> [ImportRow<RuleRow>] {
        var problems: [ImportProblem] = []
        var rows: [ImportRow<RuleRow>] = []
        for (line, row) in table.rows {
            let before = problems.count
            func fail(_ field: String, _ message: String) { problems.append(ImportProblem(line: line, field: field, message: message)) }
            let code = require(row, "code", line: line, into: &problems)
            let name = require(row, "name", line: line, into: &problems)
            let sourceText = require(row, "sources", line: line, into: &problems)
            let sources = sourceText.split(separator: ";").map { reference(String($0)) }
            if sources.contains(where: { $0 == nil }) { fail("sources", "write each source as INSTITUTION:CODE, separated by ';'") }
            let targetText = require(row, "target", line: line, into: &problems)
            let target = reference(targetText)
            if target == nil && !targetText.isEmpty { fail("target", "write the target as INSTITUTION:CODE") }
            let creditsText = require(row, "credits", line: line, into: &problems)
            let credits = Credits(creditsText)
            if credits == nil && !creditsText.isEmpty { fail("credits", "'\(creditsText)' is not a credit amount") }
            let ratio = value(row, "ratio").map { Int($0.replacingOccurrences(of: "%", with: "")) } ?? 100
            if ratio == nil { fail("ratio", "'\(value(row, "ratio")!)' is not a whole percentage") }
            var minScore: Double?
            if let text = value(row, "minScore") {
                minScore = Double(text)
                if minScore == nil { fail("minScore", "'\(text)' is not a number") }
            }
            var dates: [LocalDate?] = []
            for key in ["validFrom", "validTo"] {
                let text = value(row, key)
                let date = text.flatMap(LocalDate.init)
                if text != nil && date == nil { fail(key, "'\(text!)' is not a yyyy-MM-dd date") }
                dates.append(date)
            }
            let publishedText = value(row, "published") ?? "yes"
            let published = ["yes", "true", "1", "是"].contains(publishedText.lowercased())
            if !published && !["no", "false", "0", "否"].contains(publishedText.lowercased()) { fail("published", "use yes or no") }
            guard problems.count == before, let credits, let ratio, let target else { continue }
            rows.append(
                ImportRow(
                    line: line,
                    value: RuleRow(
                        code: code, name: name, description: value(row, "description") ?? "", sources: sources.compactMap { $0 },
                        target: target,
                        minScore: minScore, credits: credits, ratio: ratio, validFrom: dates[0], validTo: dates[1], published: published)))
        }
        guard problems.isEmpty else { throw ImportFailure(problems: problems) }
        return rows
    }
}

extension CreditBankService {
    /// Imports rule rows whose catalog references are `INSTITUTION:CODE`, resolving them first.
    /// - Throws: `ImportFailure` listing every bad row (nothing is written).
    public func importRules(_ rows: [ImportRow<ImportCSV.RuleRow>], dryRun: Bool = false, by staff: StaffMember? = nil) async throws
        -> ImportReport
    {
        let resolved: [ImportRow<NewConversionRule>] = try await storage.read { db in
            var problems: [ImportProblem] = []
            var result: [ImportRow<NewConversionRule>] = []
            func entry(_ reference: (institution: String, code: String), field: String, line: Int) throws -> CatalogEntryID? {
                guard let institution = try db.institution(code: reference.institution),
                    let entry = try db.catalogEntry(institution: institution.id, code: reference.code)
                else {
                    problems.append(
                        ImportProblem(line: line, field: field, message: "no catalog entry \(reference.institution):\(reference.code)"))
                    return nil
                }
                return entry.id
            }
            for row in rows {
                let r = row.value
                let sources = try r.sources.map { try entry($0, field: "sources", line: row.line) }
                guard let target = try entry(r.target, field: "target", line: row.line), !sources.contains(nil) else { continue }
                result.append(
                    ImportRow(
                        line: row.line,
                        value: NewConversionRule(
                            code: r.code, name: r.name, description: r.description,
                            sources: sources.map { ConversionRule.Source(catalogEntryID: $0!, minimumScore: r.minScore) },
                            targetCatalogEntryID: target,
                            credits: r.credits, ratio: r.ratio, validFrom: r.validFrom, validTo: r.validTo, published: r.published)))
            }
            guard problems.isEmpty else { throw ImportFailure(problems: problems) }
            return result
        }
        return try await importRules(resolved, dryRun: dryRun, by: staff)
    }
}
