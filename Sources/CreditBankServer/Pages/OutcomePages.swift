import CreditBankCore

/// One choice of a `<select>`.
struct Choice: Sendable {
    var value: String
    var label: String
    var selected = false
}

/// The "page n of N" line of a long list, with links to the neighbours (the `pager` partial).
struct Pager: Sendable {
    var label: String
    var previous: String?
    var next: String?

    /// The pager of page `page` (from 1) of `total` items, `size` to a page; `link` makes a page's address.
    init(page: Int, total: Int, size: Int, link: (Int) -> String) {
        let pages = max(1, (total + size - 1) / size)
        let current = min(max(1, page), pages)
        label = "第 \(current) 页 / 共 \(pages) 页"
        previous = current > 1 ? link(current - 1) : nil
        next = current < pages ? link(current + 1) : nil
    }
}

/// `/me/outcomes`: the learner's outcomes with the manuals' filters (name, category, subtype), the
/// 个人获取 / 转换获取 tabs, source and status per row, 20 to a page.
struct OutcomesPage: PageModel {
    static let template = "outcomes"
    let title = "我的成果"
    struct Tab: Sendable { var label, href: String, current: Bool, count: Int }
    struct Row: Sendable {
        var id, name, categoryName, subtypeName, issuer, obtainedOn, sourceName, status, statusName, credits: String
        var applicableRules, usedRules: Int
    }
    var tab: String
    var tabs: [Tab]
    var q: String
    var categories: [Choice]
    var subtypes: [Choice]
    var rows: [Row]
    var hasRows: Bool
    var total: Int
    var pager: Pager
    var notice: String?
}

/// `/me/outcomes/new`: choose a subtype, then pick the outcome from the catalog (stored at once) or
/// enter it by hand with that subtype's own fields (registered until recognised).
struct NewOutcomePage: PageModel {
    static let template = "outcome-new"
    let title = "添加学习成果"
    struct SubtypeGroup: Sendable { var label: String, options: [Choice] }
    struct CatalogRow: Sendable {
        var id, name, code, institution, credits, subtypeName: String
        var details: String?
    }
    /// One input of the hand-entry form.
    struct Field: Sendable {
        var name, id, label: String
        var type = "text"
        var required = false
        var value = ""
        var problem: String?
        var choices: [Choice] = []
        /// A `<select>` rather than an `<input>`.
        var isChoice = false
    }
    var groups: [SubtypeGroup]
    var chosen: Bool
    var subtype = ""
    var subtypeName = ""
    var categoryName = ""
    var q = ""
    var searched = false
    var results: [CatalogRow] = []
    var hasResults = false
    var today: String
    var fields: [Field] = []
    var problem: String?
    /// Editing a registered outcome: only the hand-entry form, posted to `action`.
    var editing = false
    var action = "/me/outcomes"
}

/// What the add-outcome forms post: `mode=catalog` with `catalogId`, or `mode=manual` with the fields.
struct OutcomeForm: Decodable, Sendable {
    var mode: String?
    var catalogId: String?
    var subtype: String?
    var name: String?
    var issuer: String?
    var institutionCode: String?
    var certificateNumber: String?
    var obtainedOn: String?
    var score: String?
    var hours: String?
    var credits: String?
    var attributes: [String: String]?
}

/// `/me/outcomes/{id}`: every field, the recognition record, the rules this outcome can use, and what
/// the learner may do with it now.
struct OutcomeDetailPage: PageModel {
    static let template = "outcome"
    var title: String
    struct Line: Sendable { var label, value: String }
    struct Review: Sendable { var stageName, decisionName, reviewerName, opinion, decidedOn: String }
    struct RuleLine: Sendable { var id, code, name, credits: String, used: Bool }
    var id: String
    var status, statusName, sourceName: String
    var lines: [Line]
    var reviews: [Review]
    var hasReviews: Bool
    var rules: [RuleLine]
    var hasRules: Bool
    var registered: Bool
    var waiting: Bool
    var reportable: Bool
    /// A recognised 业绩类 outcome: it may be converted case by case.
    var caseConvertible: Bool
    /// The subtype's evidence list (证明材料清单), the files uploaded, and whether more may be.
    struct EvidenceNeed: Sendable { var label: String, required: Bool }
    struct File: Sendable { var href, label: String, isImage: Bool }
    var evidenceList: [EvidenceNeed]
    var hasEvidenceList: Bool
    var files: [File]
    var hasFiles: Bool
    var canUpload: Bool
    /// The list needs a file and none is uploaded: recognition cannot be asked for yet.
    var evidenceMissing: Bool
    var uploadProblem: String?
    var notice: String?
}
