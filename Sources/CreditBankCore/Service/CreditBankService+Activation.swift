import Foundation

/// Accounts an institution creates (机构创建) and their activation by the learner (manual 000):
/// found by ID number and name; a name that does not match goes to a person with the ID photo.
extension CreditBankService {
    /// Creates an account for a learner an institution reports, waiting for activation (no phone,
    /// no password). Used by the institution's outcome import and the demo.
    /// - Throws: `.invalid` naming `name` or `idNumber`, `.conflict` if the ID number has an account.
    public func createInstitutionAccount(name: String, idNumber: String, by institution: InstitutionID) async throws -> Learner {
        let name = try PersonName(name)
        try requirePrintable(name.value, field: "name")
        let idNumber = try IDCardNumber(idNumber)
        let now = clock.now()
        let random = self.random
        return try await storage.write { db in
            if try db.learner(idNumber: idNumber.value) != nil { throw CreditBankError.conflict("this ID number already has an account") }
            return try db.insert(
                Learner(
                    id: 0, accountNumber: AccountNumbers.accountNumber(using: random), cardID: AccountNumbers.cardID(using: random),
                    name: name, idNumber: idNumber, phone: nil, registeredAt: now, createdBy: institution),
                passwordHash: nil)
        }
    }

    /// Finds the account waiting for activation under an ID number, and whether the name matches.
    /// - Throws: `.invalid` for a malformed ID number or name, `.notFound` when no account waits under
    ///   the number (register instead), `.conflict` when it is already active (sign in instead).
    public func lookUpActivation(idNumber: String, name: String) async throws -> ActivationLookup {
        let idNumber = try IDCardNumber(idNumber)
        let name = try PersonName(name)
        return try await storage.read { db in
            guard let learner = try db.learner(idNumber: idNumber.value) else {
                throw CreditBankError.notFound("no account waits for activation under this ID number; register instead")
            }
            guard !learner.isActive else { throw CreditBankError.conflict("this account is already active; sign in") }
            if learner.name == name { return .matches(learner) }
            return .needsReview(learner, latest: try db.latestActivationRequest(of: learner.id))
        }
    }

    /// Activates an account whose ID number and name match: sets the phone and password.
    /// - Throws: as `lookUpActivation`; `.conflict` when the name does not match (ask for review) or
    ///   the phone belongs to another account.
    public func activate(idNumber: String, name: String, phone: String, passwordHash: String) async throws -> Learner {
        guard case .matches(let found) = try await lookUpActivation(idNumber: idNumber, name: name) else {
            throw CreditBankError.conflict("the name does not match the institution's record; ask for a review with a photo of your ID card")
        }
        let phone = try PhoneNumber(phone)
        let now = clock.now()
        return try await storage.write { db in
            if try db.learner(phone: phone.value) != nil { throw CreditBankError.conflict("phone \(phone.masked) belongs to another account") }
            try db.activate(found.id, name: found.name, phone: phone, passwordHash: passwordHash, at: now)
            _ = try db.insert(Message(id: 0, learnerID: found.id, text: "您的学分银行账户已激活。", createdAt: now))
            return try db.require(db.learner(found.id), "learner")
        }
    }

    /// Asks staff to activate an account whose name does not match, with a photo of the ID card
    /// (JPEG or PNG) and the phone and password the learner chose.
    /// - Throws: `.invalid` naming `photo`, `phone` or `name`; `.conflict` while an earlier request
    ///   waits or when the phone is taken; as `lookUpActivation` otherwise.
    public func requestActivationReview(idNumber: String, name: String, phone: String, passwordHash: String, photo: [UInt8]) async throws
        -> ActivationRequest
    {
        let lookup = try await lookUpActivation(idNumber: idNumber, name: name)
        guard case .needsReview(let learner, _) = lookup else {
            throw CreditBankError.conflict("the name matches: activate the account directly")
        }
        let name = try PersonName(name)
        try requirePrintable(name.value, field: "name")
        let phone = try PhoneNumber(phone)
        guard !photo.isEmpty else { throw CreditBankError.invalid(field: "photo", reason: "choose a photo of your ID card") }
        let format = try Self.uploadFormat(photo, field: "photo", accepted: [.jpeg, .png], what: "a JPEG or PNG photo")
        let hash = Self.sha256(photo)
        try evidenceFiles.store(photo, sha256: hash)
        let now = clock.now()
        return try await storage.write { db in
            if try db.latestActivationRequest(of: learner.id)?.status == .waiting {
                throw CreditBankError.conflict("an earlier request for this account is still waiting for review")
            }
            if try db.learner(phone: phone.value) != nil { throw CreditBankError.conflict("phone \(phone.masked) belongs to another account") }
            return try db.insert(
                ActivationRequest(
                    id: 0, learnerID: learner.id, name: name, phone: phone, passwordHash: passwordHash, photoSHA256: hash, photoFormat: format,
                    status: .waiting, submittedAt: now))
        }
    }

