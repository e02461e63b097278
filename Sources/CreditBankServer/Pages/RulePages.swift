import CreditBankCore

/// `/rules`: the published conversion rules, searchable by code, name, target outcome or target
/// institution, and by the target's category.
struct RulesPage: PageModel {
    static let template = "rules"
    let title = "转换规则"
    struct Row: Sendable { var id, code, name, target, institution, credits: String }
    var q: String
    var categories: [Choice]
    var rows: [Row]
    var hasRows: Bool
    var total: Int
    var pager: Pager
}

/// `/rules/{id}`: one rule with its sources and target, and for a signed-in learner the stored
/// outcomes that qualify.
struct RulePage: PageModel {
    static let template = "rule"
    var title: String
    struct Source: Sendable { var name, code, institution: String, minimumScore: String? }
    struct Mine: Sendable { var id, name, obtainedOn: String, score: String?, used: Bool }
    var id, code, name, description: String
    var hasDescription: Bool
    var sources: [Source]
    var target, targetInstitution, targetKind, credits, ratio, granted, validity: String
    var signedIn: Bool
    var mine: [Mine]
    var hasMine: Bool
    var canApply: Bool
}

/// `/me/conversions/new`: apply under a rule — tick the outcomes, confirm, submit.
struct ApplyPage: PageModel {
    static let template = "apply"
    let title = "申请转换"
    struct Candidate: Sendable { var id, name, issuer, obtainedOn: String, score: String?, checked: Bool }
    var ruleId, ruleCode, ruleName, target, granted: String
    var candidates: [Candidate]
    var hasCandidates: Bool
    /// The confirm step: the chosen outcomes are shown, not editable, with the final submit.
    var confirming: Bool
    var chosen: [Candidate]
    var problem: String?
}

/// What the apply forms post: the rule and the ticked outcomes (`outcomeId[]`).
struct ApplyForm: Decodable {
    var ruleId: String?
    var outcomeId: [String]?
}
