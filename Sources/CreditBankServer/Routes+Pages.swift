import CreditBankCore
import Foundation
import Hummingbird

/// The learner's pages (server-rendered, Chinese first, readable on a phone, no scripts): sign-in,
/// personal centre, documents (download, issue a transcript or a proof), conversions with their
/// reviews, and a form to verify a code. They call the same core operations as the API, with the
/// same access rules: a learner sees only their own records, by the session in an HttpOnly,
/// SameSite=Strict cookie; every form post carries the session's CSRF token and must come from
/// this origin.
extension BankServer {
    func addPageRoutes(_ routes: RouteTable) {
        routes.add(.get, "/") { _, _ in PageSession.redirect("/me") }

        routes.add(.get, "/login") { request, _ in
            if let token = PageSession.token(request), case .learner = try await service.principal(forToken: token) {
                return PageSession.redirect("/me")
            }
            return page("login", title: "登录", [:])
        }

        routes.add(.post, "/login") { request, context in
            guard PageSession.isSameOrigin(request) else { return page("login", title: "登录", ["problem": "请从本站页面登录。"], status: .forbidden) }
            let form = try await PageSession.form(request, limit: settings.jsonBodyLimit)
            let login = form["login"]?.first?.trimmingCharacters(in: .whitespaces) ?? ""
            let password = form["password"]?.first ?? ""
            let credentials: Credentials
            switch try await checkLogin(login, password, request, context) {
            case .throttled(let wait):
                return page("login", title: "登录", ["problem": "登录失败次数过多，请 \(wait) 秒后再试。", "login": login], status: .tooManyRequests)
            case .refused:
                return page("login", title: "登录", ["problem": "证件号/手机号或密码不正确。", "login": login], status: .unauthorized)
            case .accepted(let accepted): credentials = accepted
            }
            guard case .learner = credentials.account else {
                return page("login", title: "登录", ["problem": "此入口仅供学习者使用；工作人员请使用接口。"], status: .forbidden)
            }
            let opened = try await service.openSession(for: credentials.account, lifetime: settings.sessionLifetime)
            return PageSession.redirect("/me", cookie: PageSession.cookie(opened.token, lifetime: settings.sessionLifetime, secure: secureCookies))
        }

        routes.add(.post, "/logout") { request, _ in
            if let (_, token) = try await pageLearner(request), try await checkedForm(request, token: token) != nil {
                try await service.closeSession(token: token)
            }
            return PageSession.redirect("/login", cookie: PageSession.clearedCookie(secure: secureCookies))
        }

        routes.add(.get, "/me") { request, _ in
            guard let (learner, token) = try await pageLearner(request) else { return PageSession.redirect("/login") }
            let summary = try await service.summary(of: learner.id)
            let messages = try await service.messages(of: learner.id).prefix(10)
            let categories = OutcomeCategory.allCases.compactMap { category in
                summary.creditsByCategory[category].map { ["name": category.chineseName, "credits": $0.description] }
            }
            return page(
                "me", title: "个人中心", learner: learner, token: token,
                [
                    "cardId": learner.cardID, "accountNumber": learner.accountNumber, "idMasked": learner.idNumber.masked,
                    "phoneMasked": learner.phone.masked, "totalCredits": summary.totalCredits.description,
                    "storedCount": summary.outcomeCounts[.stored] ?? 0, "waitingCount": summary.outcomeCounts[.recognitionRequested] ?? 0,
                    "conversionCount": summary.applicationCounts.values.reduce(0, +), "documentCount": summary.documentCount,
                    "categories": categories,
                    "messages": messages.map { ["text": $0.text, "at": Self.chinaTime($0.createdAt)] },
                ])
        }

        routes.add(.get, "/me/documents") { request, _ in
            guard let (learner, token) = try await pageLearner(request) else { return PageSession.redirect("/login") }
            var data = try await documentsPage(learner)
            if let issued = request.uri.queryParameters["issued"].map(String.init) { data["notice"] = "已开具，验证码 \(issued)。" }
            return page("documents", title: "我的文书", learner: learner, token: token, data)
        }

        routes.add(.post, "/me/documents") { request, _ in
            guard let (learner, token) = try await pageLearner(request) else { return PageSession.redirect("/login") }
            guard let form = try await checkedForm(request, token: token) else {
                return page("documents", title: "我的文书", learner: learner, token: token, ["problem": "表单已过期，请刷新页面后重试。"], status: .forbidden)
            }
            let months = form["validityMonths"]?.first.flatMap { $0.isEmpty ? nil : Int($0) }
            do {
                let document: IssuedDocument
                switch form["kind"]?.first {
                case DocumentKind.transcript.rawValue?:
                    document = try await service.issueTranscript(validityMonths: months, for: learner.id)
                case DocumentKind.outcomeProof.rawValue?:
                    let ids = (form["outcomeId"] ?? []).compactMap { Int64($0) }.map { OutcomeID(rawValue: $0) }
                    document = try await service.issueOutcomeProof(outcomeIDs: ids, validityMonths: months, for: learner.id)
                default:
                    throw CreditBankError.invalid(field: "kind", reason: "choose a transcript or an outcome proof")
                }
                ServerMetrics.documentIssued(document.kind)
                return PageSession.redirect("/me/documents?issued=\(document.code.formatted)")
            } catch let error as CreditBankError {
                var data = try await documentsPage(learner)
                data["problem"] = Self.pageMessage(error)
                return page("documents", title: "我的文书", learner: learner, token: token, data, status: .unprocessableContent)
            }
        }

        routes.add(.get, "/me/documents/{id}/pdf") { request, context in
            let id: DocumentID = try context.parameters.id()  // a malformed address is a 404 whoever asks
            guard let (learner, _) = try await pageLearner(request) else { return PageSession.redirect("/login") }
            let (document, bytes) = try await service.pdf(of: id, holder: learner.id)
            return Self.pdfDownload(document, bytes)
        }

        routes.add(.get, "/me/conversions") { request, _ in
            guard let (learner, token) = try await pageLearner(request) else { return PageSession.redirect("/login") }
            var applications: [[String: Any]] = []
            for (application, reviews) in try await service.applications(of: learner.id) {
                let rule = try await service.rule(application.ruleID)
                var item: [String: Any] = [
                    "number": application.number, "ruleCode": rule.code, "ruleName": rule.name, "status": application.status.rawValue,
                    "statusName": application.status.chineseName, "submittedOn": LocalDate(application.submittedAt).description,
                    "reviews": reviews.map { review in
                        [
                            "stageName": review.stage.chineseName, "decisionName": review.decision == .approve ? "通过" : "不通过",
                            "reviewerName": review.reviewerName, "opinion": review.opinion,
                            "decidedOn": LocalDate(review.decidedAt).description,
                        ]
                    },
                ]
                if let note = Self.pendingNote(application.status, reviewed: !reviews.isEmpty) { item["pendingNote"] = note }
                if let closed = application.closedAt { item["closedOn"] = LocalDate(closed).description }
                if let certificate = application.certificateID { item["certificateId"] = certificate.description }
                applications.append(item)
            }
            return page("conversions", title: "我的转换", learner: learner, token: token, ["applications": applications])
        }

        routes.add(.get, "/v") { request, _ in
            if let code = request.uri.queryParameters["code"].map(String.init), !code.isEmpty {
                let path = code.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-"))) ?? ""
                return PageSession.redirect("/v/\(path)")
            }
            return page("verify-form", title: "文书验证", ["baseURL": service.settings.baseURL])
        }
    }

