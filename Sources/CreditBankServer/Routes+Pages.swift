import CreditBankCore
import Foundation
import Hummingbird

/// The learner's pages (server-rendered, Chinese first, readable on a phone, no scripts): sign-in,
/// personal centre, documents (download, issue a transcript or a proof), conversions with their
/// reviews, and a form to verify a code (docs/product.md §8).
///
/// The route layer does the checks once for every page: `PageSessionMiddleware` reads the cookie;
/// the learner group's `LearnerPageContext` carries the signed-in learner (or sends the visitor to
/// `/login`); `FormGuardMiddleware` checks the origin and CSRF token of every post;
/// `PageHeadersMiddleware` sends the security headers; `PageErrorMiddleware` turns refusals into
/// pages. Handlers call the same core operations as the API, so the access rules are the same.
extension BankServer {
    func addPageRoutes(_ routes: RouteTable) {
        let public_ = routes.pages("")
        public_.add(.get, "/") { _, _ in PageSession.redirect("/me") }

        public_.add(.get, "/login") { _, context in
            if case .learner = context.visitor?.principal { return PageSession.redirect("/me") }
            return page(LoginPage(), frame: frame())
        }

        public_.add(.post, "/login") { request, context in
            try await signIn(request, context, staff: false) { login, problem, status in
                page(LoginPage(login: login, problem: problem), frame: frame(), status: status)
            }
        }

        public_.add(.get, "/register") { _, context in
            if case .learner = context.visitor?.principal { return PageSession.redirect("/me") }
            return page(RegisterPage(), frame: frame())
        }
        public_.add(.post, "/register") { request, context in try await registerByForm(request, context) }

        public_.add(.get, "/v") { request, _ in
            if let code = request.uri.queryParameters["code"].map(String.init), !code.isEmpty {
                let path = code.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-"))) ?? ""
                return PageSession.redirect("/v/\(path)")
            }
            return page(VerifyFormPage(baseURL: service.settings.baseURL), frame: frame())
        }

        routes.learnerPages("").add(.post, "/logout") { _, context in
            try await service.closeSession(token: context.visitor.sessionToken)
            var response = PageSession.redirect("/login")
            response.setCookie(PageSession.clearedCookie(secure: secureCookies))
            return response
        }

        let me = routes.learnerPages("/me")
        me.add(.get, "") { _, context in try await centre(context) }
        me.add(.get, "/documents") { request, context in
            var model = try await documentsPage(context.learner)
            if let issued = request.uri.queryParameters["issued"].map(String.init) { model.notice = "已开具，验证码 \(issued)。" }
            return page(model, for: context)
        }
        me.add(.post, "/documents") { request, context in try await issueDocument(request, context) }
        me.add(.get, "/documents/{id}/pdf") { request, context in
            let (document, bytes) = try await service.pdf(of: try context.parameters.id(), holder: context.learner.id, make: ByteBuffer.made)
            return Self.pdfDownload(document, bytes, request: request)
        }
        me.add(.get, "/conversions") { request, context in
            let done = request.uri.queryParameters["done"].map(String.init)
            let notice = done == "submitted" ? "申请已提交，等待初审。Submitted: waiting for initial review." : done == "withdrawn" ? "已撤回。Withdrawn." : nil
            return try await conversions(request, context, notice: notice)
        }
        addOutcomePages(me)
        addRulePages(public_: public_, me: me)
        addCasePages(me)
        addAccountPages(me)
        addFeedbackPages(me)
        addUploadPages(public_)
        addActivatePages(public_)
        addSharePages(public_: public_, me: me)
    }

    /// Registers a learner from the form and signs them in; a refusal shows the form again with
    /// what was typed and the reason beside the field.
    func registerByForm(_ request: Request, _ context: PublicPageContext) async throws -> Response {
        let form = try await request.decode(as: RegisterForm.self, context: context)
        var model = RegisterPage(
            name: form.name ?? "", idNumber: form.idNumber ?? "", phone: form.phone ?? "", agreed: form.agreement == "yes")
        if (form.password ?? "") != (form.password2 ?? "") {
            model.passwordProblem = "两次输入的密码不一致。The two passwords differ."
        } else if !model.agreed {
            model.agreementProblem = "请阅读并同意用户协议。Please read and accept the user agreement."
        } else {
            do {
                let learner = try await register(
                    Registration(name: model.name, idNumber: model.idNumber, phone: model.phone), password: form.password ?? "")
                let opened = try await service.openSession(for: .learner(learner.id), lifetime: settings.sessionLifetime)
                var response = PageSession.redirect("/me")
                response.setCookie(PageSession.cookie(opened.token, lifetime: settings.sessionLifetime, secure: secureCookies))
                return response
            } catch let error as CreditBankError {
                model.place(field: error.field, message: error.field == nil ? Self.pageMessage(error) : error.reason)
            } catch let error as APIError {
                model.place(field: error.field, message: error.message)
            }
        }
        return page(model, frame: frame(), status: .unprocessableContent)
    }

