/// The outcome life cycle as a pure state machine (docs/product.md §2): each event either returns what must
/// happen or throws the reason it may not.
///
///     registered ──request──▶ recognition-requested ──approve──▶ stored
///         │ edit / delete                          └──reject───▶ not-recognised (kept)
public enum OutcomeLifecycle {
    /// Something that happens to an outcome.
    public enum Event: Hashable, Sendable {
        case edit, delete, requestRecognition
        case approveRecognition(credits: Credits)
        case rejectRecognition
    }

    /// What the owner of the storage must do.
    public enum Action: Hashable, Sendable {
        /// Save the outcome's new fields (status unchanged).
        case saveEdits
        /// Remove the outcome.
        case remove
        /// Set the new status (and credits when stored), record the review, message the learner.
        case transition(to: OutcomeStatus, credits: Credits?, notify: Bool)
    }

    /// Decides `event` for an outcome in `status`.
    /// - Throws: `CreditBankError.conflict` naming the status and the refused event.
    public static func handle(_ event: Event, in status: OutcomeStatus) throws(CreditBankError) -> Action {
        switch (status, event) {
        case (.registered, .edit): return .saveEdits
        case (.registered, .delete): return .remove
        case (.registered, .requestRecognition): return .transition(to: .recognitionRequested, credits: nil, notify: true)
        case (.recognitionRequested, .approveRecognition(let credits)): return .transition(to: .stored, credits: credits, notify: true)
        case (.recognitionRequested, .rejectRecognition): return .transition(to: .notRecognised, credits: nil, notify: true)
        case (_, .edit), (_, .delete):
            throw .conflict("an outcome can be changed or deleted only while registered; this one is \(status.rawValue)")
        case (_, .requestRecognition):
            throw .conflict("recognition can be requested only for a registered outcome; this one is \(status.rawValue)")
        case (_, .approveRecognition), (_, .rejectRecognition):
            throw .conflict("only an outcome waiting for recognition can be reviewed; this one is \(status.rawValue)")
        }
    }
}
