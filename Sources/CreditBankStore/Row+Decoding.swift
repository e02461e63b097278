import CreditBankCore
import GRDB

/// A stored value that no longer maps to what the code knows: corruption, reported, never guessed.
///
/// A row decodes or throws: falling back to a default (`Decision(rawValue:) ?? .reject`) would turn
/// a damaged row into a wrong answer.
public struct CorruptRowError: Error, CustomStringConvertible {
    public var table: String
    public var column: String
    public var value: String

    public var description: String {
        "stored data is damaged: \(table).\(column) holds '\(value)', which this version does not know; "
            + "restore the database from a backup or run a version that wrote it"
    }
}

extension Row {
    /// The enum stored as text in `column`.
    /// - Throws: `CorruptRowError` for a value no case has.
    func decoded<T: RawRepresentable>(_ type: T.Type, _ column: String, in table: String) throws -> T where T.RawValue == String {
        let text: String = self[column] ?? ""
        guard let value = T(rawValue: text) else { throw CorruptRowError(table: table, column: column, value: text) }
        return value
    }

    /// The `yyyy-MM-dd` day stored in `column`.
    /// - Throws: `CorruptRowError` for text that is not a day.
    func day(_ column: String, in table: String) throws -> LocalDate {
        let text: String = self[column] ?? ""
        guard let day = LocalDate(text) else { throw CorruptRowError(table: table, column: column, value: text) }
        return day
    }
}
