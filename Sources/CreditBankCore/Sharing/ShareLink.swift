import Foundation

/// A link the holder makes to show one document to someone without an account (docs/product.md §4):
/// `/s/{token}` with a 128-bit random token (stored only as its SHA-256), an expiry of 1–90 days and
/// an optional number of views; the holder may withdraw it at any time.
public struct ShareLink: Identifiable, Hashable, Sendable {
    public var id: ShareLinkID
    public var learnerID: LearnerID
    public var documentID: DocumentID
    public var tokenHash: String
    public var createdAt: Date
    public var expiresAt: Date
    /// At most this many views, or any number.
    public var maxViews: Int?
    public var views: Int
    public var withdrawnAt: Date?

    public init(
        id: ShareLinkID, learnerID: LearnerID, documentID: DocumentID, tokenHash: String, createdAt: Date, expiresAt: Date, maxViews: Int?,
        views: Int = 0, withdrawnAt: Date? = nil
    ) {
        self.id = id
        self.learnerID = learnerID
        self.documentID = documentID
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.maxViews = maxViews
        self.views = views
        self.withdrawnAt = withdrawnAt
    }

    /// Where a link stands.
    public enum State: String, Sendable {
        case open, expired, usedUp = "used-up", withdrawn

        public var chineseName: String {
            switch self {
            case .open: "有效"
            case .expired: "已过期"
            case .usedUp: "次数已用完"
            case .withdrawn: "已撤回"
            }
        }
    }

    public func state(at now: Date) -> State {
        if withdrawnAt != nil { return .withdrawn }
        if now >= expiresAt { return .expired }
        if let maxViews, views >= maxViews { return .usedUp }
        return .open
    }

    /// Random bytes in a share token (128 bits): 22 base64url characters.
    public static let tokenBytes = 16

    /// Whether `text` has a share token's shape; anything else is not looked up.
    public static func isWellFormedToken(_ text: String) -> Bool {
        text.utf8.count == 22
            && text.utf8.allSatisfy {
                (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || $0 == 0x2D || $0 == 0x5F
            }
    }
}

/// What `/s/{token}` shows: the document's public answer, the link's state.
public struct SharedDocument: Sendable {
    public var link: ShareLink
    public var document: IssuedDocument
    public var answer: VerificationAnswer
}

extension CreditBankService {
    /// Makes a share link for one of the learner's documents; the token is returned this once.
    /// - Throws: `.invalid` naming `days` (1–90) or `maxViews` (1–1000), `.notFound` for a document
    ///   that is not the learner's, `.conflict` for a revoked or superseded one.
    public func createShareLink(document id: DocumentID, days: Int, maxViews: Int?, for learner: LearnerID) async throws
        -> (ShareLink, token: String)
    {
        guard (1...90).contains(days) else { throw CreditBankError.invalid(field: "days", reason: "must be 1 to 90 days") }
        if let maxViews, !(1...1000).contains(maxViews) { throw CreditBankError.invalid(field: "maxViews", reason: "must be 1 to 1000") }
        let now = clock.now()
        let token = Data(random.bytes(ShareLink.tokenBytes)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let link = try await storage.write { db in
            let document = try db.require(db.document(id), "document \(id)")
            guard document.holderID == learner else { throw CreditBankError.notFound("document \(id)") }
            guard document.revocation == nil, document.supersededBy == nil else {
                throw CreditBankError.conflict("document \(document.code.formatted) is \(document.status(at: now).name); share a valid one")
            }
            return try db.insert(
                ShareLink(
                    id: 0, learnerID: learner, documentID: id, tokenHash: SessionToken.hash(token), createdAt: now,
                    expiresAt: now.addingTimeInterval(TimeInterval(days) * 86_400), maxViews: maxViews))
        }
        return (link, token)
    }

    /// The learner's links, newest first, with their documents.
    public func shareLinks(of learner: LearnerID) async throws -> [(ShareLink, IssuedDocument)] {
        try await storage.read { db in
            try db.shareLinks(of: learner).map { ($0, try db.require(db.document($0.documentID), "document")) }
        }
    }

    /// Withdraws a link at once.
    /// - Throws: `.notFound` for another learner's link.
    public func withdrawShareLink(_ id: ShareLinkID, for learner: LearnerID) async throws {
        let now = clock.now()
        try await storage.write { db in
            guard var link = try db.shareLink(id), link.learnerID == learner else { throw CreditBankError.notFound("share link \(id)") }
            guard link.withdrawnAt == nil else { return }
            link.withdrawnAt = now
            try db.update(link)
        }
    }

    /// Opens a link: counts a view (when `countView`) and returns the document's public answer.
    /// - Throws: `.notFound` for an unknown token; `ShareLinkGone` once expired, used up or withdrawn.
    public func openShareLink(_ token: String, countView: Bool, context: LookupContext? = nil) async throws -> SharedDocument {
        guard ShareLink.isWellFormedToken(token) else { throw CreditBankError.notFound("share link") }
        let now = clock.now()
        let hash = SessionToken.hash(token)
        @Sendable func open(_ db: any StorageReading) throws -> SharedDocument {
            guard let link = try db.shareLink(tokenHash: hash) else { throw CreditBankError.notFound("share link") }
            let state = link.state(at: now)
            guard state == .open else { throw ShareLinkGone(state: state) }
            let document = try db.require(db.document(link.documentID), "document")
            return SharedDocument(link: link, document: document, answer: try answer(for: document, at: now, in: db))
        }
        // Only a view writes; fetching the PDF through the link only reads.
        guard countView else { return try await storage.read(open) }
        let shared = try await storage.write { db in
            var shared = try open(db)
            shared.link.views += 1
            try db.update(shared.link)
            return shared
        }
        recordLookup(of: shared.document, context, at: now)
        return shared
    }
}

/// A share link that no longer opens (HTTP 410).
public struct ShareLinkGone: Error, Sendable {
    public var state: ShareLink.State
}
