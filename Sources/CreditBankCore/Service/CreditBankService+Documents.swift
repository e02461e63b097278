import Crypto
import Foundation

/// A document rendered and ready to be stored in the same transaction as what caused it.
public struct PreparedDocument: Sendable {
    public var kind: DocumentKind
    public var language: DocumentLanguage
    public var code: VerificationCode
    public var snapshot: [UInt8]
    public var summary: PublicSummary
    public var pdf: RenderedPDF
    public var issuedAt: Date
    public var expiresAt: Date?
}

extension CreditBankService {
    /// Assigns a fresh code, freezes the snapshot, renders it and seals it with the bank's
    /// signature dated `now` (outside any transaction).
    func prepare(
        kind: DocumentKind, language: DocumentLanguage = .zh, snapshot: some DocumentSnapshot, at now: Date,
        expiresAt: Date? = nil
    ) async throws -> PreparedDocument {
        var snapshot = snapshot
        let code = VerificationCode.generate(using: random)
        snapshot.code = code.formatted
        snapshot.verifyUrl = settings.verifyURL(for: code)
        let bytes = SnapshotCoding.encode(snapshot)
        var pdf: RenderedPDF
        do {
            pdf = try await renderer.render(kind: kind, language: language, snapshot: bytes)
            pdf.bytes = try sealer.seal(pdf.bytes, signedAt: now)
        } catch {
            // Nothing is stored yet: the caller's state is unchanged, and the person is told why.
            throw CreditBankError.conflict("the \(kind.chineseName) (\(kind.rawValue)) could not be printed: \(error)")
        }
        return PreparedDocument(
            kind: kind, language: language, code: code, snapshot: bytes, summary: snapshot.publicSummary, pdf: pdf, issuedAt: now,
            expiresAt: expiresAt)
    }

    /// Stores a prepared document with its bytes and hash.
    func store(_ prepared: PreparedDocument, holder: LearnerID, in db: any StorageWriting) throws -> IssuedDocument {
        let document = IssuedDocument(
            id: 0, kind: prepared.kind, language: prepared.language, holderID: holder, issuerName: settings.issuerName,
            issuedAt: prepared.issuedAt,
            code: prepared.code, snapshot: Data(prepared.snapshot), templateName: prepared.pdf.templateName,
            templateVersion: prepared.pdf.templateVersion, sha256: Self.sha256(prepared.pdf.bytes), byteCount: prepared.pdf.bytes.count,
            expiresAt: prepared.expiresAt)
        return try db.insert(document, pdf: prepared.pdf.bytes, summary: prepared.summary)
    }

    /// Lower-case hex SHA-256.
    public static func sha256(_ bytes: some Sequence<UInt8>) -> String {
        Hex.lowercase(SHA256.hash(data: Array(bytes)))
    }

    /// The learner's documents, newest first.
    public func documents(of learner: LearnerID) async throws -> [IssuedDocument] {
        try await storage.read { db in try db.documents(of: learner) }
    }

    /// The stored PDF of a document for its holder, or for any staff member (`holder == nil`).
    /// - Throws: `.notFound` when the document is missing or someone else's.
    public func pdf(of id: DocumentID, holder: LearnerID?) async throws -> (IssuedDocument, [UInt8]) {
        try await pdf(of: id, holder: holder, make: BytesMakers.array)
    }

    /// The stored PDF as `make` makes it (a server makes its response buffer: one copy from the
    /// database to the wire).
    public func pdf<Bytes: Sendable>(
        of id: DocumentID, holder: LearnerID?, make: @escaping BytesMaker<Bytes>
    ) async throws -> (IssuedDocument, Bytes) {
        try await storage.lookup { db in
            let document = try db.require(db.document(id), "document \(id)")
            if let holder, document.holderID != holder { throw CreditBankError.notFound("document \(id)") }
            return (document, try db.require(db.pdf(of: id, make), "document \(id)"))
        }
    }

    /// The stored PDF for the caller signed in with `token`: the document's holder or any staff
    /// member. The session, the caller and the file are read in one look-up (a download is the
    /// signed-in request real traffic repeats most; BENCHMARKS.md, issue 18); a learner's own row is
    /// not read, since a document's holder always exists.
    /// - Returns: nil when `token` names no live session of an enabled account (401).
    /// - Throws: `.notFound` when the document is missing or someone else's.
    public func pdf<Bytes: Sendable>(
        of id: DocumentID, forToken token: String, make: @escaping BytesMaker<Bytes>
    ) async throws -> (DocumentFile, Bytes)? {
        guard SessionToken.isWellFormed(token) else { return nil }
        let hash = SessionToken.hash(token)
        let now = clock.now()
        return try await storage.lookup { db in
            guard let session = try db.liveSession(tokenHash: hash, at: now) else { return nil }
            let holder: LearnerID?
            switch session.account {
            case .learner(let learner): holder = learner
            case .staff:
                // The same rule as every signed-in request: a disabled account has no session.
                guard try db.principal(session.account) != nil else { return nil }
                holder = nil
            }
            let file = try db.require(db.documentFile(id), "document \(id)")
            if let holder, file.holderID != holder { throw CreditBankError.notFound("document \(id)") }
            return (file, try db.require(db.pdf(of: id, make), "document \(id)"))
        }
    }

    /// Revokes a document (admin); the verification page says so at once.
    /// - Throws: `.notFound`, `.invalid` (empty reason), `.conflict` (already revoked).
    public func revoke(_ id: DocumentID, reason: String, by admin: StaffMember) async throws -> IssuedDocument {
        guard admin.role == .admin else { throw CreditBankError.forbidden("only administrators revoke documents") }
        let reason = try Text.require(reason, field: "reason", max: 500)
        let now = clock.now()
        let revoked = try await storage.write { db in
            var document = try db.require(db.document(id), "document \(id)")
            guard document.revocation == nil else { throw CreditBankError.conflict("document \(id) is already revoked") }
            document.revocation = .init(reason: reason, at: now, by: admin.id)
            try db.updateStatus(of: document)
            try db.insert(
                AuditEntry(at: now, by: admin, .revocation, "document \(document.code.formatted) (\(document.kind.chineseName))", "revoked: \(reason)"))
            _ = try db.insert(
                Message(
                    id: 0, learnerID: document.holderID, text: "您的\(document.kind.chineseName)（\(document.code.formatted)）已被撤销：\(reason)",
                    createdAt: now, subject: .document(document.id)))
            return document
        }
        verificationCache.evict(revoked.code)
        return revoked
    }
}

extension CreditBankService {
    /// One of the learner's documents.
    /// - Throws: `.notFound` when missing or someone else's.
    public func document(_ id: DocumentID, holder: LearnerID) async throws -> IssuedDocument {
        try await storage.read { db in
            guard let document = try db.document(id), document.holderID == holder else { throw CreditBankError.notFound("document \(id)") }
            return document
        }
    }
}
