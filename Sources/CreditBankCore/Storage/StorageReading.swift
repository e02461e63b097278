import Foundation

/// Queries the core needs, inside a read or write transaction.
public protocol StorageReading {
    func learner(_ id: LearnerID) throws -> Learner?
    /// The learner with this ID number or phone, for login and duplicate checks.
    func learner(idNumber: String) throws -> Learner?
    func learner(phone: String) throws -> Learner?
    func shareLink(_ id: ShareLinkID) throws -> ShareLink?
    func shareLink(tokenHash: String) throws -> ShareLink?
    /// The learner's share links, newest first.
    func shareLinks(of learner: LearnerID) throws -> [ShareLink]
    /// How often a document's verification count was written.
    func verificationCount(of document: DocumentID) throws -> Int
    /// Look-ups of the learner's documents since `since`, newest first, at most `limit`.
    func lookups(ofHolder learner: LearnerID, since: Date, limit: Int) throws -> [HolderLookup]
    /// Audit entries, newest first: of one action, one staff account, within [from, before).
    func auditEntries(action: AuditAction?, staff: StaffID?, from: Date?, before: Date?, limit: Int, offset: Int) throws
        -> Page<AuditEntry>
    /// One activation request.
    func activationRequest(_ id: ActivationID) throws -> ActivationRequest?
    /// The newest activation request for an account, if any.
    func latestActivationRequest(of learner: LearnerID) throws -> ActivationRequest?
    /// Waiting activation requests, for accounts `institution` created (all when nil), oldest first.
    func waitingActivationRequests(institution: InstitutionID?) throws -> [ActivationRequest]

    func institution(_ id: InstitutionID) throws -> Institution?
    func institution(code: String) throws -> Institution?
    func institutions() throws -> [Institution]

    func staff(_ id: StaffID) throws -> StaffMember?
    func staff(username: String) throws -> StaffMember?
    /// Every staff account, by username.
    func allStaff() throws -> [StaffMember]

    func catalogEntry(_ id: CatalogEntryID) throws -> CatalogEntry?
    func catalogEntry(institution: InstitutionID, code: String) throws -> CatalogEntry?
    /// Entries whose name, code or institution name contains `query` (any substring), newest first.
    func searchCatalog(query: String?, institution: InstitutionID?, page: PageRequest) throws -> Page<CatalogEntry>

    func rule(_ id: RuleID) throws -> ConversionRule?
    func rule(code: String) throws -> ConversionRule?
    /// Rules whose code or name contains `query`.
    /// Rules whose code or name, target's name or target institution's name contains `query`, in code order.
    func searchRules(query: String?, targetCategory: OutcomeCategory?, publishedOnly: Bool, page: PageRequest) throws -> Page<ConversionRule>
    /// Published rules with any of `catalogEntries` among their sources.
    func rules(withSourceIn catalogEntries: Set<CatalogEntryID>) throws -> [ConversionRule]
    /// How many applications name the rule.
    func applicationCount(rule: RuleID) throws -> Int

    func outcome(_ id: OutcomeID) throws -> Outcome?
    func outcomes(of learner: LearnerID) throws -> [Outcome]
    /// Outcomes waiting for recognition, of one institution or (nil) of all.
    func recognitionQueue(institution: InstitutionID?) throws -> [Outcome]
    func reviews(ofOutcome id: OutcomeID) throws -> [ReviewRecord]

    func application(_ id: ApplicationID) throws -> ConversionApplication?
    func applications(of learner: LearnerID) throws -> [ConversionApplication]
    /// Applications that offer `outcome` as a source.
    func applications(withSource outcome: OutcomeID) throws -> [ConversionApplication]
    /// The application whose certificate is `document`.
    func application(certificate document: DocumentID) throws -> ConversionApplication?
    /// Applications in `status` whose rule's target belongs to `targetInstitution` (nil: any).
    func conversionQueue(status: ConversionStatus, targetInstitution: InstitutionID?) throws -> [ConversionApplication]
    func reviews(ofApplication id: ApplicationID) throws -> [ReviewRecord]
    /// Of `outcomes`, those held by a live or succeeded application on `basis` (the same rule, or
    /// case by case for the same target).
    func outcomesInUse(_ basis: ConversionBasis, among outcomes: [OutcomeID]) throws -> Set<OutcomeID>
    /// Distinct rules each outcome is used under by a live or succeeded application.
    func usedRuleCounts(of learner: LearnerID) throws -> [OutcomeID: Int]

