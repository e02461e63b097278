import CreditBankCore
import Foundation
import Hummingbird

extension BankServer {
    func addVerificationRoutes(_ routes: RouteTable) {
        routes.add(.get, "/v/{code}") { request, context in
            try await admitPublicLookup(request, context)
            let json = Self.wantsJSON(request)
            let lookup = try await service.verify(
                code: context.parameters.get("code") ?? "", context: try await lookupContext(request, context, json ? .json : .page))
            if json { return try verificationJSON(lookup) }
            return verificationPage(lookup, input: context.parameters.get("code") ?? "")
        }

        routes.add(.get, "/api/v1/verify/{code}") { request, context in
            try await admitPublicLookup(request, context)
            return try verificationJSON(
                try await service.verify(code: context.parameters.get("code") ?? "", context: try await lookupContext(request, context, .json)))
        }

        routes.add(.post, "/api/v1/verify") { request, context in
            try await admitPublicLookup(request, context)
            let bytes = try await request.bytes(limit: settings.uploadLimit)
            guard !bytes.isEmpty else { throw APIError.invalid("file", "send the PDF's bytes as the request body") }
            struct Answer: Encodable {
                var match: Bool
                var code: String? = nil, status: String? = nil, statusName: String? = nil, verifyUrl: String? = nil
                var sha256: String
                var signature: SignatureBody
                var document: VerificationBody? = nil
            }
            let checked = try await service.check(pdf: bytes, context: try await lookupContext(request, context, .upload))
            let signature = SignatureBody(checked.signature)
            guard let answer = checked.answer else {
                return try JSONResponse.make(Answer(match: false, sha256: checked.sha256, signature: signature))
            }
            return try JSONResponse.make(
                Answer(
                    match: true, code: answer.code.formatted, status: answer.status.name, statusName: answer.status.chineseName,
                    verifyUrl: service.settings.verifyURL(for: answer.code), sha256: checked.sha256, signature: signature,
                    document: VerificationBody(answer, seal: service.sealer.published)))
        }

        // The certificates that sign the bank's PDFs, for validators' trust stores (docs/seal.md).
        routes.add(.get, "/.well-known/creditbank/seal.pem") { _, _ in
            let pem = service.sealer.published.pem
            guard !pem.isEmpty else { throw APIError(.notFound, code: "not-found", message: "this bank has no seal") }
            return Response(
                status: .ok,
                headers: [
                    .contentType: "application/x-pem-file", .cacheControl: "public, max-age=3600",
                    .contentDisposition: "inline; filename=\"creditbank-seal.pem\"",
                ],
                body: .init(byteBuffer: ByteBuffer(string: pem)))
        }
    }

    /// Who looks, for the holder's log (docs/seal.md): the channel, the client's address and, only
    /// when the request carries a session cookie or a bearer token, the signed-in learner — so an
    /// anonymous look-up reads nothing more than the document.
    func lookupContext(_ request: Request, _ context: some ClientAddressed, _ channel: LookupChannel) async throws -> LookupContext {
        var viewer: LearnerID?
        let token = request.cookies[PageSession.cookieName]?.value ?? Self.bearerToken(request)
        if let token, !token.isEmpty, case .learner(let learner)? = try await service.principal(forToken: token) { viewer = learner.id }
        return LookupContext(channel: channel, clientAddress: client(request, context), viewer: viewer)
    }

    /// Applies the per-client limit on public look-ups (429 with Retry-After).
    func admitPublicLookup(_ request: Request, _ context: some ClientAddressed) async throws {
        if let wait = try await limiter.admitLookup(client(request, context)) {
            throw APIError.tooManyRequests(retryAfter: wait, "too many look-ups from this address; try again in \(wait) seconds")
        }
    }

    static func wantsJSON(_ request: Request) -> Bool {
        guard let accept = request.headers[.accept] else { return false }
        return accept.contains("application/json") && !accept.contains("text/html")
    }

