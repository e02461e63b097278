import CreditBankBatch
import CreditBankCore
import Foundation
import Hummingbird
import Logging
import Mustache

/// The HTTP adapter: translates the HTTP contract's requests (docs/product.md §5) into core calls and core answers into JSON or
/// HTML. It holds no business rule; the rate limit and the sessions' transport live here (the login throttle counts in the database).
public struct BankServer: Sendable {
    /// The core the routes call.
    public let service: CreditBankService
    /// Limits and lifetimes.
    public let settings: ServerSettings
    let limiter: any LookupLimiter
    let passwords: PasswordWorkers
    let pages: MustacheLibrary
    let openAPI: String
    /// Prints the admins' batches in the background (nil: the batch routes answer 503).
    let batches: BatchRunner?
    /// The seal's certificates as every verification answer lists them, encoded once.
    let sealJSON: ByteBuffer

    /// - Parameter resources: the folder holding `Templates/web/*.mustache` and `docs/openapi.yaml`.
    /// - Throws: `ServerResourceError` naming a missing or invalid file.
    public init(service: CreditBankService, settings: ServerSettings = ServerSettings(), resources: URL, batches: BatchRunner? = nil) throws {
        self.service = service
        self.batches = batches
        self.settings = settings
        limiter =
            settings.sharedLookupLimit && settings.publicLookupsPerMinute > 0
            ? SharedLookupLimiter(service: service, perMinute: settings.publicLookupsPerMinute)
            : RateLimiter(perMinute: settings.publicLookupsPerMinute)
        passwords = PasswordWorkers(threads: settings.passwordThreads)
        pages = try Self.loadPages(resources.appendingPathComponent("Templates/web"))
        let openAPIFile = resources.appendingPathComponent("docs/openapi.yaml")
        guard let text = try? String(contentsOf: openAPIFile, encoding: .utf8) else {
            throw ServerResourceError(file: openAPIFile.path, fault: "cannot be read")
        }
        openAPI = text
        sealJSON = VerificationBody.sealJSON(service.sealer.published)
        _ = ServerMetrics.registry
    }

    static func loadPages(_ folder: URL) throws -> MustacheLibrary {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var templates: [String: MustacheTemplate] = [:]
        for name in names where name.hasSuffix(".mustache") {
            let file = folder.appendingPathComponent(name)
            do {
                templates[String(name.dropLast(".mustache".count))] = try MustacheTemplate(
                    string: String(contentsOf: file, encoding: .utf8))
            } catch {
                throw ServerResourceError(file: file.path, fault: "\(error)")
            }
        }
        for required in ["verify", "login", "me", "documents", "conversions", "verify-form", "page-head", "page-foot"] where templates[required] == nil {
            throw ServerResourceError(file: folder.appendingPathComponent("\(required).mustache").path, fault: "is missing")
        }
        return MustacheLibrary(templates: templates)
    }

    /// The router with every route, and the list of `METHOD /path` it serves (for the OpenAPI check).
    public func router() -> (Router<BankRequestContext>, [String]) {
        let router = Router(context: BankRequestContext.self)
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: LogRequestsMiddleware(.debug, includeHeaders: .none))
        router.add(middleware: ErrorMiddleware())
        let methods = RouteMethods()
        router.add(middleware: MethodNotAllowedMiddleware(routes: methods))
        let routes = RouteTable(router, methods: methods, session: PageSessionMiddleware(service: service)) { problem, status in
            page(problem, frame: frame(), status: status)
        }
        addSystemRoutes(routes)
        addAccountRoutes(routes)
        addCatalogRoutes(routes)
        addOutcomeRoutes(routes)
        addConversionRoutes(routes)
        addReviewRoutes(routes)
        addDocumentRoutes(routes)
        addVerificationRoutes(routes)
        addBatchRoutes(routes)
        addPageRoutes(routes)
        addStaffPages(routes)
        return (router, routes.entries)
    }

    /// The application on `host:port`, with graceful shutdown on SIGTERM/SIGINT via `runService()`.
    public func application(host: String, port: Int, logger: Logger) -> some ApplicationProtocol {
        Application(
            router: router().0, configuration: .init(address: .hostname(host, port: port), serverName: "creditbank"), logger: logger)
    }
}

/// A resource the server needs at start-up is missing or broken.
public struct ServerResourceError: Error, CustomStringConvertible {
    /// The file concerned.
    public let file: String
    /// What is wrong with it.
    public let fault: String
    public var description: String { "\(file): \(fault)" }
}

