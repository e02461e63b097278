import CreditBankCore
import Foundation
import Hummingbird

/// An error answered as `{"error": {"code", "message"}}` (docs/product.md §5), with an optional `field`.
public struct APIError: Error, HTTPResponseError {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    public var field: String?
    public var headers: HTTPFields = [:]

    /// An error answer with its status, code, message and (on a 422) the field.
    public init(_ status: HTTPResponse.Status, code: String, message: String, field: String? = nil, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers
    }

    static func unauthorized(_ message: String = "sign in first: send Authorization: Bearer <token> from /api/v1/auth/login") -> APIError {
        APIError(.unauthorized, code: "unauthorized", message: message, headers: [.wwwAuthenticate: "Bearer"])
    }

    /// A token that names no live session (expired, signed out, or a disabled account).
    static func sessionEnded() -> APIError { unauthorized("the session has expired or ended; sign in again") }

    static func tooManyRequests(retryAfter seconds: Int, _ message: String) -> APIError {
        APIError(.tooManyRequests, code: "too-many-requests", message: message, headers: [.retryAfter: String(seconds)])
    }

    static func badRequest(_ message: String, field: String? = nil) -> APIError {
        APIError(.badRequest, code: "bad-request", message: message, field: field)
    }

    static func invalid(_ field: String, _ reason: String) -> APIError {
        APIError(.unprocessableContent, code: "invalid", message: "\(field): \(reason)", field: field)
    }

    /// The HTTP form of a core refusal: 422, 404, 409, 403.
    init(_ error: CreditBankError) {
        switch error {
        case .invalid(let field, _): self.init(.unprocessableContent, code: "invalid", message: error.description, field: field)
        case .notFound: self.init(.notFound, code: "not-found", message: error.description)
        case .conflict: self.init(.conflict, code: "conflict", message: error.description)
        case .forbidden: self.init(.forbidden, code: "forbidden", message: error.description)
        }
    }

    struct Body: Encodable {
        struct Detail: Encodable {
            var code: String
            var message: String
            var field: String?
        }
        var error: Detail
    }

    /// The JSON response (docs/product.md §5 error shape), never cached.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        let body = try JSONResponse.encoder.encode(Body(error: .init(code: code, message: message, field: field)))
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
