import Foundation

/// A notification to a learner about a change of state (我的消息).
public struct Message: Identifiable, Hashable, Sendable {
    public var id: MessageID
    public var learnerID: LearnerID
    public var text: String
    public var createdAt: Date
    /// When the learner marked it read; nil while unread.
    public var readAt: Date?
    /// What the message is about, so that the learner can open it.
    public var subject: MessageSubject?
    /// Creates a message value.
    public init(id: MessageID, learnerID: LearnerID, text: String, createdAt: Date, readAt: Date? = nil, subject: MessageSubject? = nil) {
        self.id = id
        self.learnerID = learnerID
        self.text = text
        self.createdAt = createdAt
        self.readAt = readAt
        self.subject = subject
    }
}

/// The record a message is about: an outcome, an application, a document or a problem report.
public enum MessageSubject: Hashable, Sendable {
    case outcome(OutcomeID)
    case application(ApplicationID)
    case document(DocumentID)
    case feedback(FeedbackID)

    /// The stored kind: `outcome`, `application`, `document` or `feedback`.
    public var kind: String {
        switch self {
        case .outcome: "outcome"
        case .application: "application"
        case .document: "document"
        case .feedback: "feedback"
        }
    }

    /// The stored id.
    public var rawID: Int64 {
        switch self {
        case .outcome(let id): id.rawValue
        case .application(let id): id.rawValue
        case .document(let id): id.rawValue
        case .feedback(let id): id.rawValue
        }
    }

    /// Rebuilds a stored subject; nil for a kind this version does not know.
    public init?(kind: String, id: Int64) {
        switch kind {
        case "outcome": self = .outcome(OutcomeID(id))
        case "application": self = .application(ApplicationID(id))
        case "document": self = .document(DocumentID(id))
        case "feedback": self = .feedback(FeedbackID(id))
        default: return nil
        }
    }
}

/// A learner's report of an error in an outcome an institution or the bank created (问题反馈).
public struct Feedback: Identifiable, Hashable, Sendable {
    /// Where a report stands.
    public enum Status: String, CaseIterable, Hashable, Sendable, Codable { case open, resolved }

    public var id: FeedbackID
    public var learnerID: LearnerID
    public var outcomeID: OutcomeID
    /// What is wrong, e.g. ["name", "date"].
    public var problems: [String]
    public var description: String
    public var status: Status
    public var createdAt: Date
    /// The staff's answer when resolved.
    public var resolution: Resolution?
    /// The PDF the learner attached (seed 002 §4 反馈文件), kept with the evidence files by hash.
    public var attachment: Attachment?

    /// An attached file: its hash names it in the evidence store.
    public struct Attachment: Hashable, Sendable {
        public var sha256: String
        public var byteCount: Int
        public init(sha256: String, byteCount: Int) {
            self.sha256 = sha256
            self.byteCount = byteCount
        }
    }

    /// How a report was resolved.
    public struct Resolution: Hashable, Sendable {
        public var reply: String
        public var at: Date
        public var by: StaffID
        public init(reply: String, at: Date, by: StaffID) {
            self.reply = reply
            self.at = at
            self.by = by
        }
    }

    /// Creates a feedback value.
    public init(
        id: FeedbackID, learnerID: LearnerID, outcomeID: OutcomeID, problems: [String], description: String, status: Status,
        createdAt: Date,
        resolution: Resolution? = nil, attachment: Attachment? = nil
    ) {
        self.resolution = resolution
        self.attachment = attachment
        self.id = id
        self.learnerID = learnerID
        self.outcomeID = outcomeID
        self.problems = problems
        self.description = description
        self.status = status
        self.createdAt = createdAt
    }
}
