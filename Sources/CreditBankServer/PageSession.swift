import Crypto
import Foundation
import Hummingbird

/// What the server-rendered learner pages need beyond the API: the session in a cookie
/// (HttpOnly, SameSite=Strict), a CSRF token derived from it in every form, a same-origin check on
/// every form post, and form bodies.
enum PageSession {
    static let cookieName = "cb_session"

    /// The session token from the request's cookie.
    static func token(_ request: Request) -> String? {
        guard let header = request.headers[.cookie] else { return nil }
        for pair in header.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0] == cookieName, !parts[1].isEmpty { return parts[1] }
        }
        return nil
    }

    /// The `Set-Cookie` value that keeps `token` for `lifetime` seconds (`Secure` behind https).
    static func cookie(_ token: String, lifetime: TimeInterval, secure: Bool) -> String {
        "\(cookieName)=\(token); Path=/; Max-Age=\(Int(lifetime)); HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    /// The `Set-Cookie` value that removes the session cookie.
    static func clearedCookie(secure: Bool) -> String {
        "\(cookieName)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
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

    /// The fields of an `application/x-www-form-urlencoded` body; a repeated name keeps every value.
    static func form(_ request: Request, limit: Int) async throws -> [String: [String]] {
        let buffer = try await request.body.collect(upTo: limit)
        var fields: [String: [String]] = [:]
        for pair in String(buffer: buffer).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            fields[parts[0], default: []].append(parts.count > 1 ? parts[1] : "")
        }
        return fields
    }

    /// Headers of every page: HTML, never cached, no scripts, no framing.
    static let headers: HTTPFields = [
        .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
        .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'",
        .init("X-Content-Type-Options")!: "nosniff", .init("Referrer-Policy")!: "same-origin",
    ]

    /// A 303 to `location`, optionally setting a cookie.
    static func redirect(_ location: String, cookie: String? = nil) -> Response {
        var headers: HTTPFields = [.location: location, .cacheControl: "no-store"]
        if let cookie { headers[.setCookie] = cookie }
        return Response(status: .seeOther, headers: headers)
    }
}
