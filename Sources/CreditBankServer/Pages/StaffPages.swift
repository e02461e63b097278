import Foundation
import CreditBankCore

/// `/staff/login`: staff accounts only.
struct StaffLoginPage: PageModel {
    static let template = "staff-login"
    let title = "工作人员登录"
    var login = ""
    var problem: String?
}

/// `/staff`: the caller's queues with their counts.
struct StaffHomePage: PageModel {
    static let template = "staff-home"
    let title = "工作台"
    struct Queue: Sendable { var label, href: String, count: Int }
    var roleName: String
    var queues: [Queue]
}

/// `/staff/recognitions`: outcomes waiting for recognition at the reviewer's institution.
struct RecognitionQueuePage: PageModel {
    static let template = "staff-recognitions"
    let title = "成果认定"
    struct Case: Sendable {
        var id, name, learner, categoryName, issuer, obtainedOn: String
        var details: String
        var evidence: [Evidence]
        var hasEvidence: Bool
        var suggested: String
    }
    /// Images are shown inline, PDFs open in a new tab.
    struct Evidence: Sendable { var href, label: String, isImage: Bool }
    var cases: [Case]
    var hasCases: Bool
    var notice: String?
    var problem: String?
}

/// `/staff/conversions?stage=`: the initial (target institution) or final (experts) queue.
struct ConversionQueuePage: PageModel {
    static let template = "staff-conversions"
    var title: String
    struct Row: Sendable { var id, number, learner, rule, submittedOn: String }
    var stage: String
    var rows: [Row]
    var hasRows: Bool
    var notice: String?
}

/// `/staff/conversions/{id}`: one application as the reviewer decides it.
struct ConversionCasePage: PageModel {
    static let template = "staff-conversion"
    var title: String
    struct Source: Sendable {
        var name, issuer, obtainedOn, score, credits: String
        /// The outcome's own proof.
        var evidence: [RecognitionQueuePage.Evidence]
        var hasEvidence: Bool
    }
    struct Review: Sendable { var stageName, decisionName, reviewerName, opinion, decidedOn: String }
    var id, number, learner, statusName, rule, target, granted: String
    var sources: [Source]
    var reviews: [Review]
    var hasReviews: Bool
    var material: [RecognitionQueuePage.Evidence]
    var hasMaterial: Bool
    var decidable: Bool
    var certificateId: String?
    /// The initial review may attach material (转换初审材料).
    var canAttach = false
    var uploadProblem: String?
    var opinion = ""
    var problem: String?
    var notice: String?
}

/// What the decision forms post.
struct DecisionForm: Decodable {
    var decision: String?
    var opinion: String?
    var credits: String?
}

/// `/staff/activations`: activation requests whose name did not match the institution's record;
/// the ID photo is shown, approve or refuse with a reason (manual 000 step 6).
struct ActivationQueuePage: PageModel {
    static let template = "staff-activations"
    let title = "账户激活审核"
    struct Request: Sendable {
        var id, recordName, requestedName, idMasked, phoneMasked, submittedOn, photoHref: String
    }
    var requests: [Request]
    var hasRequests: Bool
    var notice: String?
    var problem: String?
}

/// `/staff/audit` (admins): every staff action, newest first, filtered, 50 to a page, exportable.
struct AuditPage: PageModel {
    static let template = "staff-audit"
    let title = "操作日志"
    struct Row: Sendable { var at, actor, actionName, subject, detail: String }
    var rows: [Row]
    var hasRows: Bool
    var total: Int
    var actions: [Choice]
    var staff, from, to: String
    /// The same filter as a query string, for the CSV link.
    var query: String
    var pager: Pager?
    var staffProblem: String?
}

/// `/staff/feedback`: learners' problem reports with their types and PDF, filtered by status;
/// a reply resolves one and messages the learner (seed 002 §4).
struct StaffFeedbackPage: PageModel {
    static let template = "staff-feedback"
    let title = "问题反馈处理"
    struct Report: Sendable {
        var id, learner, outcomeName, outcomeIssuer, problems, description, createdAt, statusName: String
        var open: Bool
        var hasFile: Bool
        var reply, repliedAt: String?
    }
    var reports: [Report]
    var hasReports: Bool
    var filters: [Choice]
    var notice: String?
    var problem: String?
}

/// `/staff/documents`: find a document by code (one wrong symbol corrected), holder name, or
/// (administrators) full ID number.
struct StaffDocumentsPage: PageModel {
    static let template = "staff-documents"
    let title = "文书查询"
    struct Row: Sendable { var id, code, kindName, holder, issuedOn, status, statusName: String }
    var q: String
    var searched: Bool
    var rows: [Row]
    var hasRows: Bool
    /// How the search matched, in words (a corrected code says so).
    var matchNote: String?
    var qProblem: String?
}