    /// Waiting requests with their accounts: an institution's reviewers see the accounts their
    /// institution created, admins all.
    /// - Throws: `.forbidden` for experts.
    public func activationQueue(for staff: StaffMember) async throws -> [(ActivationRequest, Learner)] {
        let institution = try Self.activationScope(of: staff)
        return try await storage.read { db in
            try db.waitingActivationRequests(institution: institution).map { ($0, try db.require(db.learner($0.learnerID), "learner")) }
        }
    }

    /// The ID photo of a request in the staff member's scope.
    /// - Throws: `.notFound` outside the scope, `.forbidden` for experts.
    public func activationPhoto(_ id: ActivationID, for staff: StaffMember) async throws -> (EvidenceFormat, [UInt8]) {
        let scope = try Self.activationScope(of: staff)
        let request = try await storage.read { db in try Self.requestInScope(id, scope, in: db) }
        guard let bytes = try evidenceFiles.bytes(sha256: request.photoSHA256) else { throw CreditBankError.notFound("photo of request \(id)") }
        return (request.photoFormat, bytes)
    }

    /// Approves (the account takes the name, phone and password of the request) or refuses with a
    /// reason; the learner is messaged either way.
    /// - Throws: `.invalid` naming `reason` on a refusal without one, `.conflict` once decided or
    ///   when the phone was taken meanwhile, `.notFound` outside the scope.
    public func decideActivation(_ id: ActivationID, approve: Bool, reason: String, by staff: StaffMember) async throws
        -> ActivationRequest
    {
        let scope = try Self.activationScope(of: staff)
        let reason = try Text.optionalLines(reason, field: "reason", max: 500)
        if !approve && reason == nil { throw CreditBankError.invalid(field: "reason", reason: "say why the request is refused") }
        let now = clock.now()
        return try await storage.write { db in
            var request = try Self.requestInScope(id, scope, in: db)
            guard request.status == .waiting else { throw CreditBankError.conflict("request \(id) is already \(request.status.rawValue)") }
            request.status = approve ? .approved : .refused
            request.reason = reason
            request.decidedAt = now
            request.decidedBy = staff.id
            if approve {
                if try db.learner(phone: request.phone.value) != nil {
                    throw CreditBankError.conflict("phone \(request.phone.masked) now belongs to another account; refuse and ask for another number")
                }
                try db.activate(request.learnerID, name: request.name, phone: request.phone, passwordHash: request.passwordHash, at: now)
            }
            try db.update(request)
            try db.insert(
                AuditEntry(
                    at: now, by: staff, .activation, "activation request \(id) (account \(request.learnerID))",
                    approve ? "approved as \(request.name.value)" : "refused: \(reason ?? "")"))
            let text =
                approve
                ? "您的账户激活申请已通过审核，账户已激活，姓名为“\(request.name.value)”。"
                : "您的账户激活申请未通过审核：\(reason ?? "")"
            _ = try db.insert(Message(id: 0, learnerID: request.learnerID, text: text, createdAt: now))
            return request
        }
    }

    static func activationScope(of staff: StaffMember) throws -> InstitutionID? {
        switch staff.role {
        case .admin: nil
        case .institution(let own): own
        case .expert: throw CreditBankError.forbidden("experts review conversions, not account activations")
        }
    }

    static func requestInScope(_ id: ActivationID, _ scope: InstitutionID?, in db: any StorageReading) throws -> ActivationRequest {
        let request = try db.require(db.activationRequest(id), "activation request \(id)")
        if let scope, try db.learner(request.learnerID)?.createdBy != scope { throw CreditBankError.notFound("activation request \(id)") }
        return request
    }
}
