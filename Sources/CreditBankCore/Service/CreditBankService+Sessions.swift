import Foundation

extension CreditBankService {
    /// How long a session lasts after login.
    public static let sessionLifetime: TimeInterval = 12 * 3600

    /// The account a login name (ID number, phone or staff username) names, with its password hash.
    /// Checking the password is the caller's job (a slow hash, off the event loop).
    public func credentials(forLogin login: String) async throws -> Credentials? {
        let login = login.trimmingCharacters(in: .whitespaces)
        guard !login.isEmpty, login.count <= 64 else { return nil }
        let idNumber = try? IDCardNumber(login)
        let phone = try? PhoneNumber(login)
        return try await storage.read { db in
            let account: AccountRef
            if let learner = try idNumber.flatMap({ try db.learner(idNumber: $0.value) })
                ?? phone.flatMap({ try db.learner(phone: $0.value) })
            {
                account = .learner(learner.id)
            } else if let staff = try db.staff(username: login), !staff.disabled {
                account = .staff(staff.id)
            } else {
                return nil
            }
            return try db.passwordHash(of: account).map { Credentials(account: account, passwordHash: $0) }
        }
    }

    /// Opens a session for an account whose password was checked; returns the token (shown once) and
    /// the session. Expired sessions are cleared in the same transaction.
    public func openSession(for account: AccountRef, lifetime: TimeInterval = sessionLifetime) async throws -> (
        token: String, session: Session, principal: Principal
    ) {
        let token = SessionToken.generate(using: random)
        let now = clock.now()
        let session = Session(tokenHash: SessionToken.hash(token), account: account, createdAt: now, expiresAt: now + lifetime)
        let principal = try await storage.write { db in
            try db.deleteSessions(expiredBefore: now)
            let principal = try db.require(db.principal(account), "account")
            try db.insert(session)
            return principal
        }
        return (token, session, principal)
    }

    /// The signed-in caller for a bearer token, or nil when the token is unknown, malformed or expired.
    public func principal(forToken token: String) async throws -> Principal? {
        guard SessionToken.isWellFormed(token) else { return nil }
        let hash = SessionToken.hash(token)
        let now = clock.now()
        // Every signed-in request asks this: a look-up (two rows by key) on the calling thread.
        return try await storage.lookup { db in
            guard let session = try db.liveSession(tokenHash: hash, at: now) else { return nil }
            return try db.principal(session.account)
        }
    }

    /// Ends the session of `token`.
    public func closeSession(token: String) async throws {
        let hash = SessionToken.hash(token)
        try await storage.write { db in try db.deleteSession(tokenHash: hash) }
    }

    /// The stored password hash of a signed-in account (to check the old password on a change).
    public func passwordHash(of account: AccountRef) async throws -> String {
        try await storage.read { db in try db.require(db.passwordHash(of: account), "account") }
    }

    /// Sets a new password hash and ends every other session of the account.
    public func changePassword(of account: AccountRef, to newHash: String, keeping token: String) async throws {
        let keep = SessionToken.hash(token)
        try await storage.write { db in
            try db.setPasswordHash(of: account, to: newHash)
            if case .staff(let id) = account { try db.setMustChangePassword(false, staff: id) }
            try db.deleteSessions(of: account, except: keep)
        }
    }
}

extension StorageReading {
    /// The session of `tokenHash`, if it has not expired at `now`.
    func liveSession(tokenHash: String, at now: Date) throws -> Session? {
        guard let session = try session(tokenHash: tokenHash), session.expiresAt > now else { return nil }
        return session
    }

    /// The learner or staff member behind an account reference (nil for a disabled staff member).
    func principal(_ account: AccountRef) throws -> Principal? {
        switch account {
        case .learner(let id): try learner(id).map(Principal.learner)
        case .staff(let id): try staff(id).flatMap { $0.disabled ? nil : Principal.staff($0) }
        }
    }
}
