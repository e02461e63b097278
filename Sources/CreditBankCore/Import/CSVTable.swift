import Foundation

/// A CSV file as spreadsheets export it (RFC 4180: quoted fields, doubled quotes, CRLF or LF,
/// UTF-8 with or without a byte-order mark), read into rows keyed by header.
public struct CSVTable: Sendable {
    /// Header names, trimmed.
    public let header: [String]
    /// Data rows with the line on which each starts (the header is line 1).
    public let rows: [(line: Int, fields: [String: String])]

    /// Parses `text`.
    /// - Throws: `CSVError` for an unterminated quote, a row with too many fields, or no header.
    public init(_ text: String) throws(CSVError) {
        var text = Substring(text)
        if text.first == "\u{FEFF}" { text = text.dropFirst() }
        var records: [(Int, [String])] = []
        var field = ""
        var record: [String] = []
        var quoted = false
        var line = 1
        var recordLine = 1
        var atFieldStart = true
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending {
                pending = nil
                return p
            }
            return iterator.next()
        }
        while let c = next() {
            if quoted {
                if c == "\"" {
                    let following = next()
                    if following == "\"" {
                        field.unicodeScalars.append("\"")
                    } else {
                        quoted = false
                        pending = following
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where atFieldStart:
                quoted = true
                atFieldStart = false
            case ",":
                record.append(field)
                field = ""
                atFieldStart = true
            case "\r": break
            case "\n":
                record.append(field)
                if !(record.count == 1 && record[0].isEmpty) { records.append((recordLine, record)) }
                record = []
                field = ""
                atFieldStart = true
                line += 1
                recordLine = line
            default:
                field.unicodeScalars.append(c)
                atFieldStart = false
            }
        }
        if quoted { throw .unterminatedQuote(line: recordLine) }
        record.append(field)
        if !(record.count == 1 && record[0].isEmpty) { records.append((recordLine, record)) }
        guard let first = records.first else { throw .noHeader }
        header = first.1.map { $0.trimmingCharacters(in: .whitespaces) }
        var rows: [(Int, [String: String])] = []
        for (line, values) in records.dropFirst() {
            guard values.count <= header.count else { throw .tooManyFields(line: line, count: values.count, expected: header.count) }
            var fields: [String: String] = [:]
            for (name, value) in zip(header, values) { fields[name] = value.trimmingCharacters(in: .whitespaces) }
            rows.append((line, fields))
        }
        self.rows = rows
    }
}

/// Why a CSV file could not be read.
public enum CSVError: Error, Equatable, CustomStringConvertible {
    case noHeader
    case unterminatedQuote(line: Int)
    case tooManyFields(line: Int, count: Int, expected: Int)

    public var description: String {
        switch self {
        case .noHeader: "the file is empty: the first line must name the columns"
        case .unterminatedQuote(let line): "line \(line): a quoted field is never closed"
        case .tooManyFields(let line, let count, let expected): "line \(line): \(count) fields, but the header names \(expected)"
        }
    }
}
