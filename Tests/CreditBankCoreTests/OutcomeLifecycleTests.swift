import Testing

@testable import CreditBankCore

@Suite("Outcome life cycle: every event in every status")
struct OutcomeLifecycleTests {
    static let events: [OutcomeLifecycle.Event] = [
        .edit, .delete, .requestRecognition, .approveRecognition(credits: 2), .rejectRecognition,
    ]

    /// The legal transitions; every other pair must be refused.
    static let legal: [OutcomeStatus: [OutcomeLifecycle.Event: OutcomeLifecycle.Action]] = [
        .registered: [
            .edit: .saveEdits, .delete: .remove,
            .requestRecognition: .transition(to: .recognitionRequested, credits: nil, notify: true),
        ],
        .recognitionRequested: [
            .approveRecognition(credits: 2): .transition(to: .stored, credits: 2, notify: true),
            .rejectRecognition: .transition(to: .notRecognised, credits: nil, notify: true),
        ],
        .stored: [:],
        .notRecognised: [:],
    ]

    @Test("each (status, event) pair is allowed exactly as docs/product.md §2 says", arguments: OutcomeStatus.allCases, events)
    func transition(_ status: OutcomeStatus, _ event: OutcomeLifecycle.Event) throws {
        // Given an outcome in `status`, when `event` happens:
        if let expected = Self.legal[status]?[event] {
            // then the legal step returns its action
            #expect(try OutcomeLifecycle.handle(event, in: status) == expected)
        } else {
            // and every other step is a conflict that names the status.
            #expect {
                try OutcomeLifecycle.handle(event, in: status)
            } throws: { error in
                guard case .conflict(let message) = error as? CreditBankError else { return false }
                return message.contains(status.rawValue)
            }
        }
    }
}
