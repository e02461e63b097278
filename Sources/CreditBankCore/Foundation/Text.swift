import Foundation

/// Checks on free-text fields shared by every input.
public enum Text {
    /// Trims `value` and requires 1…`max` characters without control characters.
    /// - Throws: `CreditBankError.invalid(field:)`.
    @discardableResult
    public static func require(_ value: String, field: String, max: Int) throws(CreditBankError) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .invalid(field: field, reason: "must not be empty") }
        return try optional(trimmed, field: field, max: max)!
    }

    /// A search text: no control character anywhere (not even where trimming would drop it), then
    /// like `optional`.
    /// - Throws: `CreditBankError.invalid(field:)`.
    public static func query(_ value: String?, field: String, max: Int) throws(CreditBankError) -> String? {
        guard let value else { return nil }
        guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalid(field: field, reason: "contains control characters")
        }
        return try optional(value, field: field, max: max)
    }

    /// A text of several lines (a description typed in a text area): line breaks are kept (as
    /// `\n`), other control characters refused; 1…`max` characters after trimming.
    /// - Throws: `CreditBankError.invalid(field:)`.
    public static func requireLines(_ value: String, field: String, max: Int) throws(CreditBankError) -> String {
        let lines = value.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let text = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .invalid(field: field, reason: "must not be empty") }
        guard text.count <= max else { throw .invalid(field: field, reason: "at most \(max) characters") }
        guard !text.unicodeScalars.contains(where: { $0 != "\n" && $0.properties.generalCategory == .control }) else {
            throw .invalid(field: field, reason: "contains control characters")
        }
        return text
    }

    /// Like `requireLines` but an empty or missing value gives nil.
    /// - Throws: `CreditBankError.invalid(field:)`.
    public static func optionalLines(_ value: String?, field: String, max: Int) throws(CreditBankError) -> String? {
        guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return try requireLines(value, field: field, max: max)
    }

    /// Like `require` but an empty or missing value gives nil.
    /// - Throws: `CreditBankError.invalid(field:)`.
    public static func optional(_ value: String?, field: String, max: Int) throws(CreditBankError) -> String? {
        guard let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        guard trimmed.count <= max else { throw .invalid(field: field, reason: "at most \(max) characters") }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalid(field: field, reason: "contains control characters")
        }
        return trimmed
    }
}
