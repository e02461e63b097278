import CreditBankBatch
import CreditBankDocuments
import CreditBankAccess
import CreditBankCore
import CreditBankSeal
import CreditBankServer
import CreditBankStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization

/// The repository root (Templates/, Fonts/, docs/), found from this file.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A renderer that wraps the snapshot as fake PDF bytes (the router tests need no cairo).
struct FakePDFRenderer: DocumentRendering {
    /// Simpler than the prepared fonts: nothing of plane 3 (CJK Extensions G and H, U+30000…) prints.
    let coverage = GlyphCoverage(ranges: [0...0x2FFFF, 0x40000...0x10FFFF])
    func render(kind: DocumentKind, language: DocumentLanguage, snapshot: [UInt8]) async throws -> RenderedPDF {
        RenderedPDF(
            bytes: Array("%PDF-1.5 fake \(kind.rawValue)\n".utf8) + snapshot, templateName: "\(kind.rawValue).\(language.rawValue)",
            templateVersion: 1)
    }
}

/// One seal for the whole test run (an RSA key takes a moment to make), in a temporary folder.
enum TestSeal {
    static let folder = SealFolder(
        besideDatabase: FileManager.default.temporaryDirectory.appendingPathComponent("test-seal-\(UUID().uuidString)/db.sqlite").path)
    static let shared: BankSeal = {
        try! FileManager.default.createDirectory(at: folder.url.deletingLastPathComponent(), withIntermediateDirectories: true)
        return try! folder.create(issuer: "学分银行管理中心", keyBits: 2048)
    }()
}

/// A bank with institutions, staff of every role, a catalog, a rule and two learners, served by the
/// real router over an in-memory database. Passwords use bcrypt cost 4 so tests stay quick.
struct ServerFixture {
    static let staffPassword = "Staff2026x"
    static let learnerPassword = "Learner2026"
    static let learnerIDs = ["650102199001011234", "440106198502280019", "11010519491231002X"].map {
        IDCardNumber.completing(String($0.prefix(17)))
    }

    let service: CreditBankService
    let server: BankServer
    let clock: TestClock
    let ncre: CatalogEntry, course: CatalogEntry, elderly: CatalogEntry
    let rule: ConversionRule
    let learner: Learner, otherLearner: Learner
    /// The batch runner, when the fixture was made with a real renderer and a batch folder.
    let batches: BatchRunner?

    init(
        settings: ServerSettings = ServerSettings(), renderer: any DocumentRendering = FakePDFRenderer(),
        baseURL: String = "https://bank.example.cn", batchFolder: URL? = nil
    )
        async throws
    {
        let clock = TestClock(day: LocalDate("2026-11-22")!)
        let service = CreditBankService(
            storage: try AppDatabase(), renderer: renderer, clock: clock, random: SystemRandomSource(),
            settings: .init(baseURL: baseURL), evidenceFiles: MemoryEvidenceFiles(),
            // Real PDFs are sealed as in production; the fake renderer's bytes are not PDFs.
            sealer: renderer is TemplateDocumentRenderer ? TestSeal.shared : NoSeal())
        self.service = service
        self.clock = clock
        if let batchFolder, let renderer = renderer as? TemplateDocumentRenderer {
            batches = BatchRunner(printer: BatchPrinter(service: service, renderer: renderer), folder: batchFolder)
        } else {
            batches = nil
        }
        server = try BankServer(service: service, settings: settings, resources: repositoryRoot, batches: batches)
        let staffHash = Passwords.hash(Self.staffPassword, cost: 4)
        _ = try await service.addInstitution(code: "NEEA", name: "教育部教育考试院", kind: "certification-body")
        _ = try await service.addInstitution(code: "OUC", name: "国家开放大学", kind: "open-university")
        _ = try await service.addInstitution(code: "ELD", name: "老年大学", kind: "elderly-education")
        _ = try await service.addStaff(username: "admin", displayName: "管理员", role: "admin", institutionCode: nil, passwordHash: staffHash)
        _ = try await service.addStaff(
            username: "ouc-reviewer", displayName: "国开审核员", role: "institution", institutionCode: "OUC", passwordHash: staffHash)
        _ = try await service.addStaff(
            username: "eld-reviewer", displayName: "老年大学审核员", role: "institution", institutionCode: "ELD", passwordHash: staffHash)
        _ = try await service.addStaff(username: "expert", displayName: "专家", role: "expert", institutionCode: nil, passwordHash: staffHash)
        ncre = try await service.addCatalogEntry(
            .init(
                institutionCode: "NEEA", category: "non-academic", subtype: "professional-qualification", name: "全国计算机等级考试一级证书",
                code: "NCRE-1", credits: 2),
            by: .admin)
        course = try await service.addCatalogEntry(
            .init(
                institutionCode: "OUC", category: "academic", subtype: "course", name: "计算机应用基础", code: "OU-CS-0101", credits: 4, hours: 72),
            by: .admin)
        elderly = try await service.addCatalogEntry(
            .init(institutionCode: "ELD", category: "non-academic", subtype: "training", name: "老年教育课程", code: "LNJY-01", credits: 1),
            by: .admin)
        rule = try await service.addRule(
            .init(
                code: "202201240004", name: "全国计算机等级考试一级证书转换计算机应用基础", sources: [.init(catalogEntryID: ncre.id, minimumScore: 60)],
                targetCatalogEntryID: course.id, credits: 4, ratio: 80))
        let learnerHash = Passwords.hash(Self.learnerPassword, cost: 4)
        learner = try await service.register(
            .init(name: "阿卜杜热合曼·买买提", idNumber: Self.learnerIDs[0], phone: "13800138000"), passwordHash: learnerHash)
        otherLearner = try await service.register(
            .init(name: "𠮷田", idNumber: Self.learnerIDs[1], phone: "13900139000"), passwordHash: learnerHash)
    }

