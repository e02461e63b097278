import Foundation

/// Where a conversion application stands (docs/product.md §2).
public enum ConversionStatus: String, CaseIterable, Hashable, Sendable, Codable {
    /// Waiting for the target institution's initial review (已提交).
    case submitted
    /// Passed initial review, waiting for the committee (待终审).
    case awaitingFinalReview = "awaiting-final-review"
    /// Passed final review; the target outcome is stored and the certificate issued (转换成功).
    case succeeded
    /// Rejected at either stage (转换失败).
    case failed
    /// Withdrawn by the learner before initial review (已撤回).
    case withdrawn

    /// The Chinese label.
    public var chineseName: String {
        switch self {
        case .submitted: "已提交，待初审"
        case .awaitingFinalReview: "初审通过，待终审"
        case .succeeded: "转换成功"
        case .failed: "转换失败"
        case .withdrawn: "已撤回"
        }
    }

    /// The English label.
    public var englishName: String {
        switch self {
        case .submitted: "Submitted, awaiting initial review"
        case .awaitingFinalReview: "Awaiting final review"
        case .succeeded: "Succeeded"
        case .failed: "Failed"
        case .withdrawn: "Withdrawn"
        }
    }

    /// Whether the application still blocks another use of the same rule on the same source.
    public var holdsSources: Bool { self == .submitted || self == .awaitingFinalReview || self == .succeeded }
}

/// What an application converts under: a published rule, or — for a recognised 业绩类 (informal)
/// outcome that no rule covers — a target the learner picked from the catalog, decided case by case
/// by the same two review stages (manual 001 §五; docs/product.md §2).
public enum ConversionBasis: Hashable, Sendable {
    case rule(RuleID)
    case caseByCase(target: CatalogEntryID)

    /// The rule, when there is one.
    public var ruleID: RuleID? { if case .rule(let id) = self { id } else { nil } }
    /// The picked target of a case-by-case application.
    public var caseTargetID: CatalogEntryID? { if case .caseByCase(let target) = self { target } else { nil } }
}

/// A learner's application to convert stored outcome(s) under a rule or case by case (转换申请).
public struct ConversionApplication: Identifiable, Hashable, Sendable {
    /// Row id.
    public var id: ApplicationID
    public var learnerID: LearnerID
    public var basis: ConversionBasis
    /// The learner's stored outcomes offered as sources, in the rule's source order.
    public var sourceOutcomeIDs: [OutcomeID]
    public var status: ConversionStatus
    public var submittedAt: Date
    /// When it reached succeeded, failed or withdrawn.
    public var closedAt: Date?
    /// The outcome added on success, and the certificate issued for it.
    public var targetOutcomeID: OutcomeID?
    public var certificateID: DocumentID?

    /// Creates an application value.
    public init(
        id: ApplicationID, learnerID: LearnerID, basis: ConversionBasis, sourceOutcomeIDs: [OutcomeID], status: ConversionStatus,
        submittedAt: Date, closedAt: Date? = nil, targetOutcomeID: OutcomeID? = nil, certificateID: DocumentID? = nil
    ) {
        self.id = id
        self.learnerID = learnerID
        self.basis = basis
        self.sourceOutcomeIDs = sourceOutcomeIDs
        self.status = status
        self.submittedAt = submittedAt
        self.closedAt = closedAt
        self.targetOutcomeID = targetOutcomeID
        self.certificateID = certificateID
    }

    /// The rule it was made under; nil for a case-by-case application.
    public var ruleID: RuleID? { basis.ruleID }

    /// The application number printed on the certificate: `CV-2026-000123`.
    public var number: String {
        "CV-\(LocalDate(submittedAt).year)-" + String(repeating: "0", count: max(0, 6 - String(id.rawValue).count)) + String(id.rawValue)
    }
}
