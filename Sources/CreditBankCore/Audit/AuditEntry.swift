import Foundation

/// What a staff member did, kept in an append-only log (docs/product.md §2 "Audit"): every decision,
/// revocation, supersession, batch, import, account and rule change, with who, when and what.
public struct AuditEntry: Identifiable, Hashable, Sendable {
    public var id: AuditID
    public var at: Date
    /// The staff account, nil for the command line.
    public var staffID: StaffID?
    /// Who, in words: `国开审核员 (ouc-reviewer)`, or `command line`.
    public var actor: String
    public var action: AuditAction
    /// The record acted on: `outcome 12`, `application CV-2026-000003`, `document 7K3M-…`.
    public var subject: String
    /// What was decided or changed.
    public var detail: String

    public init(id: AuditID = 0, at: Date, staffID: StaffID?, actor: String, action: AuditAction, subject: String, detail: String) {
        self.id = id
        self.at = at
        self.staffID = staffID
        self.actor = actor
        self.action = action
        self.subject = subject
        self.detail = detail
    }

    /// An entry for an action by `staff`.
    public init(at: Date, by staff: StaffMember, _ action: AuditAction, _ subject: String, _ detail: String) {
        self.init(
            at: at, staffID: staff.id, actor: "\(staff.displayName) (\(staff.username))", action: action, subject: subject, detail: detail)
    }
}

/// The kinds of staff action the log records.
public enum AuditAction: String, CaseIterable, Hashable, Sendable {
    case recognition
    case initialReview = "initial-review"
    case finalReview = "final-review"
    case activation
    case revocation
    case supersession
    case feedbackReply = "feedback-reply"
    case batch
    case catalogImport = "catalog-import"
    case ruleImport = "rule-import"
    case outcomeImport = "outcome-import"
    case ruleChange = "rule-change"
    case accountChange = "account-change"

    public var chineseName: String {
        switch self {
        case .recognition: "成果认定"
        case .initialReview: "转换初审"
        case .finalReview: "转换终审"
        case .activation: "账户激活审核"
        case .revocation: "撤销文书"
        case .supersession: "更正重开"
        case .feedbackReply: "答复反馈"
        case .batch: "批量打印"
        case .catalogImport: "导入名录"
        case .ruleImport: "导入规则"
        case .outcomeImport: "导入机构成果"
        case .ruleChange: "规则变更"
        case .accountChange: "账户变更"
        }
    }
}

/// Which entries to list.
public struct AuditFilter: Hashable, Sendable {
    public var action: AuditAction?
    /// A staff username.
    public var staff: String?
    /// Days in China time, inclusive.
    public var from: LocalDate?
    public var to: LocalDate?

    public init(action: AuditAction? = nil, staff: String? = nil, from: LocalDate? = nil, to: LocalDate? = nil) {
        self.action = action
        self.staff = staff
        self.from = from
        self.to = to
    }
}
