import Foundation

extension CreditBankService {
    /// The format of an uploaded file, judged by its content, among `accepted`.
    /// - Throws: `.invalid` naming `field` for an empty, oversized or unaccepted file.
    static func uploadFormat(
        _ bytes: [UInt8], field: String = "file", accepted: Set<EvidenceFormat> = Set(EvidenceFormat.allCases),
        what: String = "a JPEG, PNG, GIF or PDF file"
    ) throws(CreditBankError) -> EvidenceFormat {
        guard !bytes.isEmpty else { throw .invalid(field: field, reason: "is empty") }
        guard bytes.count <= Evidence.maximumBytes else {
            throw .invalid(field: field, reason: "is larger than \(Evidence.maximumBytes / 1024 / 1024) MB")
        }
        guard let format = EvidenceFormat.detect(bytes), accepted.contains(format) else {
            throw .invalid(field: field, reason: "is not \(what) (judged by its content)")
        }
        return format
    }

    /// Attaches an uploaded file to the learner's outcome or application. The bytes are checked by
    /// content, stored by hash through the evidence port, then recorded in one transaction.
    /// - Throws: `.invalid` (field `file`) for an empty, oversized or unrecognised file; `.notFound`
    ///   if the outcome or application is not the learner's; `.conflict` once it no longer takes evidence.
    public func attachEvidence(_ bytes: [UInt8], to subject: EvidenceSubject, for learner: LearnerID) async throws -> Evidence {
        let format = try Self.uploadFormat(bytes)
        let hash = Self.sha256(bytes)
        let now = clock.now()
        try await storage.read { db in try Self.checkAttachable(subject, for: learner, in: db) }
        try evidenceFiles.store(bytes, sha256: hash)
        return try await storage.write { db in
            try Self.checkAttachable(subject, for: learner, in: db)
            guard try db.evidence(of: subject).count < Evidence.maximumPerSubject else {
                throw CreditBankError.conflict("at most \(Evidence.maximumPerSubject) files may be attached")
            }
            return try db.insert(
                Evidence(
                    id: 0, learnerID: learner, subject: subject, format: format, sha256: hash, byteCount: bytes.count, uploadedAt: now))
        }
    }

    /// Removes evidence files no record refers to: left when an upload's record was refused after
    /// its file was stored (a full subject, a status that changed meanwhile) or by a crash between
    /// the two. Files stored within `age` seconds stay, as their record may be about to commit.
    /// Returns how many files went.
    public func sweepEvidence(olderThan age: TimeInterval = 3600) async throws -> Int {
        let referenced = try await storage.read { db in try db.evidenceHashes() }
        return try evidenceFiles.removeUnreferenced(keeping: referenced, olderThan: age)
    }

    static func checkAttachable(_ subject: EvidenceSubject, for learner: LearnerID, in db: any StorageReading) throws {
        switch subject {
        case .outcome(let id):
            let outcome = try db.ownOutcome(id, of: learner)
            guard EvidenceSubject.acceptsEvidence(outcome) else {
                throw CreditBankError.conflict(
                    "evidence is added before recognition is decided (or to an outcome picked from the catalog); this outcome is \(outcome.status.rawValue)")
            }
        case .application(let id):
            guard let application = try db.application(id), application.learnerID == learner else {
                throw CreditBankError.notFound("conversion application \(id)")
            }
            guard EvidenceSubject.acceptsEvidence(application: application.status) else {
                throw CreditBankError.conflict(
                    "evidence is added while the application is under review; it is \(application.status.rawValue)")
            }
        }
    }

    /// The evidence attached to an outcome or application the caller may see.
    /// - Throws: `.notFound` when the caller may not see it.
    public func evidence(of subject: EvidenceSubject, for caller: Principal) async throws -> [Evidence] {
        try await storage.read { db in
            try Self.checkVisible(subject, to: caller, in: db)
            return try db.evidence(of: subject)
        }
    }

    /// One evidence file's record and bytes, for its learner, admins and experts, and the reviewers of
    /// the institution concerned.
    /// - Throws: `.notFound` for anyone else, or when the bytes are missing.
    public func evidenceFile(_ id: EvidenceID, for caller: Principal) async throws -> (Evidence, [UInt8]) {
        let evidence = try await storage.read { db in
            let evidence = try db.require(db.evidence(id), "evidence \(id)")
            try Self.checkVisible(evidence.subject, to: caller, in: db)
            return evidence
        }
        guard let bytes = try evidenceFiles.bytes(sha256: evidence.sha256) else { throw CreditBankError.notFound("evidence \(id) file") }
        return (evidence, bytes)
    }

    static func checkVisible(_ subject: EvidenceSubject, to caller: Principal, in db: any StorageReading) throws {
        let notFound: CreditBankError
        let owner: LearnerID
        let institution: InstitutionID?
        switch subject {
        case .outcome(let id):
            notFound = .notFound("outcome \(id)")
            let outcome = try db.require(db.outcome(id), "outcome \(id)")
            owner = outcome.learnerID
            institution = outcome.institutionID
        case .application(let id):
            notFound = .notFound("conversion application \(id)")
            let application = try db.require(db.application(id), "conversion application \(id)")
            owner = application.learnerID
            institution = try ConversionTerms(of: application, in: db).target.institutionID
        }
        switch caller {
        case .learner(let learner): if learner.id != owner { throw notFound }
        case .staff(let staff):
            guard case .institution(let own) = staff.role, own != institution else { return }
            // A source outcome's proof is seen by the reviewers of the institutions it is offered to.
            if case .outcome(let id) = subject,
                try db.applications(withSource: id).contains(where: { try ConversionTerms(of: $0, in: db).target.institutionID == own })
            {
                return
            }
            throw notFound
        }
    }

    /// Material the target institution's reviewer attaches at the initial review (转换初审材料,
    /// manual 001): kept with the application's evidence while it waits for initial review.
    /// - Throws: `.invalid` naming `file`; `.notFound` outside the reviewer's scope; `.forbidden`
    ///   for experts; `.conflict` once the initial review is decided.
    public func attachReviewMaterial(_ bytes: [UInt8], to id: ApplicationID, by staff: StaffMember) async throws -> Evidence {
        let format = try Self.uploadFormat(bytes)
        if staff.role == .expert { throw CreditBankError.forbidden("material is attached at the initial review") }
        let hash = Self.sha256(bytes)
        let now = clock.now()
        try evidenceFiles.store(bytes, sha256: hash)
        return try await storage.write { db in
            let application = try db.require(db.application(id), "conversion application \(id)")
            if case .institution(let own) = staff.role, try ConversionTerms(of: application, in: db).target.institutionID != own {
                throw CreditBankError.notFound("conversion application \(id)")
            }
            guard application.status == .submitted else {
                throw CreditBankError.conflict("material is attached before the initial review is decided; application \(application.number) is \(application.status.rawValue)")
            }
            guard try db.evidence(of: .application(id)).count < Evidence.maximumPerSubject else {
                throw CreditBankError.conflict("at most \(Evidence.maximumPerSubject) files may be attached")
            }
            let saved = try db.insert(
                Evidence(
                    id: 0, learnerID: application.learnerID, subject: .application(id), format: format, sha256: hash, byteCount: bytes.count,
                    uploadedAt: now))
            try db.insert(
                AuditEntry(at: now, by: staff, .initialReview, "application \(application.number)", "material attached (\(format.rawValue), \(bytes.count) bytes)"))
            return saved
        }
    }
}
