import Foundation

extension CreditBankService {
    /// Open feedback for this staff member: about their institution's outcomes, or all (admin, expert).
    public func feedbackQueue(for staff: StaffMember) async throws -> [(Feedback, Outcome)] {
        var institution: InstitutionID?
        if case .institution(let own) = staff.role { institution = own }
        let scope = institution
        return try await storage.read { db in
            try db.openFeedback(institution: scope).map { ($0, try db.require(db.outcome($0.outcomeID), "outcome")) }
        }
    }

    /// Reports for the console: open, resolved or all, with their outcomes and learners' names;
    /// institution reviewers see their institution's outcomes.
    /// - Throws: `.forbidden` for experts, who review conversions only.
    public func feedbackReports(status: Feedback.Status?, for staff: StaffMember) async throws -> [(Feedback, Outcome, String)] {
        var institution: InstitutionID?
        if case .institution(let own) = staff.role { institution = own }
        if staff.role == .expert { throw CreditBankError.forbidden("problem reports are answered by institutions and administrators") }
        let scope = institution
        return try await storage.read { db in
            try db.feedback(status: status, institution: scope).map { report in
                (report, try db.require(db.outcome(report.outcomeID), "outcome"), try db.learner(report.learnerID)?.name.value ?? "")
            }
        }
    }

    /// Resolves a report with a reply; the learner gets a message.
    /// - Throws: `.invalid` (empty reply), `.notFound` (missing or outside a reviewer's institution),
    ///   `.conflict` (already resolved).
    public func resolveFeedback(_ id: FeedbackID, reply: String, by staff: StaffMember) async throws -> Feedback {
        let reply = try Text.require(reply, field: "reply", max: 2000)
        let now = clock.now()
        return try await storage.write { db in
            var feedback = try db.require(db.feedback(id), "feedback \(id)")
            let outcome = try db.require(db.outcome(feedback.outcomeID), "outcome")
            if case .institution(let own) = staff.role, outcome.institutionID != own { throw CreditBankError.notFound("feedback \(id)") }
            guard feedback.status == .open else { throw CreditBankError.conflict("feedback \(id) is already resolved") }
            feedback.status = .resolved
            feedback.resolution = .init(reply: reply, at: now, by: staff.id)
            try db.update(feedback)
            try db.insert(AuditEntry(at: now, by: staff, .feedbackReply, "feedback \(id) on outcome \(outcome.id)", "resolved: \(reply)"))
            _ = try db.insert(
                Message(id: 0, learnerID: feedback.learnerID, text: "您对“\(outcome.name)”的问题反馈已处理：\(reply)", createdAt: now,
                    subject: .feedback(feedback.id)))
            return feedback
        }
    }
}