    /// Cookies are `Secure` when the service is reached over https.
    var secureCookies: Bool { service.settings.baseURL.hasPrefix("https:") }

    /// The learner signed in by cookie, with the session token; nil when there is no live learner session.
    /// - Throws: 403 for a staff session (their accounts hold no learner records).
    func pageLearner(_ request: Request) async throws -> (Learner, String)? {
        guard let token = PageSession.token(request), let principal = try await service.principal(forToken: token) else { return nil }
        guard case .learner(let learner) = principal else {
            throw APIError(.forbidden, code: "forbidden", message: "these pages are for learners")
        }
        return (learner, token)
    }

    /// The posted form when it comes from this origin with the session's CSRF token; nil otherwise.
    func checkedForm(_ request: Request, token: String) async throws -> [String: [String]]? {
        guard PageSession.isSameOrigin(request) else { return nil }
        let form = try await PageSession.form(request, limit: settings.jsonBodyLimit)
        return PageSession.checkCSRF(form["csrf"]?.first, session: token) ? form : nil
    }

    func documentsPage(_ learner: Learner) async throws -> [String: Any] {
        let now = service.clock.now()
        let documents = try await service.documents(of: learner.id).map { document -> [String: Any] in
            let status = document.status(at: now)
            var item: [String: Any] = [
                "id": document.id.description, "kindName": document.kind.chineseName, "code": document.code.formatted,
                "status": status.name, "statusName": status.chineseName, "issuedOn": LocalDate(document.issuedAt).description,
                "verifyUrl": "/v/\(document.code.canonical)",
            ]
            if let expires = document.expiresAt { item["expiresOn"] = LocalDate(expires).description }
            return item
        }
        let stored = try await service.outcomes(of: learner.id).map(\.outcome).filter { $0.status == .stored }.map { outcome -> [String: Any] in
            [
                "id": outcome.id.description, "name": outcome.name, "issuer": outcome.issuer, "obtainedOn": outcome.obtainedOn.description,
                "credits": (outcome.credits ?? .zero).description,
            ]
        }
        // swift-mustache treats a non-empty list as a loop, never as a condition (`{{#stored.0}}` is
        // always false), so the form's presence is its own flag.
        return ["documents": documents, "stored": stored, "hasStored": !stored.isEmpty, "months": Array(1...6)]
    }