    /// Signs in from a sign-in form (learners at `/login`, staff at `/staff/login`): the shared
    /// throttle and password check, the account kind the page is for, then the session cookie and a
    /// redirect to the home page; `refused` shows the form again with the login typed and the problem.
    func signIn(
        _ request: Request, _ context: PublicPageContext, staff: Bool,
        refused: (_ login: String, _ problem: String, _ status: HTTPResponse.Status) -> Response
    ) async throws -> Response {
        let form = try await request.decode(as: LoginForm.self, context: context)
        let login = form.login?.trimmingCharacters(in: .whitespaces) ?? ""
        let credentials: Credentials
        switch try await checkLogin(login, form.password ?? "", request, context) {
        case .throttled(let wait): return refused(login, "登录失败次数过多，请 \(wait) 秒后再试。Too many failed sign-ins: wait \(wait) s.", .tooManyRequests)
        case .refused:
            return refused(login, staff ? "用户名或密码不正确。Wrong username or password." : "证件号/手机号或密码不正确。", .unauthorized)
        case .accepted(let accepted): credentials = accepted
        }
        switch (credentials.account, staff) {
        case (.learner, false), (.staff, true): break
        case (.staff, false): return refused(login, "此入口仅供学习者使用；工作人员请从 /staff/login 登录。Staff sign in at /staff/login.", .forbidden)
        case (.learner, true): return refused(login, "此入口仅供工作人员使用；学习者请从 /login 登录。Learners sign in at /login.", .forbidden)
        }
        let opened = try await service.openSession(for: credentials.account, lifetime: settings.sessionLifetime)
        var response = PageSession.redirect(staff ? "/staff" : "/me")
        response.setCookie(PageSession.cookie(opened.token, lifetime: settings.sessionLifetime, secure: secureCookies))
        return response
    }

    /// Cookies are `Secure` when the service is reached over https.
    var secureCookies: Bool { service.settings.baseURL.hasPrefix("https:") }

    func centre(_ context: LearnerPageContext) async throws -> Response {
        let learner = context.learner
        let summary = try await service.summary(of: learner.id)
        let allMessages = try await service.messages(of: learner.id)
        let messages = allMessages.prefix(10)
        let model = CentrePage(
            cardId: learner.cardID, accountNumber: learner.accountNumber, idMasked: learner.idNumber.masked,
            phoneMasked: learner.phone?.masked ?? "—", totalCredits: summary.totalCredits.description,
            storedCount: summary.outcomeCounts[.stored] ?? 0, waitingCount: summary.outcomeCounts[.recognitionRequested] ?? 0,
            conversionCount: summary.applicationCounts.values.reduce(0, +), documentCount: summary.documentCount,
            categories: OutcomeCategory.allCases.compactMap { category in
                summary.creditsByCategory[category].map { .init(name: category.chineseName, credits: $0.description) }
            },
            messages: messages.map { .init(text: $0.text, at: Self.chinaTime($0.createdAt)) },
            unreadCount: allMessages.count { $0.readAt == nil }, hasUnread: allMessages.contains { $0.readAt == nil })
        return page(model, for: context)
    }

