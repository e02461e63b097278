/// `/me/conversions/case`: manual 001 §五's case-by-case application. Pick one recognised 业绩类
/// outcome, search the catalog for the target (项目名称, 成果名称, 机构), confirm, submit.
struct CaseApplyPage: PageModel {
    static let template = "case-apply"
    let title = "业绩类成果个案转换"
    struct Outcome: Sendable { var id, name, detail: String, checked: Bool }
    struct Target: Sendable { var id, name, code, institution, credits, detail: String, checked: Bool }
    var outcomes: [Outcome]
    var hasOutcomes: Bool
    var q: String
    var searched: Bool
    var targets: [Target]
    var hasTargets: Bool
    /// The confirm step: the choice shown, not editable, with the final submit.
    var confirming: Bool
    var chosenOutcome: Outcome?
    var chosenTarget: Target?
    var problem: String?
}

/// What the case forms send: the outcome, the target, and the search text.
struct CaseApplyForm: Decodable {
    var outcomeId: String?
    var targetId: String?
    var q: String?
}
