import Foundation

/// A notification to a learner about a change of state (我的消息).
public struct Message: Identifiable, Hashable, Sendable {
    public var id: MessageID
    public var learnerID: LearnerID
    public var text: String
    public var createdAt: Date
    /// When the learner marked it read; nil while unread.
    public var readAt: Date?
    /// Creates a message value.
    public init(id: MessageID, learnerID: LearnerID, text: String, createdAt: Date, readAt: Date? = nil) {
        self.id = id
        self.learnerID = learnerID
        self.text = text
        self.createdAt = createdAt
        self.readAt = readAt
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
        resolution: Resolution? = nil
    ) {
        self.resolution = resolution
        self.id = id
        self.learnerID = learnerID
        self.outcomeID = outcomeID
        self.problems = problems
        self.description = description
        self.status = status
        self.createdAt = createdAt
    }
}
