import CreditBankCore
import Hummingbird
import Mustache

/// A page's typed view model: a struct whose stored properties are what its template names.
protocol PageModel: Sendable {
    /// The template in `Templates/web/` (without `.mustache`).
    static var template: String { get }
    /// The page title (Chinese; the layout adds the bank's name).
    var title: String { get }
}

/// What the layout (`page-head`, `page-foot`) shows on every page.
struct PageFrame: Sendable {
    var issuer: String
    var issuerEn: String
    /// Set on a signed-in learner's pages: the name in the header, the sign-out form and its token.
    var signedIn = false
    var learnerName: String?
    var csrf: String?
    /// Set on staff console pages: the staff member's name and the console's navigation.
    var staffSignedIn = false
    var staffName: String?
    /// Which queues the staff member's role works (the console's navigation shows only those).
    var staffRecognises = false, staffInitial = false, staffFinal = false
    /// An administrator: the console's admin pages (audit, …) are in the navigation.
    var staffAdmin = false
}

/// A model and its frame as one Mustache context: a name is looked up in the model first, then in
/// the frame, so templates read `{{csrf}}` and `{{documents}}` alike.
struct PageContext<Model: PageModel>: MustacheParent {
    let model: Model
    let frame: PageFrame

    func child(named name: String) -> Any? {
        if name == "title" { return model.title }
        return Self.value(named: name, in: model) ?? Self.value(named: name, in: frame)
    }

    private static func value(named name: String, in object: Any) -> Any? {
        guard let child = Mirror(reflecting: object).children.first(where: { $0.label == name }) else { return nil }
        let mirror = Mirror(reflecting: child.value)
        guard mirror.displayStyle == .optional else { return child.value }
        return mirror.children.first?.value
    }
}

extension BankServer {
    /// The frame of a page for `learner` (signed in) or for anyone.
    func frame(for learner: LearnerPageContext? = nil) -> PageFrame {
        PageFrame(
            issuer: service.settings.issuerName, issuerEn: service.settings.issuerNameEn, signedIn: learner != nil,
            learnerName: learner?.learner.name.value, csrf: learner?.visitor.csrf)
    }

    /// Renders `model` in its template within the layout.
    func page<Model: PageModel>(_ model: Model, frame: PageFrame, status: HTTPResponse.Status = .ok) -> Response {
        let html = pages.render(PageContext(model: model, frame: frame), withTemplate: Model.template) ?? ""
        return Response(status: status, headers: PageSession.htmlHeaders, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// Renders a learner's page.
    func page<Model: PageModel>(_ model: Model, for context: LearnerPageContext, status: HTTPResponse.Status = .ok) -> Response {
        page(model, frame: frame(for: context), status: status)
    }
}

/// The page that says why a request was refused, with a way back.
struct ProblemPage: PageModel {
    static let template = "problem"
    var title: String
    var message: String
    var back: String
}

/// Turns a refusal on a page route into an HTML page that says why (a browser shows it), instead of
/// the API's JSON: 403 form checks, 404 addresses, core refusals. Redirects pass through.
struct PageErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let render: @Sendable (ProblemPage, HTTPResponse.Status) -> Response

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as SignInRequired {
            throw error
        } catch let error as APIError {
            return render(Self.problem(error.status, error.message, request), error.status)
        } catch let error as CreditBankError {
            let answer = APIError(error)
            return render(Self.problem(answer.status, BankServer.pageMessage(error), request), answer.status)
        } catch let error as HTTPError where error.status.code < 500 {
            return render(Self.problem(error.status, error.body ?? error.status.reasonPhrase, request), error.status)
        } catch is DecodingError {
            return render(Self.problem(.badRequest, "表单无法读取，请从页面重新提交。The form could not be read.", request), .badRequest)
        } catch is URLEncodedFormError {
            return render(Self.problem(.badRequest, "表单无法读取，请从页面重新提交。The form could not be read.", request), .badRequest)
        }
    }

    static func problem(_ status: HTTPResponse.Status, _ message: String, _ request: Request) -> ProblemPage {
        let title =
            switch status.code {
            case 403: "无法完成 Not allowed"
            case 404: "未找到 Not found"
            case 409: "当前状态不允许 Not possible now"
            case 429: "请稍后再试 Too many requests"
            default: "请求有误 Cannot be done"
            }
        return ProblemPage(title: title, message: message, back: request.uri.path.hasPrefix("/staff") ? "/staff" : "/me")
    }
}

/// A page address with a malformed id (`/me/documents/0/pdf`) is not found, whoever asks — before
/// anything else, so a signed-out visitor is not sent to sign in for an address that cannot exist.
struct PathIDMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if context.parameters.get("id") != nil {
            let _: Identifier<Never> = try context.parameters.id()
        }
        return try await next(request, context)
    }
}
