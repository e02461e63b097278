import CreditBankCore
import Foundation

extension SQLStorage {
    static let documentColumns = """
        id, kind, language, holder_id, issuer_name, issued_at, code, snapshot, template_name, template_version, sha256, byte_count, \
        expires_at, revoked_reason, revoked_at, revoked_by, superseded_by
        """

    func document(_ id: DocumentID) throws -> IssuedDocument? {
        try one("SELECT \(Self.documentColumns) FROM issued_document WHERE id = ?", [id.rawValue]).map(IssuedDocument.init)
    }

    func document(code: VerificationCode) throws -> IssuedDocument? {
        try one("SELECT \(Self.documentColumns) FROM issued_document WHERE code = ?", [code.canonical]).map(IssuedDocument.init)
    }

    func registryRecord(code: VerificationCode) throws -> RegistryRecord? {
        try one(
            """
            SELECT d.id, d.holder_id, d.kind, d.issuer_name, d.issued_at, d.code, d.sha256, d.expires_at, d.revoked_reason, d.revoked_at,
                   d.revoked_by, d.superseded_by, d.public_summary, n.code AS newer_code
              FROM issued_document d LEFT JOIN issued_document n ON n.id = d.superseded_by
             WHERE d.code = ?
            """, [code.canonical]
        ).map(RegistryRecord.init)
    }

    func document(sha256: String) throws -> IssuedDocument? {
        try one("SELECT \(Self.documentColumns) FROM issued_document WHERE sha256 = ?", [sha256]).map(IssuedDocument.init)
    }

    func documents(holderNameContaining name: String, limit: Int) throws -> [IssuedDocument] {
        try all(
            """
            SELECT \(Self.documentColumns.split(separator: ",").map { "d." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", "))
              FROM issued_document d JOIN learner l ON l.id = d.holder_id
             WHERE instr(l.name, ?) > 0 ORDER BY d.id DESC LIMIT \(limit)
            """, [name]
        ).map(IssuedDocument.init)
    }

    func documents(of learner: LearnerID) throws -> [IssuedDocument] {
        try all("SELECT \(Self.documentColumns) FROM issued_document WHERE holder_id = ? ORDER BY id DESC", [learner.rawValue]).map(
            IssuedDocument.init)
    }

    func publicSummary(of id: DocumentID) throws -> PublicSummary? {
        try value("SELECT public_summary FROM issued_document WHERE id = ?", [id.rawValue]).map {
            try StoredSummaryReader.summary($0)
        }
    }

    func documentFile(_ id: DocumentID) throws -> DocumentFile? {
        try one("SELECT id, holder_id, kind, code, sha256 FROM issued_document WHERE id = ?", [id.rawValue]).map { row in
            DocumentFile(
                id: DocumentID(row["id"]), holderID: LearnerID(row["holder_id"]),
                kind: try row.decoded(DocumentKind.self, "kind", in: "issued_document"), code: VerificationCode(stored: row["code"]),
                sha256: row["sha256"])
        }
    }

    func pdf<Bytes>(of id: DocumentID, _ make: BytesMaker<Bytes>) throws -> Bytes? {
        try db.bytes(of: "bytes", in: "document_pdf", key: "document_id", id.rawValue, make)
    }

    func insert(_ document: IssuedDocument, pdf: [UInt8], summary: PublicSummary) throws -> IssuedDocument {
        var saved = document
        let id = try insert(
            """
            INSERT INTO issued_document (kind, language, holder_id, issuer_name, issued_at, code, snapshot, public_summary, template_name,
                                         template_version, sha256, byte_count, expires_at)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
            """,
            [
                document.kind.rawValue, document.language.rawValue, document.holderID.rawValue, document.issuerName,
                document.issuedAt.stored,
                document.code.canonical, document.snapshot, JSON.encode(summary), document.templateName, document.templateVersion,
                document.sha256,
                document.byteCount, document.expiresAt?.stored,
            ])
        try execute("INSERT INTO document_pdf (document_id, bytes) VALUES (?, ?)", [id, pdf])
        saved.id = DocumentID(id)
        return saved
    }

    func updateStatus(of document: IssuedDocument) throws {
        if dialect == .postgresql {
            // Delivered to every node's listener when (and only if) the transaction commits.
            try execute("SELECT pg_notify('\(PostgresDatabase.documentChannel)', ?)", [document.code.canonical])
        }
        try execute("UPDATE issued_document SET revoked_reason = ?, revoked_at = ?, revoked_by = ?, superseded_by = ? WHERE id = ?", [
                document.revocation?.reason, document.revocation?.at.stored, document.revocation?.by.rawValue,
                document.supersededBy?.rawValue, document.id.rawValue,
            ])
    }
}

extension RegistryRecord {
    init(row: SQLRow) throws {
        self.init(
            documentID: DocumentID(row["id"]), holderID: LearnerID(row["holder_id"]),
            kind: try row.decoded(DocumentKind.self, "kind", in: "issued_document"), issuerName: row["issuer_name"],
            issuedAt: Date(stored: row["issued_at"]), code: VerificationCode(stored: row["code"]), sha256: row["sha256"],
            expiresAt: (row["expires_at"] as Double?).map(Date.init(stored:)), revocation: IssuedDocument.Revocation(row: row),
            supersededBy: (row["superseded_by"] as Int64?).map { DocumentID($0) },
            newerCode: (row["newer_code"] as String?).map(VerificationCode.init(stored:)),
            summary: try StoredSummaryReader.summary(row["public_summary"]))
    }
}

extension IssuedDocument.Revocation {
    /// The revocation stored in a document row, if any.
    init?(row: SQLRow) {
        guard let reason: String = row["revoked_reason"] else { return nil }
        self.init(reason: reason, at: Date(stored: row["revoked_at"]), by: StaffID((row["revoked_by"] as Int64?) ?? 0))
    }
}

extension IssuedDocument {
    init(row: SQLRow) throws {
        let revocation = Revocation(row: row)
        self.init(
            id: DocumentID(row["id"]), kind: try row.decoded(DocumentKind.self, "kind", in: "issued_document"),
            language: try row.decoded(DocumentLanguage.self, "language", in: "issued_document"), holderID: LearnerID(row["holder_id"]),
            issuerName: row["issuer_name"],
            issuedAt: Date(stored: row["issued_at"]), code: VerificationCode(stored: row["code"]), snapshot: row["snapshot"],
            templateName: row["template_name"], templateVersion: row["template_version"], sha256: row["sha256"],
            byteCount: row["byte_count"],
            expiresAt: (row["expires_at"] as Double?).map(Date.init(stored:)), revocation: revocation,
            supersededBy: (row["superseded_by"] as Int64?).map { DocumentID($0) })
    }
}
