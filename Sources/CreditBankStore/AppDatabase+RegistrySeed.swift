import CreditBankCore
import Foundation
import GRDB

extension AppDatabase {
    /// Benchmarks only (issue 18, `creditbank seed-registry`): copies the registry row of `template`
    /// once per code, with that code and a fresh hash, so that verification can be measured over a
    /// registry of hundreds of thousands of documents without rendering them. The look-up is what
    /// is measured; the copies have no PDF and are never downloaded.
    public func seedRegistryCopies(of template: DocumentID, codes: [VerificationCode]) throws {
        try writer.write { db in
            let statement = try db.makeStatement(
                sql: """
                    INSERT INTO issued_document (kind, language, holder_id, issuer_name, issued_at, code, snapshot, public_summary,
                                                 template_name, template_version, sha256, byte_count, expires_at)
                    SELECT kind, language, holder_id, issuer_name, issued_at, ?, snapshot, public_summary,
                           template_name, template_version, ?, byte_count, expires_at
                    FROM issued_document WHERE id = ?
                    """)
            for code in codes {
                let hash = CreditBankService.sha256(Array(code.canonical.utf8) + Array("registry-seed".utf8))
                try statement.execute(arguments: [code.canonical, hash, template.rawValue])
            }
        }
    }
}
