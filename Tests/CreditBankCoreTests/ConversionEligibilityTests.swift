import Foundation
import Testing

@testable import CreditBankCore

@Suite("Conversion eligibility: rule validity, ownership, status, score, double use")
struct ConversionEligibilityTests {
    let today = LocalDate("2026-11-22")!
    let rule = ConversionRule(
        id: 5, code: "202201240004", name: "NCRE → 计算机应用基础", sources: [.init(catalogEntryID: 100, minimumScore: 60)],
        targetCatalogEntryID: 200, credits: 4, ratio: 100, validFrom: LocalDate("2026-01-01"), validTo: LocalDate("2026-12-31"))

    func outcome(
        id: OutcomeID = 1, learner: LearnerID = 1, entry: CatalogEntryID? = 100, status: OutcomeStatus = .stored, score: Double? = 86
    ) -> Outcome {
        Outcome(
            id: id, learnerID: learner, catalogEntryID: entry, category: .nonAcademic, subtype: "professional-qualification", name: "NCRE",
            issuer: "考试院", obtainedOn: today, score: score, credits: 2, status: status, source: .learner,
            createdAt: Date(timeIntervalSince1970: 0))
    }

    func check(_ outcomes: [Outcome], rule: ConversionRule? = nil, used: Set<OutcomeID> = [], on day: LocalDate? = nil) throws
        -> [OutcomeID]
    {
        try ConversionEligibility.check(rule: rule ?? self.rule, learner: 1, outcomes: outcomes, usedOutcomeIDs: used, today: day ?? today)
    }

    @Test("a stored, owned outcome matching the source and score is accepted")
    func accepted() throws { #expect(try check([outcome()]) == [1]) }

    @Test(
        "each unmet condition is refused",
        arguments: [
            "unpublished", "before window", "after window", "other learner", "registered", "not recognised", "low score", "no score",
            "wrong entry", "already used", "too many", "none",
        ])
    func refused(_ condition: String) {
        var rule = self.rule
        var outcomes = [outcome()]
        var used: Set<OutcomeID> = []
        var day = today
        switch condition {
        case "unpublished": rule.published = false
        case "before window": day = LocalDate("2025-12-31")!
        case "after window": day = LocalDate("2027-01-01")!
        case "other learner": outcomes = [outcome(learner: 2)]
        case "registered": outcomes = [outcome(status: .registered)]
        case "not recognised": outcomes = [outcome(status: .notRecognised)]
        case "low score": outcomes = [outcome(score: 59.5)]
        case "no score": outcomes = [outcome(score: nil)]
        case "wrong entry": outcomes = [outcome(entry: 101)]
        case "already used": used = [1]
        case "too many": outcomes = [outcome(), outcome(id: 2)]
        default: outcomes = []
        }
        #expect(throws: CreditBankError.self, "\(condition)") { try check(outcomes, rule: rule, used: used, on: day) }
    }

    @Test("rules with two sources return the outcomes in the rule's order")
    func twoSources() throws {
        var rule = self.rule
        rule.sources = [.init(catalogEntryID: 101), .init(catalogEntryID: 100)]
        #expect(try check([outcome(id: 1, entry: 100), outcome(id: 2, entry: 101)], rule: rule) == [2, 1])
    }

    @Test("documents: revoked beats superseded beats expired")
    func documentStatus() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        var document = IssuedDocument(
            id: 1, kind: .outcomeProof, language: .zh, holderID: 1, issuerName: "x", issuedAt: now,
            code: .generate(using: SeededRandomSource(seed: 1)),
            snapshot: Data(), templateName: "t", templateVersion: 1, sha256: "", byteCount: 1, expiresAt: now.addingTimeInterval(10))
        #expect(document.status(at: now) == .valid)
        #expect(document.status(at: now.addingTimeInterval(10)) == .expired(at: now.addingTimeInterval(10)))
        document.supersededBy = 2
        #expect(document.status(at: now) == .superseded(by: 2))
        document.revocation = .init(reason: "错误", at: now, by: 1)
        #expect(document.status(at: now).name == "revoked")
    }
}
