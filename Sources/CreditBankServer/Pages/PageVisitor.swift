import CreditBankCore
import Hummingbird

/// Who asks for a page: the session named by the cookie and the account it belongs to. Set on the
/// request context by `PageSessionMiddleware`; nil when there is no live session.
public struct PageVisitor: Sendable {
    /// The session token from the cookie (never logged).
    let sessionToken: String
    /// The signed-in account.
    public let principal: Principal

    /// The token every form of this session carries (docs/product.md §8).
    var csrf: String { PageSession.csrfToken(for: sessionToken) }
}

/// Reads the session cookie and, when it names a live session, puts its visitor on the context
/// (added to every page route group by `RouteTable`).
struct PageSessionMiddleware: RouterMiddleware {
    typealias Context = BankRequestContext
    let service: CreditBankService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[PageSession.cookieName]?.value, !token.isEmpty,
            let principal = try await service.principal(forToken: token)
        {
            context.visitor = PageVisitor(sessionToken: token, principal: principal)
        }
        return try await next(request, context)
    }
}

/// A page that needs a signed-in visitor was asked for without one: go and sign in.
struct SignInRequired: HTTPResponseError {
    /// Where to sign in (`/login` for learners).
    var location = "/login"
    var status: HTTPResponse.Status { .seeOther }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        PageSession.redirect(location)
    }
}
