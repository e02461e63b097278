import CreditBankCore
import Foundation
import Yams

/// Reads the bank's editable list of outcome subtypes (`Templates/outcome-types.yaml`) into the
/// core's `SubtypeRegistry`, refusing an unsound file with every problem named (docs/product.md §2).
public enum OutcomeTypesFile {
    /// The file's path below the resources folder.
    public static let path = "Templates/outcome-types.yaml"

    /// What is wrong with the file: where, and each problem.
    public struct Problem: Error, CustomStringConvertible {
        public var file: String
        public var problems: [String]
        public var description: String { "\(file): " + problems.joined(separator: "; ") }
    }

    /// Loads `Templates/outcome-types.yaml` below `resources`.
    /// - Throws: `Problem` when the file is missing, is not the expected YAML, or fails the checks.
    public static func load(resources: URL) throws -> SubtypeRegistry {
        let url = resources.appendingPathComponent(path)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw Problem(file: url.path, problems: ["cannot read the file"]) }
        return try parse(String(decoding: data, as: UTF8.self), file: url.path)
    }

    /// Parses the YAML text of the file.
    /// - Throws: `Problem` naming each fault.
    public static func parse(_ text: String, file: String = path) throws -> SubtypeRegistry {
        let entries: [Entry]
        do {
            entries = try YAMLDecoder().decode([Entry].self, from: text)
        } catch {
            throw Problem(file: file, problems: ["not a list of subtypes as the file's header describes: \(error)"])
        }
        var problems: [String] = []
        var subtypes: [OutcomeSubtype] = []
        for entry in entries {
            guard let category = OutcomeCategory(rawValue: entry.category) else {
                problems.append("subtype \(entry.code): unknown category '\(entry.category)' (academic, non-academic or informal)")
                continue
            }
            var fields: [OutcomeSubtype.Field] = []
            for field in entry.fields ?? [] {
                let kind: OutcomeSubtype.Field.Kind
                switch (field.kind, field.choice) {
                case (nil, let options?), ("choice", let options?): kind = .choice(options)
                case (nil, nil), ("text", nil): kind = .text
                case ("date", nil): kind = .date
                case ("number", nil): kind = .number
                default:
                    problems.append("subtype \(entry.code): field \(field.key) has kind '\(field.kind ?? "")'; use text, date or number, or a choice list")
                    continue
                }
                fields.append(.init(field.key, field.label, kind, required: field.required ?? false))
            }
            subtypes.append(
                OutcomeSubtype(
                    code: entry.code, category: category, chineseName: entry.name, englishName: entry.nameEn, fields: fields,
                    evidence: (entry.evidence ?? []).map { .init($0.label, required: $0.required ?? false) }))
        }
        problems += SubtypeRegistry.problems(in: subtypes)
        guard problems.isEmpty else { throw Problem(file: file, problems: problems) }
        return SubtypeRegistry(subtypes)
    }

    private struct Entry: Decodable {
        var code, category, name, nameEn: String
        var fields: [FieldEntry]?
        var evidence: [EvidenceEntry]?
    }

    private struct FieldEntry: Decodable {
        var key, label: String
        var kind: String?
        var choice: [String]?
        var required: Bool?
    }

    private struct EvidenceEntry: Decodable {
        var label: String
        var required: Bool?
    }
}
