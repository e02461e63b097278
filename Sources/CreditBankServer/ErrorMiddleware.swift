import CreditBankCore
import Hummingbird
import Logging
import NIOCore

/// Turns every error into the docs/product.md §5 JSON shape: core refusals into 4xx, oversized bodies into 413,
/// Hummingbird's own errors into their status; anything else is a bug, logged and answered 500.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = BankRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as CreditBankError {
            throw APIError(error)
        } catch is NIOTooManyBytesError {
            throw APIError(.contentTooLarge, code: "too-large", message: "the request body is larger than this route accepts")
        } catch let error as HTTPError {
            throw APIError(error.status, code: Self.code(for: error.status), message: error.body ?? error.status.reasonPhrase)
        } catch is DecodingError {
            throw APIError(.badRequest, code: "bad-request", message: "the request body could not be read")
        } catch let error as any HTTPResponseError where error.status.code < 500 {
            throw error  // answers of their own (a page's redirect to sign in)
        } catch {
            context.logger.error("unexpected error", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            throw APIError(.internalServerError, code: "internal", message: "an internal error occurred; it has been logged")
        }
    }

    static func code(for status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "not-found"
        case .methodNotAllowed: "method-not-allowed"
        case .unauthorized: "unauthorized"
        case .contentTooLarge: "too-large"
        default: status.code < 500 ? "bad-request" : "internal"
        }
    }
}
