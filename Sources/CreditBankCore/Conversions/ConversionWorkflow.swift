/// The conversion review workflow as a pure state machine (docs/product.md §2):
///
///     submitted ──initial approve──▶ awaiting-final-review ──final approve──▶ succeeded
///        │  └──initial reject──▶ failed ◀──final reject──┘
///        └──withdraw──▶ withdrawn
///
/// Each step checks who may take it and returns what the storage owner must carry out.
public enum ConversionWorkflow {
    /// Something that happens to an application.
    public enum Event: Hashable, Sendable {
        /// The learner withdraws.
        case withdraw
        /// A reviewer decides; the stage follows from the application's status.
        case review(ReviewRecord.Decision)
    }

    /// Who acts.
    public enum Actor: Hashable, Sendable {
        case learner(LearnerID)
        case staff(StaffRole)
    }

    /// What must happen, all in one transaction.
    public struct Effects: Hashable, Sendable {
        /// The application's new status.
        public var newStatus: ConversionStatus
        /// The review record to write, if a review was made (its stage).
        public var reviewStage: ReviewRecord.Stage?
        /// Whether the application is now closed (set `closedAt`).
        public var closes: Bool
        /// Whether to add the target outcome and issue the conversion certificate.
        public var grantsTarget: Bool
        /// The message to send the learner.
        public var message: String
    }

    /// Decides `event` by `actor` on an application in `status` whose target belongs to `targetInstitution`.
    /// - Throws: `CreditBankError.forbidden` when the actor may not act at this stage,
    ///   `.conflict` when the status does not allow the event.
    public static func handle(
        _ event: Event, by actor: Actor, status: ConversionStatus, applicationOwner: LearnerID,
        targetInstitution: InstitutionID
    ) throws(CreditBankError) -> Effects {
        switch (event, actor) {
        case (.withdraw, .learner(let learner)):
            guard learner == applicationOwner else { throw .notFound("conversion application") }
            guard status == .submitted else {
                throw .conflict("an application can be withdrawn only before initial review; this one is \(status.rawValue)")
            }
            return Effects(newStatus: .withdrawn, reviewStage: nil, closes: true, grantsTarget: false, message: "您的转换申请已撤回。")
        case (.withdraw, .staff):
            throw .forbidden("only the learner can withdraw an application")
        case (.review, .learner):
            throw .forbidden("learners cannot review applications")
        case (.review(let decision), .staff(let role)):
            switch status {
            case .submitted:
                guard role == .admin || role == .institution(targetInstitution) else {
                    throw .forbidden("the initial review belongs to the target institution's reviewers")
                }
                return decision == .approve
                    ? Effects(
                        newStatus: .awaitingFinalReview, reviewStage: .initial, closes: false, grantsTarget: false,
                        message: "您的转换申请已通过初审，等待终审。")
                    : Effects(
                        newStatus: .failed, reviewStage: .initial, closes: true, grantsTarget: false,
                        message: "您的转换申请未通过初审。")
            case .awaitingFinalReview:
                guard role == .admin || role == .expert else {
                    throw .forbidden("the final review belongs to the review committee's experts")
                }
                return decision == .approve
                    ? Effects(
                        newStatus: .succeeded, reviewStage: .final, closes: true, grantsTarget: true,
                        message: "您的转换申请已通过终审，目标成果已添加到您的账户，转换证明已开具。")
                    : Effects(
                        newStatus: .failed, reviewStage: .final, closes: true, grantsTarget: false,
                        message: "您的转换申请未通过终审。")
            case .succeeded, .failed, .withdrawn:
                throw .conflict("the application is already \(status.rawValue) and cannot be reviewed")
            }
        }
    }
}
