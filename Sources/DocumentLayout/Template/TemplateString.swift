import Foundation

/// A text with `{{placeholders}}`: literal parts and dotted data paths, optionally with a filter
/// (`{{issuedOn | date-zh}}`).
public struct TemplateString: Sendable, Hashable {
    /// One piece of the text.
    public enum Segment: Sendable, Hashable {
        case literal(String)
        case field(path: [String], filter: TextFilter?)
    }

    /// The pieces in order.
    public var segments: [Segment]

    /// The fields the text refers to.
    public var fields: [(path: [String], filter: TextFilter?)] {
        segments.compactMap {
            if case .field(let path, let filter) = $0 { (path, filter) } else { nil }
        }
    }

    /// A text with no placeholders.
    public init(literal: String) { segments = literal.isEmpty ? [] : [.literal(literal)] }

    /// Parses `source`.
    /// - Throws: `PlaceholderSyntaxError` for an unclosed `{{`, an empty or malformed path, or an unknown filter.
    public init(parsing source: String) throws(PlaceholderSyntaxError) {
        var segments: [Segment] = []
        var rest = Substring(source)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { segments.append(.literal(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].range(of: "}}") else { throw .unclosed }
            let inside = rest[open.upperBound..<close.lowerBound]
            let parts = inside.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let path = (parts.first ?? "").split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard !path.isEmpty, path.allSatisfy({ !$0.isEmpty && $0.allSatisfy(Self.isPathCharacter) }) else {
                throw .badPath(String(inside))
            }
            var filter: TextFilter?
            if parts.count == 2 {
                guard let known = TextFilter(rawValue: parts[1]) else { throw .unknownFilter(parts[1]) }
                filter = known
            }
            segments.append(.field(path: path, filter: filter))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { segments.append(.literal(String(rest))) }
        self.segments = segments
    }

    private static func isPathCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-")
    }

    /// Fills the placeholders, looking each path up with `lookup`.
    /// - Throws: `LayoutError.missingField` when a path has no text value.
    func render(_ lookup: (_ path: [String]) -> String?) throws(LayoutError) -> String {
        var out = ""
        for segment in segments {
            switch segment {
            case .literal(let text): out += text
            case .field(let path, let filter):
                guard let value = lookup(path) else { throw .missingField(path.joined(separator: ".")) }
                out += filter.map { $0.apply(value) } ?? value
            }
        }
        return out
    }
}

/// A formatting step applied to a field's text.
public enum TextFilter: String, Sendable, Hashable, CaseIterable {
    /// `2022-03-04` (or a full ISO 8601 time) → `2022年03月04日`.
    case dateZh = "date-zh"
    /// `2022-03-04` → `4 March 2022`.
    case dateEn = "date-en"
    /// Upper case.
    case upper

    func apply(_ value: String) -> String {
        switch self {
        case .upper: return value.uppercased()
        case .dateZh, .dateEn:
            let digits = value.prefix(10).split(separator: "-")
            guard digits.count == 3, let y = Int(digits[0]), let m = Int(digits[1]), let d = Int(digits[2]),
                (1...12).contains(m)
            else { return value }
            if self == .dateZh {
                return "\(y)年\(m < 10 ? "0" : "")\(m)月\(d < 10 ? "0" : "")\(d)日"
            }
            let months = [
                "January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December",
            ]
            return "\(d) \(months[m - 1]) \(y)"
        }
    }
}

/// A malformed placeholder.
public enum PlaceholderSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    case unclosed
    case badPath(String)
    case unknownFilter(String)

    public var description: String {
        switch self {
        case .unclosed: "'{{' without a closing '}}'"
        case .badPath(let p): "'{{\(p)}}' is not a field path (letters, digits, '_' or '-', joined by '.')"
        case .unknownFilter(let f):
            "unknown filter '\(f)'; known filters: \(TextFilter.allCases.map(\.rawValue).joined(separator: ", "))"
        }
    }
}