/// Registers routes on the router and remembers them; used only while the router is assembled.
final class RouteTable {
    let router: Router<BankRequestContext>
    let methods: RouteMethods
    /// Renders the page that says why a page request was refused.
    let problemPage: @Sendable (ProblemPage, HTTPResponse.Status) -> Response
    /// Reads the page session from the cookie, on page routes only (the API never pays for it).
    let session: PageSessionMiddleware
    private(set) var entries: [String] = []

    init(
        _ router: Router<BankRequestContext>, methods: RouteMethods, session: PageSessionMiddleware,
        problemPage: @escaping @Sendable (ProblemPage, HTTPResponse.Status) -> Response
    ) {
        self.router = router
        self.methods = methods
        self.session = session
        self.problemPage = problemPage
    }

    func add(
        _ method: HTTPRequest.Method, _ path: String,
        _ handler: @escaping @Sendable (Request, BankRequestContext) async throws -> Response
    ) {
        record(method, path)
        Self.register(on: router, method, path, handler)
    }

    /// Notes `METHOD path` (and HEAD beside GET) for the OpenAPI check and the 405 answers.
    func record(_ method: HTTPRequest.Method, _ path: String) {
        entries.append("\(method.rawValue) \(path)")
        methods.add(method, path)
        if method == .get { methods.add(.head, path) }
    }

    /// Registers `handler`, and for GET also HEAD: GET without the body (RFC 9110 §9.3.2).
    static func register<Context: RequestContext>(
        on routes: some RouterMethods<Context>, _ method: HTTPRequest.Method, _ path: String,
        _ handler: @escaping @Sendable (Request, Context) async throws -> Response
    ) {
        routes.on(RouterPath(path), method: method, use: handler)
        guard method == .get else { return }
        routes.on(RouterPath(path), method: .head) { request, context in
            var response = try await handler(request, context)
            let length = response.body.contentLength
            response.body = ResponseBody()
            if let length { response.headers[.contentLength] = String(length) }
            return response
        }
    }

    /// Public pages under `prefix`: security headers, refusals as pages, same-origin form posts.
    func pages(_ prefix: String) -> GroupRoutes<PublicPageContext> {
        GroupRoutes(group: pageGroup(prefix).group(context: PublicPageContext.self), prefix: prefix, table: self)
    }

    /// A signed-in learner's pages under `prefix`: as `pages`, and the learner in the context (or a
    /// redirect to `/login`), and every post checked for the session's CSRF token.
    func learnerPages(_ prefix: String) -> GroupRoutes<LearnerPageContext> {
        GroupRoutes(group: pageGroup(prefix).group(context: LearnerPageContext.self), prefix: prefix, table: self)
    }

    /// Staff console pages under `prefix`: as `pages`, the staff member in the context (or a redirect
    /// to `/staff/login`), and every post checked for the session's CSRF token.
    func staffPages(_ prefix: String) -> GroupRoutes<StaffPageContext> {
        GroupRoutes(
            group: pageGroup(prefix).group(context: StaffPageContext.self).add(middleware: StaffPasswordGateMiddleware()), prefix: prefix,
            table: self)
    }

    private func pageGroup(_ prefix: String) -> RouterGroup<BankRequestContext> {
        router.group(RouterPath(prefix))
            .add(middleware: session)
            .add(middleware: PageHeadersMiddleware<BankRequestContext>())
            .add(middleware: PageErrorMiddleware<BankRequestContext>(render: problemPage))
            .add(middleware: PathIDMiddleware<BankRequestContext>())
    }
}

/// The routes of one group with its own request context, recorded in the table with their full paths.
struct GroupRoutes<Context: PageRequestContext> {
    let group: RouterGroup<Context>
    let prefix: String
    let table: RouteTable

    init(group: RouterGroup<Context>, prefix: String, table: RouteTable) {
        self.group = group.add(middleware: FormGuardMiddleware<Context>())
        self.prefix = prefix
        self.table = table
    }

    func add(_ method: HTTPRequest.Method, _ path: String, _ handler: @escaping @Sendable (Request, Context) async throws -> Response) {
        let full = prefix + path
        table.record(method, full.isEmpty ? "/" : full)
        RouteTable.register(on: group, method, path, handler)
    }
}
