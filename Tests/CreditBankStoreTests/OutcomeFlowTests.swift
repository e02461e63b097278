import CreditBankCore
import CreditBankStore
import Foundation
import Testing

@Suite("Outcomes through storage: catalog choice, manual entry, recognition, feedback, accounts")
struct OutcomeFlowTests {
    static let manual = ManualOutcome(
        category: "informal", subtype: "work-experience", name: "广东开放大学工作9年", issuer: "广东开放大学", institutionCode: "OUC",
        obtainedOn: "2020-07-07", attributes: ["organisation": "广东开放大学"])

    @Test("a catalog choice is stored at once with the catalog's credits", arguments: Backend.all)
    func catalogChoice(backend: Backend) async throws {
        let f = try await Fixture(backend: backend)
        let outcome = try await f.storedNCRE()
        #expect(outcome.status == .stored && outcome.credits == 2 && outcome.issuer == "教育部教育考试院")
        let listed = try await f.service.outcomes(of: f.learner.id)
        #expect(listed.first?.applicableRules == 1 && listed.first?.usedRules == 0)
    }

    @Test("a manual outcome is registered, editable and deletable, then locked once recognition is requested", arguments: Backend.all)
    func manualLifecycle(backend: Backend) async throws {
        let f = try await Fixture(backend: backend)
        let outcome = try await f.service.addOutcome(Self.manual, for: f.learner.id)
        #expect(outcome.status == .registered && outcome.credits == nil)
        var edited = Self.manual
        edited.name = "广东开放大学工作10年"
        #expect(try await f.service.editOutcome(outcome.id, with: edited, for: f.learner.id).name == "广东开放大学工作10年")
        await #expect(throws: CreditBankError.notFound("outcome \(outcome.id)")) {
            try await f.service.editOutcome(outcome.id, with: edited, for: f.otherLearner.id)
        }
        // The subtype's evidence list asks for a 工作证明: recognition waits for a file.
        await #expect(throws: CreditBankError.conflict("upload the evidence first (工作证明): a recognition is decided on it")) {
            try await f.service.requestRecognition(outcome.id, for: f.learner.id)
        }
        _ = try await f.service.attachEvidence(Fixture.pdfBytes, to: .outcome(outcome.id), for: f.learner.id)
        _ = try await f.service.requestRecognition(outcome.id, for: f.learner.id)
        await #expect(throws: CreditBankError.self) { try await f.service.editOutcome(outcome.id, with: edited, for: f.learner.id) }
        await #expect(throws: CreditBankError.self) { try await f.service.deleteOutcome(outcome.id, for: f.learner.id) }
        let other = try await f.service.addOutcome(Self.manual, for: f.learner.id)
        try await f.service.deleteOutcome(other.id, for: f.learner.id)
        #expect(try await f.service.outcomes(of: f.learner.id).count == 1)
    }

    @Test("recognition: the issuing institution's reviewer decides; a rejection keeps the record", arguments: Backend.all)
    func recognition(backend: Backend) async throws {
        let f = try await Fixture(backend: backend)
        let approved = try await f.service.addOutcome(Self.manual, for: f.learner.id)
        let rejected = try await f.service.addOutcome(Self.manual, for: f.learner.id)
        for id in [approved.id, rejected.id] {
            _ = try await f.service.attachEvidence(Fixture.pdfBytes, to: .outcome(id), for: f.learner.id)
            _ = try await f.service.requestRecognition(id, for: f.learner.id)
        }
        await #expect(throws: CreditBankError.notFound("outcome \(approved.id)")) {
            try await f.service.reviewRecognition(approved.id, decision: .approve, opinion: "", credits: 2, by: f.otherReviewer)
        }
        await #expect(throws: CreditBankError.invalid(field: "credits", reason: "an approval sets the bank credits (more than 0)")) {
            try await f.service.reviewRecognition(approved.id, decision: .approve, opinion: "", credits: nil, by: f.reviewer)
        }
        let stored = try await f.service.reviewRecognition(
            approved.id, decision: .approve, opinion: "属实", credits: Credits("1.5"), by: f.reviewer)
        #expect(stored.status == .stored && stored.credits == Credits("1.5"))
        let refused = try await f.service.reviewRecognition(rejected.id, decision: .reject, opinion: "无证明材料", credits: nil, by: f.admin)
        #expect(refused.status == .notRecognised)
        let (_, reviews) = try await f.service.outcome(rejected.id, of: f.learner.id)
        #expect(reviews.first?.stage == .recognition && reviews.first?.opinion == "无证明材料")
        #expect(try await f.service.summary(of: f.learner.id).totalCredits == Credits("1.5"))
        #expect(try await f.service.summary(of: f.learner.id).outcomeCounts == [.stored: 1, .notRecognised: 1])
        await #expect(throws: CreditBankError.self) {
            try await f.service.reviewRecognition(rejected.id, decision: .approve, opinion: "", credits: 1, by: f.admin)
        }
    }

    @Test(
        "bad manual fields are refused naming the field",
        arguments: Backend.all, [
            ("category", "category"), ("subtype", "subtype"), ("obtainedOn", "obtainedOn"), ("future", "obtainedOn"), ("score", "score"),
            ("attribute", "attributes.colour"), ("name", "name"),
        ])
    func badManualFields(backend: Backend, _ example: (String, String)) async throws {
        let (fault, field) = example
        let f = try await Fixture(backend: backend)
        var manual = Self.manual
        switch fault {
        case "category": manual.category = "hobby"
        case "subtype": manual.subtype = "course"
        case "obtainedOn": manual.obtainedOn = "2020-13-01"
        case "future": manual.obtainedOn = "2027-01-01"
        case "score": manual.score = 101
        case "attribute": manual.attributes["colour"] = "red"
        default: manual.name = "  "
        }
        await #expect {
            try await f.service.addOutcome(manual, for: f.learner.id)
        } throws: { ($0 as? CreditBankError)?.field == field }
        #expect(try await f.count("outcome") == 0)
    }

    @Test("registration refuses a duplicate ID number or phone and bad fields", arguments: Backend.all)
    func registration(backend: Backend) async throws {
        let f = try await Fixture(backend: backend)
        await #expect(throws: CreditBankError.conflict("this ID number is already registered")) {
            try await f.service.register(.init(name: "张三", idNumber: Fixture.validIDs[1], phone: "13700137000"), passwordHash: "x")
        }
        await #expect(throws: CreditBankError.conflict("this phone number is already registered")) {
            try await f.service.register(.init(name: "张三", idNumber: Fixture.validIDs[0], phone: "13800138000"), passwordHash: "x")
        }
        let learner = try await f.service.register(
            .init(name: "张三", idNumber: Fixture.validIDs[0], phone: "13700137000"), passwordHash: "x")
        #expect(learner.accountNumber.hasPrefix("XY") && learner.cardID.count == 16)
    }

    @Test("feedback is for outcomes an institution or the bank created", arguments: Backend.all)
    func feedback(backend: Backend) async throws {
        let f = try await Fixture(backend: backend)
        let own = try await f.service.addOutcome(Self.manual, for: f.learner.id)
        await #expect(throws: CreditBankError.self) {
            try await f.service.reportProblem(outcome: own.id, problems: ["name"], description: "名称错误", for: f.learner.id)
        }
        let granted = try await f.storage.write { db in
            try db.insert(
                Outcome(
                    id: 0, learnerID: f.learner.id, category: .academic, subtype: "course", name: "高等数学", issuer: "国家开放大学",
                    obtainedOn: LocalDate("2025-01-01")!, credits: 3, status: .stored, source: .institution, createdAt: f.clock.now()))
        }
        let report = try await f.service.reportProblem(outcome: granted.id, problems: ["score"], description: "成绩应为 90", for: f.learner.id)
        #expect(report.status == .open)
        #expect(try await f.service.feedback(of: f.learner.id).count == 1)
    }
}
