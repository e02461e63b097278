import Foundation

/// Changes the core makes, inside one write transaction. Inserts ignore the value's `id` and return
/// the value with the id the database gave it. A UNIQUE violation is reported as
/// `CreditBankError.conflict`.
public protocol StorageWriting: StorageReading {
    /// Inserts a learner: with a password when they registered, without (and without a phone) when an
    /// institution created the account for them to activate.
    func insert(_ learner: Learner, passwordHash: String?) throws -> Learner
    /// Activates an institution's account: the name on the ID card, the phone and the password.
    func activate(_ learner: LearnerID, name: PersonName, phone: PhoneNumber, passwordHash: String, at time: Date) throws
    func insert(_ request: ActivationRequest) throws -> ActivationRequest
    func insert(_ link: ShareLink) throws -> ShareLink
    /// Records a link's views and withdrawal.
    func update(_ link: ShareLink) throws
    /// Adds verification counts per document (and when the last was written).
    func addVerifications(_ counts: [DocumentID: Int], at time: Date) throws
    /// Appends look-ups of learners' documents.
    func insert(_ lookups: [VerificationLookup]) throws
    /// Drops the look-ups recorded before `expiredBefore`.
    func dropLookups(before expiredBefore: Date) throws
    /// Appends to the audit log (which is never changed: the schema refuses updates and deletes).
    func insert(_ entry: AuditEntry) throws
    /// Records the decision of a request (status, reason, when, by whom).
    func update(_ request: ActivationRequest) throws
    func insert(_ institution: Institution) throws -> Institution
    func insert(_ staff: StaffMember, passwordHash: String) throws -> StaffMember
    func insert(_ entry: CatalogEntry) throws -> CatalogEntry
    /// Inserts an import's entries, returned in the same order with their ids. One call per import:
    /// a database may write them in a few statements (docs/storage.md, the gram tally).
    func insert(_ entries: [CatalogEntry]) throws -> [CatalogEntry]
    func insert(_ rule: ConversionRule) throws -> ConversionRule
    /// Disables or enables a staff account.
    func setStaffDisabled(_ disabled: Bool, staff: StaffID, at time: Date) throws
    /// Marks a staff account's password as one-time (true) or chosen by its owner (false).
    func setMustChangePassword(_ must: Bool, staff: StaffID) throws
    /// Publishes or withdraws a rule.
    func setPublished(_ published: Bool, rule: RuleID) throws
    /// Removes a rule no application names (the caller checks).
    func delete(rule: RuleID) throws

    func insert(_ outcome: Outcome) throws -> Outcome
    func update(_ outcome: Outcome) throws
    func delete(_ outcome: OutcomeID) throws
    func insert(_ review: ReviewRecord, outcome: OutcomeID) throws

    func insert(_ application: ConversionApplication) throws -> ConversionApplication
    func update(_ application: ConversionApplication) throws
    func insert(_ review: ReviewRecord, application: ApplicationID) throws

    /// Stores a new document with its PDF bytes and public summary.
    func insert(_ document: IssuedDocument, pdf: [UInt8], summary: PublicSummary) throws -> IssuedDocument
    /// Sets the only fields of a document that may change: revocation and superseding.
    func updateStatus(of document: IssuedDocument) throws

    func insert(_ message: Message) throws -> Message
    /// Sets the learner's phone number (unique: the caller checks no one else has it).
    func setPhone(_ phone: PhoneNumber, of learner: LearnerID) throws
    /// Sets the language the learner's documents are issued in.
    func setDocumentLanguage(_ language: DocumentLanguage, of learner: LearnerID) throws
    /// Marks the learner's unread messages read at `time`; returns how many were unread.
    func markMessagesRead(of learner: LearnerID, at time: Date) throws -> Int
    func insert(_ feedback: Feedback) throws -> Feedback
    /// Saves a report's status and resolution.
    func update(_ feedback: Feedback) throws

    func setPasswordHash(of account: AccountRef, to hash: String) throws
    func insert(_ session: Session) throws
    /// Records one failed login under each of `keys`, and forgets those before `expiredBefore`.
    func insertLoginFailure(keys: [String], at time: Date, droppingBefore expiredBefore: Date) throws
    /// Forgets the failed logins under `key` (after a successful login).
    func deleteLoginFailures(key: String) throws
    func deleteSession(tokenHash: String) throws
    /// Ends every session of an account but the one with `except` as its token hash.
    func deleteSessions(of account: AccountRef, except: String?) throws
    func deleteSessions(expiredBefore date: Date) throws

    func insert(_ evidence: Evidence) throws -> Evidence

    /// Claims the lease `name` for `holder` until `until`: granted when it is free, expired at `now`,
    /// or already `holder`'s (a renewal). Returns whether it was granted.
    func claimLease(_ name: String, holder: String, until: Date, now: Date) throws -> Bool
    /// Gives a lease back (only its holder can).
    func releaseLease(_ name: String, holder: String) throws

    func insert(_ batch: BatchJob) throws -> BatchJob
    /// Saves a job's status, progress, failure and finishing time.
    func update(_ batch: BatchJob) throws
}