    func verificationJSON(_ lookup: CodeLookup) throws -> Response {
        switch lookup {
        case .found(let answer):
            return JSONResponse.make(json: VerificationBody(answer, seal: service.sealer.published).json(sealJSON: sealJSON))
        case .mistyped:
            throw APIError(
                .unprocessableContent, code: "mistyped",
                message: "the code's check symbol does not match: it was mistyped; check each character",
                field: "code")
        case .malformed(let reason): throw APIError(.unprocessableContent, code: "invalid", message: "code: \(reason)", field: "code")
        case .unknown:
            throw APIError(.notFound, code: "not-found", message: "no document with this code was issued here; it is not genuine")
        }
    }

    /// The HTML page for a phone: status first, in large type.
    func verificationPage(_ lookup: CodeLookup, input: String) -> Response {
        let status: HTTPResponse.Status
        var data: [String: Any] = ["issuer": service.settings.issuerName, "issuerEn": service.settings.issuerNameEn]
        switch lookup {
        case .found(let answer):
            status = .ok
            let body = VerificationBody(answer, seal: service.sealer.published)
            data["hasSeal"] = !body.sealCertificates.isEmpty
            data["seal"] = body.sealCertificates.map { ["role": Self.sealRoleName($0.role), "subject": $0.subject, "sha256": $0.sha256] }
            data["found"] = true
            data["tone"] = answer.status == .valid ? "valid" : "invalid"
            data["statusName"] = answer.status.chineseName
            data["statusNameEn"] = Self.englishStatus(answer.status)
            data["code"] = body.code
            data["kindName"] = body.kindName
            data["kindNameEn"] = body.kindNameEn
            data["issuer"] = body.issuer
            data["issuedOn"] = LocalDate(body.issuedAt).description
            data["holderName"] = body.holderName
            data["holderIdMasked"] = body.holderIdMasked
            data["lines"] = body.content.map { ["label": $0.label, "labelEn": $0.labelEn, "value": $0.value] }
            data["sha256"] = body.sha256
            if let reason = body.revokedReason { data["revokedReason"] = reason }
            if let at = body.revokedAt { data["revokedOn"] = LocalDate(at).description }
            if let expires = body.expiresAt { data["expiresOn"] = LocalDate(expires).description }
            if let newer = answer.supersededByCode {
                data["supersededByCode"] = newer.formatted
                data["supersededByUrl"] = service.settings.verifyURL(for: newer)
            }
        case .mistyped:
            status = .unprocessableContent
            data["problem"] = true
            data["tone"] = "invalid"
            data["statusName"] = "验证码输入有误"
            data["statusNameEn"] = "Mistyped code"
            data["explanation"] = "校验位不符，请逐位核对后重新输入。The check symbol does not match; please check each character."
        case .malformed(let reason):
            status = .unprocessableContent
            data["problem"] = true
            data["tone"] = "invalid"
            data["statusName"] = "不是有效的验证码"
            data["statusNameEn"] = "Not a verification code"
            data["explanation"] = "验证码为 16 位字母数字，形如 XXXX-XXXX-XXXX-XXXX。(\(reason))"
        case .unknown:
            status = .notFound
            data["problem"] = true
            data["tone"] = "invalid"
            data["statusName"] = "查无此文书"
            data["statusNameEn"] = "No such document"
            data["explanation"] = "本平台未签发过此验证码对应的文书，该文书不是真实文书。No document with this code was issued here; it is not genuine."
        }
        data["input"] = String(input.prefix(40))
        let html = pages.render(data, withTemplate: "verify") ?? ""
        return Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
                .init("X-Content-Type-Options")!: "nosniff", .init("Referrer-Policy")!: "no-referrer",
            ],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A certificate's role, in Chinese and English, for the pages.
    static func sealRoleName(_ role: String) -> String {
        switch role {
        case "seal": "电子印章证书 Seal certificate"
        case "root": "根证书 Root certificate"
        case "intermediate": "中间证书 Intermediate certificate"
        default: "此前的根证书 Earlier root"
        }
    }

    static func englishStatus(_ status: DocumentStatus) -> String {
        switch status {
        case .valid: "Valid"
        case .revoked: "Revoked"
        case .superseded: "Superseded"
        case .expired: "Expired"
        }
    }
}