    func document(_ id: DocumentID) throws -> IssuedDocument?
    func document(code: VerificationCode) throws -> IssuedDocument?
    /// What a look-up by `code` answers (the public fields, status, summary and the newer code), in one query.
    func registryRecord(code: VerificationCode) throws -> RegistryRecord?
    /// The document whose stored PDF has this SHA-256 (lower-case hex).
    func document(sha256: String) throws -> IssuedDocument?
    func documents(of learner: LearnerID) throws -> [IssuedDocument]
    /// Documents whose holder's name contains `name`, newest first, at most `limit`.
    func documents(holderNameContaining name: String, limit: Int) throws -> [IssuedDocument]
    /// The public summary frozen with the document.
    func publicSummary(of id: DocumentID) throws -> PublicSummary?
    /// What a download of the document's PDF needs (holder, kind, code, hash), in one narrow query.
    func documentFile(_ id: DocumentID) throws -> DocumentFile?
    /// The PDF stored for a document, made by `make`: the storage copies it once, from where the
    /// database holds it into the memory `make` hands it.
    func pdf<Bytes>(of id: DocumentID, _ make: BytesMaker<Bytes>) throws -> Bytes?

    func messages(of learner: LearnerID) throws -> [Message]
    func feedback(of learner: LearnerID) throws -> [Feedback]
    func feedback(_ id: FeedbackID) throws -> Feedback?
    /// Open reports about outcomes of one institution or (nil) of all.
    func openFeedback(institution: InstitutionID?) throws -> [Feedback]
    /// Reports on outcomes of `institution` (all when nil) in `status` (any when nil), newest first.
    func feedback(status: Feedback.Status?, institution: InstitutionID?) throws -> [Feedback]

    /// The stored password hash of an account.
    func passwordHash(of account: AccountRef) throws -> String?
    func session(tokenHash: String) throws -> Session?
    /// When the failed logins under `key` since `since` happened, oldest first.
    func loginFailures(key: String, since: Date) throws -> [Date]

    func evidence(_ id: EvidenceID) throws -> Evidence?
    func evidence(of subject: EvidenceSubject) throws -> [Evidence]
    /// The hash of every evidence file some record refers to.
    func evidenceHashes() throws -> Set<String>

    /// The documents a batch prints, by issue time then id.
    func documentIDs(for query: BatchQuery) throws -> [DocumentID]
    func batch(_ id: BatchID) throws -> BatchJob?
    /// Jobs in any of `status`, oldest first.
    func batches(status: Set<BatchJob.Status>) throws -> [BatchJob]
    /// The newest batches, newest first.
    func recentBatches(limit: Int) throws -> [BatchJob]
}

extension StorageReading {
    /// The PDF bytes stored for a document.
    public func pdf(of id: DocumentID) throws -> [UInt8]? {
        try pdf(of: id, BytesMakers.array)
    }
}

/// Makes a value of `count` bytes, handing `fill` the memory to write them to: a stored file is
/// copied once, straight into the buffer that will hold it (a server's response buffer).
public typealias BytesMaker<Bytes> = @Sendable (_ count: Int, _ fill: (UnsafeMutableRawBufferPointer) throws -> Void) throws -> Bytes

public enum BytesMakers {
    /// The bytes as an array.
    public static func array(_ count: Int, _ fill: (UnsafeMutableRawBufferPointer) throws -> Void) throws -> [UInt8] {
        try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            try fill(UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
    }
}
