import Crypto
import Foundation
import Hummingbird

/// What the server-rendered pages need beyond the API: the session cookie (HttpOnly,
/// SameSite=Strict), a CSRF token derived from the session, the same-origin check of form posts,
/// and the pages' headers.
enum PageSession {
    static let cookieName = "cb_session"

    /// The session cookie that keeps `token` for `lifetime` seconds: HttpOnly, SameSite=Strict,
    /// `Secure` behind https.
    static func cookie(_ token: String, lifetime: TimeInterval, secure: Bool) -> Cookie {
        Cookie(name: cookieName, value: token, maxAge: Int(lifetime), path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// The cookie that removes the session cookie.
    static func clearedCookie(secure: Bool) -> Cookie {
        Cookie(name: cookieName, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// The CSRF token of a session: a keyed hash of the session token, so it needs no storage and
    /// changes with every sign-in.
    static func csrfToken(for session: String) -> String {
        let key = SymmetricKey(data: Data(session.utf8))
        return Data(HMAC<SHA256>.authenticationCode(for: Data("creditbank form".utf8), using: key)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Whether `submitted` is the session's CSRF token (compared in constant time).
    static func checkCSRF(_ submitted: String?, session: String) -> Bool {
        guard let submitted else { return false }
        let expected = Array(csrfToken(for: session).utf8)
        let given = Array(submitted.utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// A form post must come from a page of this server: when the browser names an origin (all
    /// current browsers do on POST), its host must be the request's host.
    static func isSameOrigin(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin] else { return true }
        guard let host = request.head.authority, let url = URL(string: origin), let originHost = url.host else { return false }
        let port = url.port.map { ":\($0)" } ?? ""
        return originHost + port == host || originHost == host
    }

    /// The security headers of every page (set by `PageHeadersMiddleware`): never cached; scripts,
    /// styles and images only from this site (styles inline); no framing; no type sniffing.
    static let securityHeaders: HTTPFields = [
        .cacheControl: "no-store",
        .contentSecurityPolicy:
            "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'",
        .init("X-Content-Type-Options")!: "nosniff", .init("Referrer-Policy")!: "same-origin",
    ]

    /// Headers of an HTML page answer (the security headers come with it on every page).
    static let htmlHeaders: HTTPFields = securityHeaders + [.contentType: "text/html; charset=utf-8"]

    /// A 303 to `location`.
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }
}
