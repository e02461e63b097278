import Foundation

/// A learner's request to activate an account an institution created when their name does not
/// match the institution's record (manual 000 step 6: staff review it). It carries the photo of the
/// ID card and what the learner chose; staff approve (the account takes the name on the ID card,
/// the phone and the password) or refuse with a reason.
public struct ActivationRequest: Identifiable, Hashable, Sendable {
    public enum Status: String, CaseIterable, Hashable, Sendable {
        case waiting, approved, refused

        public var chineseName: String {
            switch self {
            case .waiting: "待审核"
            case .approved: "已通过"
            case .refused: "未通过"
            }
        }
    }

    public var id: ActivationID
    public var learnerID: LearnerID
    /// The name as the learner typed it (as on the ID card).
    public var name: PersonName
    public var phone: PhoneNumber
    public var passwordHash: String
    /// The ID photo in the evidence store.
    public var photoSHA256: String
    public var photoFormat: EvidenceFormat
    public var status: Status
    public var reason: String?
    public var submittedAt: Date
    public var decidedAt: Date?
    public var decidedBy: StaffID?

    public init(
        id: ActivationID, learnerID: LearnerID, name: PersonName, phone: PhoneNumber, passwordHash: String, photoSHA256: String,
        photoFormat: EvidenceFormat, status: Status, reason: String? = nil, submittedAt: Date, decidedAt: Date? = nil,
        decidedBy: StaffID? = nil
    ) {
        self.id = id
        self.learnerID = learnerID
        self.name = name
        self.phone = phone
        self.passwordHash = passwordHash
        self.photoSHA256 = photoSHA256
        self.photoFormat = photoFormat
        self.status = status
        self.reason = reason
        self.submittedAt = submittedAt
        self.decidedAt = decidedAt
        self.decidedBy = decidedBy
    }
}

/// What `/activate` finds for an ID number and a name.
public enum ActivationLookup: Sendable {
    /// An institution's account waits and the name matches: the learner sets phone and password.
    case matches(Learner)
    /// An institution's account waits but the name differs: a person reviews it with the ID photo.
    case needsReview(Learner, latest: ActivationRequest?)
}
