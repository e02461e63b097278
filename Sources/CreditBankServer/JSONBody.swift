import CreditBankCore
import Foundation
import Hummingbird

extension Request {
    /// Reads the body (at most `limit` bytes, else 413) and decodes it as `T`. Malformed JSON or
    /// invalid UTF-8 is a 400; a missing field, a wrong type or an unrepresentable number is a 422
    /// naming the field.
    func decodeJSON<T: Decodable>(_ type: T.Type, limit: Int) async throws -> T {
        let buffer = try await body.collect(upTo: limit)
        let data = Data(buffer.readableBytesView)
        guard !data.isEmpty else { throw APIError.badRequest("the request needs a JSON body") }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty, let field = Self.outOfRangeNumber(in: data) {
                throw APIError.invalid(field, "is a number too large to use")
            }
            throw APIError(decoding: error)
        }
    }

    /// The path of the first number in syntactically valid JSON that no integer or finite double holds
    /// (the Swift decoder reports those as corrupt data without a path).
    static func outOfRangeNumber(in data: Data) -> String? {
        guard let tree = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return nil }
        func search(_ node: Any, _ path: String) -> String? {
            switch node {
            case let object as [String: Any]:
                for key in object.keys.sorted() {
                    if let found = search(object[key]!, path.isEmpty ? key : path + "." + key) { return found }
                }
            case let array as [Any]:
                for (index, element) in array.enumerated() {
                    if let found = search(element, path + "[\(index)]") { return found }
                }
            case let number as NSNumber:
                let value = number.doubleValue
                if !value.isFinite || abs(value) >= 9.2e18 { return path.isEmpty ? "body" : path }
            default: break
            }
            return nil
        }
        return search(tree, "")
    }

    /// The raw body, at most `limit` bytes (else 413).
    func bytes(limit: Int) async throws -> [UInt8] {
        let buffer = try await body.collect(upTo: limit)
        return Array(buffer.readableBytesView)
    }
}

extension APIError {
    /// A decoding failure as the caller can fix it.
    init(decoding error: DecodingError) {
        func field(_ path: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            var text = ""
            for key in path + (last.map { [$0] } ?? []) {
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return text
        }
        switch error {
        case .keyNotFound(let key, let context):
            self = .invalid(field(context.codingPath, key), "is required")
        case .valueNotFound(_, let context) where !context.codingPath.isEmpty:
            self = .invalid(field(context.codingPath), "must not be null")
        case .typeMismatch(let type, let context) where !context.codingPath.isEmpty:
            self = .invalid(field(context.codingPath), "must be \(Self.describe(type))")
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            self = .invalid(field(context.codingPath), "has an unusable value (\(context.debugDescription))")
        case .typeMismatch, .valueNotFound:
            self = .badRequest("the body must be a JSON object")
        default:
            self = .badRequest("the body is not valid JSON in UTF-8")
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "an array"
        default: String(describing: type).hasPrefix("Array") ? "an array" : "an object or value of the documented type"
        }
    }
}

/// Encodes answers: ISO 8601 dates, keys in a stable order.
enum JSONResponse {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        make(json: ByteBuffer(bytes: try encoder.encode(value)), status: status, headers: headers)
    }

    /// A response of JSON already encoded.
    static func make(json: ByteBuffer, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        if headers[.cacheControl] == nil { headers[.cacheControl] = "no-store" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: json))
    }
}

extension Parameters {
    /// A numeric id from the path; anything else is a 404 (no such resource), never a 500.
    func id<Subject>(_ name: String = "id", as: Identifier<Subject>.Type = Identifier<Subject>.self) throws -> Identifier<Subject> {
        guard let text = get(name), let value = Int64(text), value > 0 else {
            throw APIError(.notFound, code: "not-found", message: "no such \(name) '\(get(name) ?? "")'")
        }
        return Identifier(value)
    }
}

extension Request {
    /// Paging from `limit` and `offset` (422 naming the parameter when not a number in range).
    func page() throws -> PageRequest {
        func integer(_ name: String, _ fallback: Int) throws -> Int {
            guard let text = uri.queryParameters.get(name) else { return fallback }
            guard let value = Int(text) else {
                throw APIError.invalid(name, name == "limit" ? "must be an integer from 1 to 100" : "must be an integer from 0 to \(PageRequest.maximumOffset)")
            }
            return value
        }
        return try PageRequest(limit: integer("limit", 20), offset: integer("offset", 0))
    }
}
