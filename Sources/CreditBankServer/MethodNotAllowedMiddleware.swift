import Hummingbird

/// The methods each route path answers, filled while the router is assembled and only read after.
///
/// `@unchecked Sendable`: `add` is called only by `RouteTable` while `BankServer.router()` builds the
/// router, before the first request; afterwards the table is never written again.
final class RouteMethods: @unchecked Sendable {
    private var methods: [(segments: [Substring], method: HTTPRequest.Method)] = []

    func add(_ method: HTTPRequest.Method, _ path: String) {
        methods.append((path.split(separator: "/"), method))
    }

    /// The methods some route serves at `path` (`{name}` segments match any one segment).
    func allowed(at path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/")
        var allowed: [HTTPRequest.Method] = []
        for (pattern, method) in methods where Self.matches(pattern, segments) && !allowed.contains(method) {
            allowed.append(method)
        }
        return allowed
    }

    private static func matches(_ pattern: [Substring], _ segments: [Substring]) -> Bool {
        pattern.count == segments.count
            && zip(pattern, segments).allSatisfy { expected, actual in expected.hasPrefix("{") || expected == actual }
    }
}

/// Answers a known path asked with a method it does not serve with 405 and `Allow` (RFC 9110
/// §15.5.6), instead of the router's 404: the caller learns the path is right and which methods work.
/// (`RouteTable` registers HEAD beside every GET.)
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = BankRequestContext
    let routes: RouteMethods

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = routes.allowed(at: request.uri.path)
            guard !allowed.isEmpty, !allowed.contains(request.method) else { throw error }
            let list = allowed.map(\.rawValue).joined(separator: ", ")
            throw APIError(
                .methodNotAllowed, code: "method-not-allowed", message: "\(request.uri.path) answers \(list), not \(request.method.rawValue)",
                headers: [.allow: list])
        }
    }
}
