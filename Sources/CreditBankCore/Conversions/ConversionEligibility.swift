/// The checks a new conversion application must pass (docs/product.md §2): the rule is published and valid
/// today, every source is the learner's own stored outcome matching the rule and its minimum
/// score, and no source is already used under this rule.
public enum ConversionEligibility {
    /// Matches `outcomes` to `rule`'s sources and returns them in the rule's source order.
    /// - Parameters:
    ///   - outcomes: the outcomes the learner named (already fetched; missing ones are reported by the caller).
    ///   - usedOutcomeIDs: outcomes already held by a live or succeeded application under this rule.
    /// - Throws: `CreditBankError` naming the failed condition.
    public static func check(
        rule: ConversionRule, learner: LearnerID, outcomes: [Outcome], usedOutcomeIDs: Set<OutcomeID>,
        today: LocalDate
    ) throws(CreditBankError) -> [OutcomeID] {
        guard rule.published else { throw .conflict("rule \(rule.code) is not published") }
        guard rule.isApplicable(on: today) else {
            let window = "\(rule.validFrom?.description ?? "…") – \(rule.validTo?.description ?? "…")"
            throw .conflict("rule \(rule.code) is not valid on \(today) (valid \(window))")
        }
        guard !outcomes.isEmpty else { throw .invalid(field: "outcomeIds", reason: "name at least one outcome") }
        guard Set(outcomes.map(\.id)).count == outcomes.count else {
            throw .invalid(field: "outcomeIds", reason: "an outcome is listed twice")
        }
        for outcome in outcomes {
            guard outcome.learnerID == learner else { throw .notFound("outcome \(outcome.id)") }
            guard outcome.status == .stored else {
                throw .conflict(
                    "outcome \(outcome.id) (\(outcome.name)) is \(outcome.status.rawValue); only stored outcomes can be converted")
            }
            if usedOutcomeIDs.contains(outcome.id) {
                throw .conflict("outcome \(outcome.id) (\(outcome.name)) is already used under rule \(rule.code)")
            }
        }
        guard outcomes.count == rule.sources.count else {
            throw .invalid(
                field: "outcomeIds", reason: "rule \(rule.code) needs \(rule.sources.count) source outcome(s), got \(outcomes.count)")
        }
        var ordered: [OutcomeID] = []
        for source in rule.sources {
            guard let match = outcomes.first(where: { $0.catalogEntryID == source.catalogEntryID }) else {
                throw .invalid(
                    field: "outcomeIds", reason: "none of the outcomes is the rule's source catalog entry \(source.catalogEntryID)")
            }
            if let minimum = source.minimumScore {
                guard let score = match.score, score >= minimum else {
                    let got = match.score.map { "\($0.formatted)" } ?? "none"
                    throw .conflict(
                        "outcome \(match.id) (\(match.name)) has score \(got); rule \(rule.code) needs at least \(minimum.formatted)")
                }
            }
            ordered.append(match.id)
        }
        return ordered
    }

    /// The checks of a case-by-case application: the outcome is the learner's stored (recognised)
    /// 业绩类 outcome — other categories convert by published rules only — and is not already offered
    /// for the same target by a live or succeeded application.
    /// - Throws: `.invalid(field: "outcomeId")` for another category, `.conflict` otherwise.
    public static func checkCase(outcome: Outcome, target: CatalogEntry, alreadyOffered: Bool) throws(CreditBankError) {
        guard outcome.category == .informal else {
            throw .invalid(
                field: "outcomeId",
                reason: "outcome \(outcome.id) (\(outcome.name)) is \(outcome.category.chineseName); only 业绩类 outcomes are converted case by case, others by a published rule")
        }
        guard outcome.status == .stored else {
            throw .conflict(
                "outcome \(outcome.id) (\(outcome.name)) is \(outcome.status.rawValue); it must be recognised (stored) before it is converted")
        }
        if alreadyOffered {
            throw .conflict("outcome \(outcome.id) (\(outcome.name)) is already offered for \(target.name) (catalog entry \(target.id))")
        }
    }
}

extension Double {
    /// `86` for 86.0, `86.5` otherwise.
    public var formatted: String { self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self) }
}
