import Foundation

/// The credit bank's business operations: every rule of docs/product.md §2 applied in one place, over the
/// storage, rendering, clock and randomness ports. The HTTP layer and the command line only
/// translate to and from these calls.
public struct CreditBankService: Sendable {
    /// The database.
    public let storage: any CreditBankStorage
    /// Turns snapshots into PDF bytes.
    public let renderer: any DocumentRendering
    /// Signs every issued PDF with the bank's seal and checks uploaded ones.
    public let sealer: any DocumentSealing
    public let clock: any Clock
    public let random: any RandomSource
    public let settings: Settings
    /// The known outcome subtypes.
    public let subtypes: SubtypeRegistry
    /// Where uploaded evidence bytes are kept.
    public let evidenceFiles: any EvidenceFiles
    /// Recent verification look-ups (memory only).
    public let verificationCache: VerificationCache
    /// How often each document was verified, counted in memory and flushed to storage.
    public let verificationTally = VerificationTally()

    /// What the bank prints about itself and where documents are verified.
    public struct Settings: Sendable {
        /// The issuing body's name, Chinese and English.
        public var issuerName: String
        public var issuerNameEn: String
        /// Base URL of the service; QR codes hold `<base>/v/<code>`.
        public var baseURL: String

        /// Creates settings; a trailing slash of `baseURL` is dropped.
        public init(
            issuerName: String = "学分银行管理中心", issuerNameEn: String = "Credit Bank Administration Centre",
            baseURL: String = "http://localhost:8080"
        ) {
            self.issuerName = issuerName
            self.issuerNameEn = issuerNameEn
            self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        }

        /// `<base>/v`, printed beside the QR code.
        public var verifyBase: String { baseURL + "/v" }
        /// `<base>/v/<CODE>`, the QR content.
        public func verifyURL(for code: VerificationCode) -> String { "\(verifyBase)/\(code.canonical)" }
    }

    /// Creates the service over its ports.
    public init(
        storage: any CreditBankStorage, renderer: any DocumentRendering, clock: any Clock = SystemClock(),
        random: any RandomSource = SystemRandomSource(), settings: Settings = Settings(), subtypes: SubtypeRegistry = .standard,
        evidenceFiles: any EvidenceFiles = MemoryEvidenceFiles(), sealer: any DocumentSealing = NoSeal()
    ) {
        self.evidenceFiles = evidenceFiles
        self.sealer = sealer
        verificationCache = VerificationCache()
        self.storage = storage
        self.renderer = renderer
        self.clock = clock
        self.random = random
        self.settings = settings
        self.subtypes = subtypes
    }
}

extension CreditBankService {
    /// Refuses a value that will be printed on documents but holds a character no font has.
    /// - Throws: `.invalid` naming the field, the characters and their code points.
    func requirePrintable(_ text: String?, field: String) throws(CreditBankError) {
        try renderer.coverage.requirePrintable(text, field: field)
    }
}

extension StorageReading {
    /// Fetches or throws `notFound`, the same answer whether it does not exist or is someone else's.
    public func require<T>(_ value: T?, _ what: @autoclosure () -> String) throws(CreditBankError) -> T {
        guard let value else { throw .notFound(what()) }
        return value
    }

    /// The learner's own outcome, or `notFound`.
    func ownOutcome(_ id: OutcomeID, of learner: LearnerID) throws -> Outcome {
        guard let outcome = try outcome(id), outcome.learnerID == learner else { throw CreditBankError.notFound("outcome \(id)") }
        return outcome
    }
}