    /// What an application's review list says while it has no record for the next step: waiting for
    /// a stage, or withdrawn before review (nil once nothing is pending).
    static func pendingNote(_ status: ConversionStatus, reviewed: Bool) -> String? {
        switch status {
        case .submitted: "等待初审 Waiting for initial review"
        case .awaitingFinalReview: "等待终审 Waiting for final review"
        case .withdrawn: reviewed ? nil : "已撤回，未经审核 Withdrawn before review"
        case .succeeded, .failed: nil
        }
    }

    /// "2026-11-23 06:39" in China time, as a reader of the page expects a message's time.
    static func chinaTime(_ date: Date) -> String {
        let parts = Calendar.chinaStandard.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!)
    }

    /// A core refusal in words for a page.
    static func pageMessage(_ error: CreditBankError) -> String {
        switch error {
        case .invalid(let field, let reason):
            field == "outcomeIds" ? "请选择 1 至 50 项已存储的学习成果（\(reason)）。" : "\(field)：\(reason)"
        case .notFound(let what): "未找到：\(what)"
        case .conflict(let why): why
        case .forbidden(let why): why
        }
    }

    /// Renders a page with the layout's data.
    func page(
        _ name: String, title: String, learner: Learner? = nil, token: String? = nil, _ data: [String: Any],
        status: HTTPResponse.Status = .ok
    ) -> Response {
        var context = data
        context["title"] = title
        context["issuer"] = service.settings.issuerName
        context["issuerEn"] = service.settings.issuerNameEn
        if let learner, let token {
            context["signedIn"] = true
            context["learnerName"] = learner.name.value
            context["csrf"] = PageSession.csrfToken(for: token)
        }
        let html = pages.render(context, withTemplate: name) ?? ""
        return Response(status: status, headers: PageSession.headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
