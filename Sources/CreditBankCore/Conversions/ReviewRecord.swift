import Foundation

/// One decision of a reviewer (审核记录): recognition of an outcome, or a stage of a conversion.
public struct ReviewRecord: Hashable, Sendable {
    /// Which review it was.
    public enum Stage: String, CaseIterable, Hashable, Sendable, Codable {
        case recognition, initial, final
        /// The Chinese label.
        public var chineseName: String {
            switch self {
            case .recognition: "认定"
            case .initial: "初审"
            case .final: "终审"
            }
        }
    }

    /// What the reviewer decided.
    public enum Decision: String, CaseIterable, Hashable, Sendable, Codable {
        case approve, reject
        /// Parses the API value.
        /// - Throws: `CreditBankError.invalid(field: "decision")`.
        public init(parsing text: String) throws(CreditBankError) {
            guard let value = Decision(rawValue: text) else {
                throw .invalid(field: "decision", reason: "'\(text)' is not approve or reject")
            }
            self = value
        }
    }

    public var stage: Stage
    public var decision: Decision
    public var reviewerID: StaffID
    /// The reviewer's display name, frozen at the time of the decision.
    public var reviewerName: String
    public var opinion: String
    public var decidedAt: Date

    /// Creates a review record.
    public init(stage: Stage, decision: Decision, reviewerID: StaffID, reviewerName: String, opinion: String, decidedAt: Date) {
        self.stage = stage
        self.decision = decision
        self.reviewerID = reviewerID
        self.reviewerName = reviewerName
        self.opinion = opinion
        self.decidedAt = decidedAt
    }
}
