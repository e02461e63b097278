import CreditBankCore
import Hummingbird

/// The context of every staff console page: the signed-in staff member comes with the request.
/// Without a staff session the visitor goes to `/staff/login` (303); a learner session is refused
/// (403). Posts carry the session's CSRF token, as on the learner pages.
public struct StaffPageContext: ChildRequestContext, PageRequestContext, ClientAddressed {
    public typealias ParentContext = BankRequestContext
    public var coreContext: CoreRequestContextStorage
    public let client: String
    /// The signed-in staff member.
    public let staff: StaffMember
    let visitor: PageVisitor

    public init(context: BankRequestContext) throws {
        guard let visitor = context.visitor else { throw SignInRequired(location: "/staff/login") }
        guard case .staff(let staff) = visitor.principal else {
            throw APIError(.forbidden, code: "forbidden", message: "工作人员页面，学习者请使用个人中心。These pages are for staff; learners use /me.")
        }
        coreContext = context.coreContext
        client = context.client
        self.staff = staff
        self.visitor = visitor
    }

    public var requestDecoder: URLEncodedFormDecoder { URLEncodedFormDecoder() }
    public var maxUploadSize: Int { 64 * 1024 }
    var csrfSession: String? { visitor.sessionToken }
}

/// A staff member signed in with a one-time password chooses a new one before anything else:
/// every console page but the password form and signing out leads there.
struct StaffPasswordGateMiddleware: RouterMiddleware {
    typealias Context = StaffPageContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.staff.mustChangePassword, !["/staff/password", "/staff/logout"].contains(request.uri.path) else {
            return try await next(request, context)
        }
        return PageSession.redirect("/staff/password")
    }
}
