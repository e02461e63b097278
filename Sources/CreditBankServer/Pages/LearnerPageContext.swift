import CreditBankCore
import Hummingbird

/// The context of every learner page: the signed-in learner comes with the request, so a handler
/// never looks the session up itself and can never forget to. Made from `BankRequestContext` when
/// the route group is entered; without a learner session the request goes to `/login` (303), and a
/// staff session is refused (403), before any handler runs.
public struct LearnerPageContext: ChildRequestContext, PageRequestContext, ClientAddressed {
    public typealias ParentContext = BankRequestContext
    public var coreContext: CoreRequestContextStorage
    /// The client's address (rate limits, throttles).
    public let client: String
    /// The signed-in learner.
    public let learner: Learner
    /// The session, for its CSRF token and for signing out.
    let visitor: PageVisitor

    public init(context: BankRequestContext) throws {
        guard let visitor = context.visitor else { throw SignInRequired() }
        guard case .learner(let learner) = visitor.principal else {
            throw APIError(.forbidden, code: "forbidden", message: "these pages are for learners; staff use their own console")
        }
        coreContext = context.coreContext
        client = context.client
        self.learner = learner
        self.visitor = visitor
    }

    /// Forms are URL-encoded (`Request.decode(as:context:)` reads them).
    public var requestDecoder: URLEncodedFormDecoder { URLEncodedFormDecoder() }
    /// Form bodies are small.
    public var maxUploadSize: Int { 64 * 1024 }
    /// Posts must carry this session's token.
    var csrfSession: String? { visitor.sessionToken }
}

/// A request context of the pages: what the form guard needs to check a post.
protocol PageRequestContext: RequestContext {
    /// The session whose CSRF token a form must carry; nil on public pages (sign-in, registration).
    var csrfSession: String? { get }
}


/// The context of the public pages (sign-in, registration, the verification form): the visitor, if
/// signed in, and URL-encoded forms.
public struct PublicPageContext: ChildRequestContext, PageRequestContext, ClientAddressed {
    public typealias ParentContext = BankRequestContext
    public var coreContext: CoreRequestContextStorage
    public let client: String
    /// The signed-in account, if any.
    public let visitor: PageVisitor?

    public init(context: BankRequestContext) {
        coreContext = context.coreContext
        client = context.client
        visitor = context.visitor
    }

    public var requestDecoder: URLEncodedFormDecoder { URLEncodedFormDecoder() }
    public var maxUploadSize: Int { 64 * 1024 }
    /// Public forms have no session to bind a token to; the origin check and SameSite cookies guard them.
    var csrfSession: String? { nil }
}

/// A request context that knows the peer's address (rate limits and login throttles count by it).
public protocol ClientAddressed: RequestContext {
    /// The peer's IP address, or `local` in process.
    var client: String { get }
}

extension BankRequestContext: ClientAddressed {}