    /// Runs `body` against the router in process.
    func test<Value: Sendable>(_ body: @Sendable (Client) async throws -> Value) async throws -> Value {
        let app = Application(router: server.router().0)
        return try await app.test(.router) { client in try await body(Client(base: client)) }
    }
}

/// A test client with JSON and bearer-token helpers.
struct Client: Sendable {
    let base: any TestClientProtocol

    func request(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: String? = nil, bytes: [UInt8]? = nil,
        headers: HTTPFields = [:]
    )
        async throws -> TestResponse
    {
        var headers = headers
        if let token { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(string: json)
        }
        if let bytes { body = ByteBuffer(bytes: bytes) }
        return try await base.executeRequest(uri: uri, method: method, headers: headers, body: body)
    }

    /// Signs in and returns the token.
    func login(_ login: String, _ password: String) async throws -> String {
        let response = try await request(.post, "/api/v1/auth/login", json: #"{"login": "\#(login)", "password": "\#(password)"}"#)
        guard response.status == .ok, let token = response.json["token"] as? String else {
            throw TestFailure("login \(login) answered \(response.status): \(response.text)")
        }
        return token
    }

    func staff(_ username: String) async throws -> String { try await login(username, ServerFixture.staffPassword) }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }
    var array: [[String: Any]] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [[String: Any]] ?? [] }
    var bytes: [UInt8] { Array(body.readableBytesView) }
    /// `error.code` of an error answer.
    var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
    var errorField: String? { (json["error"] as? [String: Any])?["field"] as? String }
}

/// A tiny valid PNG (1×1).
let pngBytes: [UInt8] = [
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,
    0x00, 0x01,
    0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01,
    0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
]

extension ServerFixture {
    /// The learner's stored NCRE outcome obtained `on` (added through the API; one per day, since the
    /// same achievement is refused twice) and a submitted application under the rule.
    func submittedApplication(_ client: Client, token: String, on date: String = "2026-06-01") async throws -> (
        outcome: Int, application: Int
    ) {
        let outcome = try await client.request(
            .post, "/api/v1/me/outcomes", token: token, json: #"{"catalogId": \#(ncre.id), "obtainedOn": "\#(date)", "score": 86}"#)
        guard outcome.status == .created, let outcomeID = outcome.json["id"] as? Int else { throw TestFailure("outcome: \(outcome.text)") }
        let application = try await client.request(
            .post, "/api/v1/me/conversions", token: token, json: #"{"outcomeIds": [\#(outcomeID)], "ruleId": \#(rule.id)}"#)
        guard application.status == .created, let applicationID = application.json["id"] as? Int else {
            throw TestFailure("application: \(application.text)")
        }
        return (outcomeID, applicationID)
    }

    /// Drives an application through both reviews; returns the certificate's document id.
    func approve(_ application: Int, _ client: Client) async throws -> Int {
        let reviewer = try await client.staff("ouc-reviewer")
        let expert = try await client.staff("expert")
        let initial = try await client.request(
            .post, "/api/v1/reviews/conversions/\(application)", token: reviewer, json: #"{"decision": "approve", "opinion": "材料齐全"}"#)
        guard initial.status == .ok else { throw TestFailure("initial: \(initial.text)") }
        let final = try await client.request(
            .post, "/api/v1/reviews/conversions/\(application)", token: expert, json: #"{"decision": "approve", "opinion": "同意转换"}"#)
        guard final.status == .ok, let certificate = final.json["certificateId"] as? Int else { throw TestFailure("final: \(final.text)") }
        return certificate
    }
}
