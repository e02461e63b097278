import Foundation

/// The data a document is rendered from: a tree of texts, lists and objects (a frozen snapshot).
///
/// Every printed value is text, exactly as it will appear; numbers read from JSON keep their
/// literal spelling. Lists feed tables; objects group fields (`applicant.name`).
public enum TemplateData: Sendable, Hashable {
    case text(String)
    case list([TemplateData])
    case object([String: TemplateData])

    /// Looks up a dotted path such as `applicant.name`.
    public subscript(path path: [String]) -> TemplateData? {
        var node: TemplateData? = self
        for key in path {
            guard case .object(let fields)? = node else { return nil }
            node = fields[key]
        }
        return node
    }

    /// Parses a JSON document (numbers and booleans become their text, null becomes empty text).
    /// - Throws: `TemplateDataError` when the bytes are not JSON or the top level is not an object.
    public init(json: Data) throws(TemplateDataError) {
        do {
            self = try JSONDecoder().decode(TemplateData.self, from: json)
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error {
                throw .invalidJSON(context.underlyingError.map { "\($0.localizedDescription)" } ?? context.debugDescription)
            }
            throw .invalidJSON("\(error)")
        } catch {
            throw .invalidJSON("\(error)")
        }
        guard case .object = self else { throw .notAnObject }
    }

    /// Serialises back to JSON with sorted keys (what the registry stores as the snapshot).
    public func jsonData() -> Data {
        // Sorted keys and no escaping of slashes: the same tree always gives the same bytes.
        (try? JSONSerialization.data(withJSONObject: foundationValue, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    private var foundationValue: Any {
        switch self {
        case .text(let text): text
        case .list(let items): items.map(\.foundationValue)
        case .object(let fields): fields.mapValues(\.foundationValue)
        }
    }
}

/// Why a data file could not be read.
public enum TemplateDataError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidJSON(String)
    case notAnObject

    /// A readable sentence.
    public var description: String {
        switch self {
        case .invalidJSON(let reason): "data is not valid JSON: \(reason)"
        case .notAnObject: "data must be a JSON object at the top level"
        }
    }
}

extension TemplateData: Decodable {
    /// Decodes any JSON value; scalars become text.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .text("")
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else if let flag = try? container.decode(Bool.self) {
            self = .text(flag ? "true" : "false")
        } else if let whole = try? container.decode(Int64.self) {
            self = .text(String(whole))
        } else if let number = try? container.decode(Double.self) {
            self = .text(String(number))
        } else if let items = try? container.decode([TemplateData].self) {
            self = .list(items)
        } else {
            self = .object(try container.decode([String: TemplateData].self))
        }
    }
}
