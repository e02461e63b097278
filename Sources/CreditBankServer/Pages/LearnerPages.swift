import CreditBankCore
import Foundation

/// `/me`: the personal centre.
struct CentrePage: PageModel {
    static let template = "me"
    let title = "个人中心"
    struct Category: Sendable { var name: String, credits: String }
    struct MessageLine: Sendable { var text: String, at: String }
    var cardId, accountNumber, idMasked, phoneMasked, totalCredits: String
    var storedCount, waitingCount, conversionCount, documentCount: Int
    var categories: [Category]
    var messages: [MessageLine]
    var unreadCount: Int
    /// A number is always "true" to Mustache: the badge shows on this flag.
    var hasUnread: Bool
}

/// `/me/documents`: the learner's documents and the forms that issue a transcript or a proof.
struct DocumentsPage: PageModel {
    static let template = "documents"
    let title = "我的文书"
    struct Document: Sendable {
        var id, kindName, code, status, statusName, issuedOn, verifyUrl: String
        var expiresOn: String?
    }
    struct StoredOutcome: Sendable { var id, name, issuer, obtainedOn, credits: String }
    var documents: [Document]
    var stored: [StoredOutcome]
    /// Whether the proof form shows (a section over a non-empty list loops rather than tests).
    var hasStored: Bool
    let months = Array(1...6)
    var notice: String?
    var problem: String?
}

/// What the issue forms post; ticked outcomes come as `outcomeId[]`.
struct IssueDocumentForm: Decodable {
    var kind: String?
    var validityMonths: String?
    var outcomeId: [String]?
}

/// `/me/conversions`: each application with its reviews, or what it waits for.
struct ConversionsPage: PageModel {
    static let template = "conversions"
    let title = "我的转换"
    struct Review: Sendable { var stageName, decisionName, reviewerName, opinion, decidedOn: String }
    /// One step of the progress line: 提交 → 初审 → 终审 → 办结.
    struct Step: Sendable { var label: String, state: String }
    struct Application: Sendable {
        /// `basis`: the rule's code and name, or 个案认定; `target`: what the learner receives.
        var id, number, basis, target, status, statusName, submittedOn: String
        /// Still waiting for initial review: the learner may withdraw it.
        var canWithdraw: Bool
        var closedOn, certificateId, pendingNote: String?
        var steps: [Step]
        var reviews: [Review]
    }
    /// Manual 002's tabs, and all.
    enum TabKind: String, CaseIterable, Sendable {
        case all, pending, succeeded, failed

        var label: String {
            switch self {
            case .all: "全部 All"
            case .pending: "审核中 Under review"
            case .succeeded: "转换成功 Succeeded"
            case .failed: "转换失败 Failed"
            }
        }

        func includes(_ status: ConversionStatus) -> Bool {
            switch self {
            case .all: true
            case .pending: status == .submitted || status == .awaitingFinalReview
            case .succeeded: status == .succeeded
            case .failed: status == .failed || status == .withdrawn
            }
        }
    }
    struct Tab: Sendable { var label, href: String, current: Bool, count: Int }
    var tab: String
    var tabs: [Tab]
    var from, to: String
    var applications: [Application]
    var hasApplications: Bool
    var notice: String?

    /// The progress line: each step done, current, failed or still to come.
    static func steps(_ status: ConversionStatus, reviews: [ReviewRecord]) -> [Step] {
        let initial = reviews.first { $0.stage == .initial }
        let final = reviews.first { $0.stage == .final }
        func state(_ record: ReviewRecord?, waiting: Bool) -> String {
            if let record { return record.decision == .approve ? "done" : "refused" }
            return waiting ? "current" : "todo"
        }
        let closedLabel =
            switch status {
            case .succeeded: "转换成功 Succeeded"
            case .failed: "转换失败 Failed"
            case .withdrawn: "已撤回 Withdrawn"
            default: "办结 Closed"
            }
        return [
            Step(label: "提交 Submitted", state: "done"),
            Step(label: "初审 Initial review", state: state(initial, waiting: status == .submitted)),
            Step(label: "终审 Final review", state: state(final, waiting: status == .awaitingFinalReview)),
            Step(
                label: closedLabel,
                state: status == .succeeded ? "done" : status == .failed || status == .withdrawn ? "refused" : "todo"),
        ]
    }
}

/// `/me/messages`: every notification, unread first.
struct MessagesPage: PageModel {
    static let template = "messages"
    let title = "我的消息"
    /// `href`: the page of the record the message is about, if any.
    struct Line: Sendable { var text, at: String, unread: Bool, href: String? }
    var messages: [Line]
    var hasMessages: Bool
    var unreadCount: Int
    var hasUnread: Bool
    var notice: String?
}

/// `/me/settings`: personal details and the password.
struct SettingsPage: PageModel {
    static let template = "settings"
    let title = "账号设置"
    var name, idMasked, phoneMasked, accountNumber, cardId: String
    var languages: [Choice]
    var oldPasswordProblem, newPasswordProblem: String?
    /// The phone form: the number typed (kept on a refusal) and the problems beside its fields.
    var newPhone = ""
    var phonePasswordProblem, phoneProblem: String?
    var notice: String?
}

/// What the password form posts.
struct PasswordForm: Decodable {
    var oldPassword: String?
    var newPassword: String?
    var newPassword2: String?
}

/// `/me/feedback`: report a problem in an outcome an institution or the bank entered (seed 002 §4),
/// and the reports with their status and reply.
struct FeedbackPage: PageModel {
    static let template = "feedback"
    let title = "问题反馈"
    struct Report: Sendable {
        var id: String
        /// A PDF is attached (a link to it).
        var hasFile: Bool
        var outcomeName, problems, description, createdAt, statusName: String
        var resolved: Bool
        var reply, repliedAt: String?
    }
    var reportable: [Choice]
    var hasReportable: Bool
    var problemTypes: [Choice]
    var description = ""
    var filters: [Choice]
    var reports: [Report]
    var hasReports: Bool
    var outcomeProblem, problemsProblem, descriptionProblem, fileProblem: String?
    var notice: String?
}

/// What the feedback form posts.
struct FeedbackForm: Decodable {
    var outcomeId: String?
    var problems: [String]?
    var description: String?
    /// The optional PDF (反馈文件).
    var file: Data?
}

/// `/me/shares`: the holder's share links (document, expiry, views, state), a form to make one, and
/// the new link shown once.
struct SharesPage: PageModel {
    static let template = "shares"
    let title = "分享链接"
    struct Link: Sendable { var id, document, code, createdOn, expiresOn, views, state, stateName: String, open: Bool }
    var links: [Link]
    var hasLinks: Bool
    var documents: [Choice]
    var hasDocuments: Bool
    /// The link just made (its token is not stored, so it is shown only now).
    var newLink: String?
    var daysProblem, maxViewsProblem: String?
    var notice: String?
}

/// `/me/verifications`: who looked up my documents in the last 180 days — when, how, from which
/// network (never a full address); my own views are not listed (docs/seal.md).
struct VerificationsPage: PageModel {
    static let template = "verifications"
    let title = "核验记录"
    struct Row: Sendable { var at, document, code, channel, network: String }
    var rows: [Row]
    var hasRows: Bool
    var total: Int
}

/// `/s/{token}`: a shared document's details and PDF, without signing in.
struct SharedPage: PageModel {
    static let template = "shared"
    let title = "分享的文书"
    struct Line: Sendable { var label, labelEn, value: String }
    var token, kindName, code, statusName, tone, holderName, holderIdMasked, issuer, issuedOn, sha256: String
    var lines: [Line]
    var expiresOn: String
    var viewsLeft: String?
}
