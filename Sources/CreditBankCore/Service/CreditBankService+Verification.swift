import Foundation

/// The public answer about a code or a PDF (docs/product.md §4): only what may be shown to anyone.
public struct VerificationAnswer: Sendable {
    public var code: VerificationCode
    public var kind: DocumentKind
    public var status: DocumentStatus
    public var issuerName: String
    public var issuedAt: Date
    public var expiresAt: Date?
    public var summary: PublicSummary
    public var sha256: String
    /// The newer document's code when superseded.
    public var supersededByCode: VerificationCode?
}

/// The result of checking a code.
public enum CodeLookup: Sendable {
    /// The check symbol is wrong: a typing mistake, answered without a look-up.
    case mistyped
    /// Not a code at all (wrong length or characters).
    case malformed(String)
    /// Well-formed but never issued here.
    case unknown
    case found(VerificationAnswer)
}

extension CreditBankService {
    /// Looks a typed or scanned code up; `context` says who looks, for the holder's log.
    public func verify(code input: String, context: LookupContext? = nil) async throws -> CodeLookup {
        let code: VerificationCode
        do { code = try VerificationCode(parsing: input) } catch {
            if case .mistyped = error { return .mistyped }
            return .malformed(error.description)
        }
        let now = clock.now()
        let record: RegistryRecord
        switch verificationCache.probe(code, at: now) {
        case .hit(let cached):
            record = cached.record
        case .miss(let mark):
            // One indexed read of the columns the answer needs (no snapshot, no PDF).
            guard let stored = try await storage.lookup({ db in try db.registryRecord(code: code) }) else { return .unknown }
            verificationCache.put(VerificationCache.Entry(record: stored, storedAt: now), ifNoEvictionSince: mark)
            record = stored
        }
        countVerification(of: record.documentID, heldBy: record.holderID, context, at: now)
        return .found(Self.answer(for: record, at: now))
    }

    /// Keeps the verification cache in step with status changes other nodes make (docs/storage.md):
    /// returns when the storage cannot report them, else runs until the task is cancelled.
    public func followDocumentChanges() async {
        guard let changes = storage.documentChanges() else { return }
        for await change in changes {
            if let change { verificationCache.evict(change) } else { verificationCache.evictAll() }
        }
    }

    /// Says whether `bytes` are exactly a PDF issued here, and that document's status.
    public func verify(pdf bytes: [UInt8], context: LookupContext? = nil) async throws -> VerificationAnswer? {
        let hash = Self.sha256(bytes)
        let now = clock.now()
        let found = try await storage.read { db -> (IssuedDocument, VerificationAnswer)? in
            guard let document = try db.document(sha256: hash) else { return nil }
            return (document, try answer(for: document, at: now, in: db))
        }
        guard let (document, answer) = found else { return nil }
        countVerification(of: document.id, heldBy: document.holderID, context, at: now)
        return answer
    }

    func answer(for document: IssuedDocument, at now: Date, in db: any StorageReading) throws -> VerificationAnswer {
        let summary = try db.require(db.publicSummary(of: document.id), "document")
        let newer = try document.supersededBy.flatMap { try db.document($0)?.code }
        return Self.answer(for: document, summary: summary, newerCode: newer, at: now)
    }

    static func answer(for document: IssuedDocument, summary: PublicSummary, newerCode newer: VerificationCode?, at now: Date)
        -> VerificationAnswer
    {
        VerificationAnswer(
            code: document.code, kind: document.kind, status: document.status(at: now), issuerName: document.issuerName,
            issuedAt: document.issuedAt, expiresAt: document.expiresAt, summary: summary, sha256: document.sha256, supersededByCode: newer)
    }

    static func answer(for record: RegistryRecord, at now: Date) -> VerificationAnswer {
        VerificationAnswer(
            code: record.code, kind: record.kind, status: record.status(at: now), issuerName: record.issuerName,
            issuedAt: record.issuedAt, expiresAt: record.expiresAt, summary: record.summary, sha256: record.sha256,
            supersededByCode: record.newerCode)
    }
}

/// What an uploaded PDF is: the issued document whose exact bytes these are (if any), and what its signature says.
public struct PDFCheck: Sendable {
    public var answer: VerificationAnswer?
    public var signature: SignatureCheck
    public var sha256: String
}

extension CreditBankService {
    /// Checks an uploaded PDF both ways (docs/seal.md): by its hash against the registry, and by its signature.
    public func check(pdf bytes: [UInt8], context: LookupContext? = nil) async throws -> PDFCheck {
        let answer = try await verify(pdf: bytes, context: context)
        return PDFCheck(answer: answer, signature: sealer.check(bytes), sha256: Self.sha256(bytes))
    }
}
