import Foundation

/// A document as the console shows it: the record, its holder, the frozen lines, and how it was found.
public struct StaffDocumentView: Sendable {
    public var document: IssuedDocument
    public var holderName: String
    public var holderIDMasked: String
    public var summary: PublicSummary
    public var status: DocumentStatus
    /// The code of the newer document when superseded.
    public var newerCode: VerificationCode?
}

/// What a staff search found, and how: the code as typed, one symbol corrected, a name, an ID number.
public struct StaffDocumentSearch: Sendable {
    public enum Match: Sendable, Equatable { case exactCode, correctedCode, holderName, idNumber, none }
    public var match: Match
    public var documents: [StaffDocumentView]
}

extension CreditBankService {
    /// Finds documents for staff (docs/product.md §8): by verification code — a code typed with one
    /// wrong symbol finds the document it was meant to be — by the holder's name, or, for
    /// administrators only, by the holder's full ID number.
    /// - Throws: `.forbidden` for an ID-number search by anyone but an administrator.
    public func searchDocuments(_ query: String, by staff: StaffMember) async throws -> StaffDocumentSearch {
        let text = try Text.query(query, field: "q", max: 64) ?? ""
        guard !text.isEmpty else { return StaffDocumentSearch(match: .none, documents: []) }
        let now = clock.now()
        if let idNumber = try? IDCardNumber(text) {
            guard staff.role == .admin else {
                throw CreditBankError.forbidden("only administrators search by the full ID number")
            }
            return try await storage.read { db in
                guard let learner = try db.learner(idNumber: idNumber.value) else { return StaffDocumentSearch(match: .idNumber, documents: []) }
                return StaffDocumentSearch(match: .idNumber, documents: try db.documents(of: learner.id).map { try Self.staffView($0, at: now, in: db) })
            }
        }
        return try await storage.read { db in
            if let code = try? VerificationCode(parsing: text) {
                let found = try db.document(code: code).map { [try Self.staffView($0, at: now, in: db)] } ?? []
                return StaffDocumentSearch(match: .exactCode, documents: found)
            }
            let corrections = VerificationCode.singleSymbolCorrections(of: text)
            if !corrections.isEmpty {
                let found = try corrections.compactMap { try db.document(code: $0) }.map { try Self.staffView($0, at: now, in: db) }
                return StaffDocumentSearch(match: .correctedCode, documents: found)
            }
            let byName = try db.documents(holderNameContaining: text, limit: 50).map { try Self.staffView($0, at: now, in: db) }
            return StaffDocumentSearch(match: .holderName, documents: byName)
        }
    }

    /// One document for staff: any for administrators; institution reviewers and experts see it too
    /// (they verify documents in their work), but only administrators revoke or reissue.
    /// - Throws: `.notFound`.
    public func staffDocument(_ id: DocumentID) async throws -> StaffDocumentView {
        let now = clock.now()
        return try await storage.read { db in try Self.staffView(db.require(db.document(id), "document \(id)"), at: now, in: db) }
    }

    /// The stored PDF of a document, for staff.
    public func staffPDF<Bytes: Sendable>(
        _ id: DocumentID, make: @escaping BytesMaker<Bytes>
    ) async throws -> (IssuedDocument, Bytes) {
        try await pdf(of: id, holder: nil, make: make)
    }

    static func staffView(_ document: IssuedDocument, at now: Date, in db: any StorageReading) throws -> StaffDocumentView {
        let holder = try db.require(db.learner(document.holderID), "learner")
        return StaffDocumentView(
            document: document, holderName: holder.name.value, holderIDMasked: holder.idNumber.masked,
            summary: try db.require(db.publicSummary(of: document.id), "document \(document.id)"), status: document.status(at: now),
            newerCode: try document.supersededBy.flatMap { try db.document($0)?.code })
    }
}

extension CreditBankService {
    /// Issues a corrected conversion certificate from the data as it stands now (a name corrected
    /// after a problem report, say): the same application, approval date and language, a new code;
    /// the old certificate is superseded — its page names the new code — and the learner messaged.
    /// - Throws: `.forbidden` for anyone but an administrator; `.invalid` naming `reason`;
    ///   `.conflict` for a revoked or superseded document, or a kind other than a certificate (a
    ///   learner issues a new transcript or proof themselves).
    public func reissue(_ id: DocumentID, reason: String, by admin: StaffMember) async throws -> IssuedDocument {
        guard admin.role == .admin else { throw CreditBankError.forbidden("only administrators issue corrected documents") }
        let reason = try Text.require(reason, field: "reason", max: 500)
        let now = clock.now()
        let (old, snapshot) = try await storage.read { db -> (IssuedDocument, ConversionCertificateSnapshot) in
            let old = try db.require(db.document(id), "document \(id)")
            try Self.checkReissuable(old)
            let application = try db.require(db.application(certificate: id), "the application of certificate \(id)")
            let approvedAt = try db.reviews(ofApplication: application.id).last { $0.stage == .final }?.decidedAt ?? old.issuedAt
            return (old, try certificateSnapshot(for: application.id, approvedAt: approvedAt, in: db))
        }
        let prepared = try await prepare(kind: .conversionCertificate, language: old.language, snapshot: snapshot, at: now)
        let (new, evicted) = try await storage.write { db -> (IssuedDocument, VerificationCode) in
            var current = try db.require(db.document(id), "document \(id)")
            try Self.checkReissuable(current)
            var application = try db.require(db.application(certificate: id), "the application of certificate \(id)")
            let new = try store(prepared, holder: current.holderID, in: db)
            current.supersededBy = new.id
            try db.updateStatus(of: current)
            application.certificateID = new.id
            try db.update(application)
            try db.insert(
                AuditEntry(
                    at: now, by: admin, .supersession, "document \(current.code.formatted) → \(new.code.formatted)", "corrected: \(reason)"))
            _ = try db.insert(
                Message(
                    id: 0, learnerID: current.holderID,
                    text: "您的学习成果转换证明已更正重开（新验证码 \(new.code.formatted)，原证明 \(current.code.formatted) 作废）：\(reason)", createdAt: now,
                    subject: .document(new.id)))
            return (new, current.code)
        }
        verificationCache.evict(evicted)
        return new
    }

    static func checkReissuable(_ document: IssuedDocument) throws {
        guard document.kind == .conversionCertificate else {
            throw CreditBankError.conflict("only a conversion certificate is reissued here; the learner issues a new transcript or proof")
        }
        guard document.revocation == nil else { throw CreditBankError.conflict("document \(document.id) is revoked") }
        guard document.supersededBy == nil else { throw CreditBankError.conflict("document \(document.id) is already superseded") }
    }
}
