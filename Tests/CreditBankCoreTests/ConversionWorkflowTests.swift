import Testing

@testable import CreditBankCore

@Suite("Conversion workflow: every event by every actor in every status")
struct ConversionWorkflowTests {
    static let owner: LearnerID = 1
    static let target: InstitutionID = 10
    static let actors: [ConversionWorkflow.Actor] = [
        .learner(1), .learner(2), .staff(.admin), .staff(.expert), .staff(.institution(10)), .staff(.institution(11)),
    ]
    static let events: [ConversionWorkflow.Event] = [.withdraw, .review(.approve), .review(.reject)]

    /// Expected new status for each legal (status, event, actor); everything else throws.
    static func expected(_ status: ConversionStatus, _ event: ConversionWorkflow.Event, _ actor: ConversionWorkflow.Actor)
        -> ConversionStatus?
    {
        switch (status, event, actor) {
        case (.submitted, .withdraw, .learner(owner)): .withdrawn
        case (.submitted, .review(.approve), .staff(.admin)), (.submitted, .review(.approve), .staff(.institution(target))):
            .awaitingFinalReview
        case (.submitted, .review(.reject), .staff(.admin)), (.submitted, .review(.reject), .staff(.institution(target))): .failed
        case (.awaitingFinalReview, .review(.approve), .staff(.admin)), (.awaitingFinalReview, .review(.approve), .staff(.expert)):
            .succeeded
        case (.awaitingFinalReview, .review(.reject), .staff(.admin)), (.awaitingFinalReview, .review(.reject), .staff(.expert)): .failed
        default: nil
        }
    }

    @Test("transitions", arguments: ConversionStatus.allCases, events)
    func transitions(_ status: ConversionStatus, _ event: ConversionWorkflow.Event) {
        for actor in Self.actors {
            let result = try? ConversionWorkflow.handle(
                event, by: actor, status: status, applicationOwner: Self.owner, targetInstitution: Self.target)
            #expect(result?.newStatus == Self.expected(status, event, actor), "status \(status), event \(event), actor \(actor)")
        }
    }

    @Test("only the final approval grants the target and issues the certificate")
    func finalApprovalGrants() throws {
        let final = try ConversionWorkflow.handle(
            .review(.approve), by: .staff(.expert), status: .awaitingFinalReview, applicationOwner: 1, targetInstitution: 10)
        #expect(final.grantsTarget && final.closes && final.reviewStage == .final)
        let initial = try ConversionWorkflow.handle(
            .review(.approve), by: .staff(.institution(10)), status: .submitted, applicationOwner: 1, targetInstitution: 10)
        #expect(!initial.grantsTarget && !initial.closes && initial.reviewStage == .initial)
    }

    @Test("refusals say why: wrong stage owner is forbidden, a decided application is a conflict")
    func refusalKinds() {
        #expect(throws: CreditBankError.forbidden("the final review belongs to the review committee's experts")) {
            try ConversionWorkflow.handle(
                .review(.approve), by: .staff(.institution(10)), status: .awaitingFinalReview, applicationOwner: 1, targetInstitution: 10)
        }
        #expect(
            throws: CreditBankError.conflict(
                "an application can be withdrawn only before initial review; this one is awaiting-final-review")
        ) {
            try ConversionWorkflow.handle(
                .withdraw, by: .learner(1), status: .awaitingFinalReview, applicationOwner: 1, targetInstitution: 10)
        }
        #expect(throws: CreditBankError.notFound("conversion application")) {
            try ConversionWorkflow.handle(.withdraw, by: .learner(2), status: .submitted, applicationOwner: 1, targetInstitution: 10)
        }
    }
}
