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
