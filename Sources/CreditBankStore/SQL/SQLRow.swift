import CreditBankCore
import Foundation

/// One result row, its values by column name.
struct SQLRow {
    /// Column positions by name, shared by the rows of one result.
    final class Columns: Sendable {
        let names: [String]
        let positions: [String: Int]
        init(_ names: [String]) {
            self.names = names
            var positions: [String: Int] = [:]
            for (index, name) in names.enumerated() where positions[name] == nil { positions[name] = index }
            self.positions = positions
        }
    }

    let columns: Columns
    let values: [SQLValue]

    /// The value of `column`, converted. A missing column or a value of another type is a
    /// programming error or a damaged database, reported with the column's name.
    subscript<T: SQLReadable>(_ column: String) -> T {
        guard let index = columns.positions[column] else { preconditionFailure("no column \(column) in the result") }
        guard let value = T(sqlValue: values[index]) else {
            preconditionFailure("column \(column) holds \(values[index]), not \(T.self)")
        }
        return value
    }

    /// The value of the first column.
    func first<T: SQLReadable>() -> T? { values.first.flatMap { T(sqlValue: $0) } }

    /// The enum stored as text in `column`.
    /// - Throws: `CorruptRowError` for a value no case has.
    func decoded<T: RawRepresentable>(_ type: T.Type, _ column: String, in table: String) throws -> T where T.RawValue == String {
        let text: String = self[column] as String? ?? ""
        guard let value = T(rawValue: text) else { throw CorruptRowError(table: table, column: column, value: text) }
        return value
    }

    /// The `yyyy-MM-dd` day stored in `column`.
    /// - Throws: `CorruptRowError` for text that is not a day.
    func day(_ column: String, in table: String) throws -> LocalDate {
        let text: String = self[column] as String? ?? ""
        guard let day = LocalDate(text) else { throw CorruptRowError(table: table, column: column, value: text) }
        return day
    }
}

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