/// `/staff/documents/{id}`: status, holder, the frozen content, the PDF; revoke (with a confirm
/// step) and reissue a corrected certificate for administrators.
struct StaffDocumentPage: PageModel {
    static let template = "staff-document"
    var title: String
    struct Line: Sendable { var label, value: String }
    var id, code, kindName, language, status, statusName, holder, holderID, issuedAt, template, sha256, byteCount: String
    /// How often the document was verified (by code or by upload).
    var verifications: Int
    var expiresOn, revokedReason, newerCode: String?
    var lines: [Line]
    var isAdmin: Bool
    var active: Bool
    var reissuable: Bool
    /// The revoke form's confirm step: the reason typed, waiting for "确认撤销".
    var confirmingRevoke = false
    var reason = ""
    var notice: String?
    var problem: String?
}

/// `/staff/batches` (admins): the batch form and the batches printed, with their expiry.
struct BatchesPage: PageModel {
    static let template = "staff-batches"
    let title = "批量打印"
    struct Row: Sendable { var id, kindName, format, status, statusName, progress, createdAt, expiresOn: String }
    var kinds: [Choice]
    var institutions: [Choice]
    var from = "", to = ""
    var pdfChecked = true
    var rows: [Row]
    var hasRows: Bool
    var fromProblem, toProblem, institutionProblem: String?
    var problem: String?
}

/// `/staff/batches/{id}`: one batch's progress (the page refreshes itself while it runs) and its file.
struct BatchPage: PageModel {
    var title: String
    var id, kindName, format, statusName, selection, createdAt: String
    var done, total: Int
    var percent: Int
    var running: Bool
    var ready: Bool
    var expiresOn: String?
    var failure: String?
    static let template = "staff-batch"
}

/// `/staff/rules` (admins): every rule with its state; publish, withdraw, delete an unused one; create.
struct StaffRulesPage: PageModel {
    static let template = "staff-rules"
    let title = "转换规则管理"
    struct Row: Sendable { var id, code, name, target, credits, validity: String, published: Bool }
    var q: String
    var rows: [Row]
    var hasRows: Bool
    var total: Int
    var pager: Pager?
    var form: RuleForm
    /// "Publish now" ticked on the create form.
    var publishChecked = true
    /// Problems beside the create form's fields, by field name.
    var codeProblem, nameProblem, sourcesProblem, targetProblem, creditsProblem, ratioProblem, minScoreProblem, validFromProblem, validToProblem: String?
    var notice: String?
    var problem: String?
}

/// What the rule form posts (sources and target as INSTITUTION:CODE).
struct RuleForm: Decodable, Sendable {
    var code = "", name = "", description = "", sources = "", target = "", credits = "", ratio = "100", minScore = ""
    var validFrom = "", validTo = ""
    var published: String?

    init() {}

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) throws -> String { try c.decodeIfPresent(String.self, forKey: key) ?? "" }
        code = try text(.code)
        name = try text(.name)
        description = try text(.description)
        sources = try text(.sources)
        target = try text(.target)
        credits = try text(.credits)
        ratio = try c.decodeIfPresent(String.self, forKey: .ratio) ?? "100"
        minScore = try text(.minScore)
        validFrom = try text(.validFrom)
        validTo = try text(.validTo)
        published = try c.decodeIfPresent(String.self, forKey: .published)
    }

    enum CodingKeys: String, CodingKey { case code, name, description, sources, target, credits, ratio, minScore, validFrom, validTo, published }
}

/// `/staff/imports`: upload a catalog, rules or institution-outcome CSV, see a preview with every
/// bad line numbered and named, then commit all or nothing.
struct ImportsPage: PageModel {
    static let template = "staff-imports"
    let title = "导入"
    struct Problem: Sendable { var line, field, message: String }
    struct Fate: Sendable { var line, learner, outcome, what: String }
    var kinds: [Choice]
    var institutions: [Choice]
    var isAdmin: Bool
    /// The preview or the result: its kind in words and what it found.
    var previewing = false
    var committed = false
    var kindName = ""
    var problems: [Problem] = []
    var hasProblems = false
    var fates: [Fate] = []
    var hasFates = false
    var summary = ""
    /// The commit form's hidden fields.
    var kind = "", institutionCode = "", sha256 = ""
    var fileProblem: String?
    var problem: String?
}

/// The commit form.
struct ImportCommitForm: Decodable {
    var kind: String?
    var institutionCode: String?
    var sha256: String?
}

/// The upload form (multipart).
struct ImportUploadForm: Decodable {
    var kind: String?
    var institutionCode: String?
    var file: Data?
}

/// `/staff/accounts` (admins): staff accounts; create, reset a password, disable.
struct StaffAccountsPage: PageModel {
    static let template = "staff-accounts"
    let title = "账户管理"
    struct Row: Sendable { var id, username, displayName, roleName: String, disabled, mustChange, isSelf: Bool }
    var rows: [Row]
    var roles: [Choice]
    var institutions: [Choice]
    var username = "", displayName = ""
    /// A one-time password just set, shown this once.
    var oneTimeUser: String?
    var oneTimePassword: String?
    var usernameProblem, institutionProblem: String?
    var notice: String?
    var problem: String?
}

/// `/staff/password`: a staff member's own password (required after a one-time password).
struct StaffPasswordPage: PageModel {
    static let template = "staff-password"
    let title = "修改密码"
    var required: Bool
    var oldPasswordProblem, newPasswordProblem: String?
    var notice: String?
}
