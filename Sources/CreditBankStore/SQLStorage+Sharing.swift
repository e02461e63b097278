import CreditBankCore
import Foundation

extension SQLStorage {
    func shareLink(_ id: ShareLinkID) throws -> ShareLink? {
        try one("SELECT * FROM share_link WHERE id = ?", [id.rawValue]).map(ShareLink.init)
    }

    func shareLink(tokenHash: String) throws -> ShareLink? {
        try one("SELECT * FROM share_link WHERE token_hash = ?", [tokenHash]).map(ShareLink.init)
    }

    func shareLinks(of learner: LearnerID) throws -> [ShareLink] {
        try all("SELECT * FROM share_link WHERE learner_id = ? ORDER BY id DESC", [learner.rawValue]).map(ShareLink.init)
    }

    func insert(_ link: ShareLink) throws -> ShareLink {
        var saved = link
        saved.id = ShareLinkID(
            try insert(
                "INSERT INTO share_link (learner_id, document_id, token_hash, created_at, expires_at, max_views) VALUES (?,?,?,?,?,?)",
                [
                    link.learnerID.rawValue, link.documentID.rawValue, link.tokenHash, link.createdAt.stored, link.expiresAt.stored,
                    link.maxViews,
                ]))
        return saved
    }

    func update(_ link: ShareLink) throws {
        try execute("UPDATE share_link SET views = ?, withdrawn_at = ? WHERE id = ?", [link.views, link.withdrawnAt?.stored, link.id.rawValue])
    }
}

extension ShareLink {
    init(row: SQLRow) throws {
        self.init(
            id: ShareLinkID(row["id"]), learnerID: LearnerID(row["learner_id"]), documentID: DocumentID(row["document_id"]),
            tokenHash: row["token_hash"], createdAt: Date(stored: row["created_at"]), expiresAt: Date(stored: row["expires_at"]),
            maxViews: row["max_views"], views: row["views"], withdrawnAt: (row["withdrawn_at"] as Double?).map(Date.init(stored:)))
    }
}
