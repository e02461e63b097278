import Hummingbird

/// Every form post of the pages comes from a page of this server (its `Origin`, when the browser
/// names one, is this host) and, when signed in, carries the session's CSRF token — in the
/// URL-encoded body or, for file uploads, in the form's address (`?csrf=`). One place checks it for
/// every post, so no handler can forget; a refused post changes nothing (403).
struct FormGuardMiddleware<Context: PageRequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post else { return try await next(request, context) }
        guard PageSession.isSameOrigin(request) else { throw Self.refused("请从本站页面提交表单。Forms must be sent from this site's pages.") }
        guard let session = context.csrfSession else { return try await next(request, context) }
        var request = request
        var submitted = request.uri.queryParameters.get("csrf")
        if submitted == nil, request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true {
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            submitted = (try? URLEncodedFormDecoder().decode(CSRFField.self, from: String(buffer: body)))?.csrf
        }
        guard PageSession.checkCSRF(submitted, session: session) else {
            throw Self.refused("表单已过期，请刷新页面后重试。The form has expired: reload the page and try again.")
        }
        return try await next(request, context)
    }

    struct CSRFField: Decodable { var csrf: String? }

    static func refused(_ message: String) -> APIError {
        APIError(.forbidden, code: "forbidden", message: message)
    }
}

/// Puts the pages' security headers on every page answer (HTML, never cached, no framing, scripts
/// only from this site): one place for what every page must send.
struct PageHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        for field in PageSession.securityHeaders { response.headers[field.name] = field.value }
        return response
    }
}