    func issueDocument(_ request: Request, _ context: LearnerPageContext) async throws -> Response {
        let form = try await request.decode(as: IssueDocumentForm.self, context: context)
        let months = form.validityMonths.flatMap { $0.isEmpty ? nil : Int($0) }
        do {
            let document: IssuedDocument
            switch form.kind {
            case DocumentKind.transcript.rawValue?:
                document = try await service.issueTranscript(
                    validityMonths: months, language: context.learner.documentLanguage, for: context.learner.id)
            case DocumentKind.outcomeProof.rawValue?:
                let ids = (form.outcomeId ?? []).compactMap { Int64($0) }.map { OutcomeID(rawValue: $0) }
                document = try await service.issueOutcomeProof(
                    outcomeIDs: ids, validityMonths: months, language: context.learner.documentLanguage, for: context.learner.id)
            default:
                throw CreditBankError.invalid(field: "kind", reason: "choose a transcript or an outcome proof")
            }
            ServerMetrics.documentIssued(document.kind)
            return PageSession.redirect("/me/documents?issued=\(document.code.formatted)")
        } catch let error as CreditBankError {
            var model = try await documentsPage(context.learner)
            model.problem = Self.pageMessage(error)
            return page(model, for: context, status: .unprocessableContent)
        }
    }

    func documentsPage(_ learner: Learner) async throws -> DocumentsPage {
        let now = service.clock.now()
        let documents = try await service.documents(of: learner.id).map { document in
            let status = document.status(at: now)
            return DocumentsPage.Document(
                id: document.id.description, kindName: document.kind.chineseName, code: document.code.formatted, status: status.name,
                statusName: status.chineseName, issuedOn: LocalDate(document.issuedAt).description,
                verifyUrl: "/v/\(document.code.canonical)", expiresOn: document.expiresAt.map { LocalDate($0).description })
        }
        let stored = try await service.outcomes(of: learner.id).map(\.outcome).filter { $0.status == .stored }.map { outcome in
            DocumentsPage.StoredOutcome(
                id: outcome.id.description, name: outcome.name, issuer: outcome.issuer, obtainedOn: outcome.obtainedOn.description,
                credits: (outcome.credits ?? .zero).description)
        }
        return DocumentsPage(documents: documents, stored: stored, hasStored: !stored.isEmpty)
    }

    /// `/me/conversions`: manual 002's tabs (审核中, 转换成功, 转换失败) with counts, a date filter on
    /// the submission day, each application's progress through the two reviews and its records.
    func conversions(_ request: Request, _ context: LearnerPageContext, notice: String?) async throws -> Response {
        let query = request.uri.queryParameters
        let tab = ConversionsPage.TabKind(rawValue: query["tab"].map(String.init) ?? "") ?? .all
        let from = query["from"].flatMap { LocalDate(String($0)) }
        let to = query["to"].flatMap { LocalDate(String($0)) }
        let inWindow = try await service.applications(of: context.learner.id).filter { record in
            let day = LocalDate(record.application.submittedAt)
            return (from.map { day >= $0 } ?? true) && (to.map { day <= $0 } ?? true)
        }
        var window = ""
        if let from { window += "&from=\(from)" }
        if let to { window += "&to=\(to)" }
        let tabs = ConversionsPage.TabKind.allCases.map { kind in
            ConversionsPage.Tab(
                label: kind.label, href: "/me/conversions?tab=\(kind.rawValue)\(window)", current: kind == tab,
                count: inWindow.filter { kind.includes($0.application.status) }.count)
        }
        let applications = inWindow.filter { tab.includes($0.application.status) }.map { record in
            let (application, reviews) = (record.application, record.reviews)
            return ConversionsPage.Application(
                id: application.id.description, number: application.number, basis: record.terms.basisName,
                target: "\(record.terms.target.name)（\(record.terms.grantedCredits) 学分）", status: application.status.rawValue,
                statusName: application.status.chineseName, submittedOn: LocalDate(application.submittedAt).description,
                canWithdraw: application.status == .submitted, closedOn: application.closedAt.map { LocalDate($0).description },
                certificateId: application.certificateID?.description,
                pendingNote: Self.pendingNote(application.status, reviewed: !reviews.isEmpty),
                steps: ConversionsPage.steps(application.status, reviews: reviews),
                reviews: reviews.map { review in
                    .init(
                        stageName: review.stage.chineseName, decisionName: review.decision == .approve ? "通过" : "不通过",
                        reviewerName: review.reviewerName, opinion: review.opinion, decidedOn: LocalDate(review.decidedAt).description)
                })
        }
        let model = ConversionsPage(
            tab: tab.rawValue, tabs: tabs, from: from?.description ?? "", to: to?.description ?? "", applications: applications,
            hasApplications: !applications.isEmpty, notice: notice)
        return page(model, for: context)
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
        return String(
            format: "%04d-%02d-%02d %02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0)
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
}
