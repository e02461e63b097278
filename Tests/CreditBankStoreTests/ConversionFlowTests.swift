import CreditBankCore
import CreditBankStore
import Foundation
import Testing

@Suite("Conversion through storage: submit, review, certificate, atomicity")
struct ConversionFlowTests {
    @Test("the whole life of a conversion: target outcome, credits × ratio, review records, certificate, messages", arguments: Backend.all)
    func succeeded(backend: Backend) async throws {
        let f = try await Fixture(backend: backend)
        // Given a stored NCRE outcome,
        let source = try await f.storedNCRE()
        // when the learner applies and both stages approve,
        let submitted = try await f.service.submitConversion(outcomeIDs: [source.id], ruleID: f.rule.id, for: f.learner.id)
        #expect(submitted.status == .submitted && submitted.number == "CV-2026-000001")
        let initial = try await f.service.reviewConversion(submitted.id, decision: .approve, opinion: "与原件一致", by: f.reviewer)
        #expect(initial.status == .awaitingFinalReview)
        let final = try await f.service.reviewConversion(submitted.id, decision: .approve, opinion: "符合规则", by: f.expert)
        // then the application succeeded with a target outcome and a certificate,
        #expect(final.status == .succeeded)
        let outcomes = try await f.service.outcomes(of: f.learner.id)
        let target = try #require(outcomes.first { $0.outcome.id == final.targetOutcomeID })
        #expect(target.outcome.source == .conversion && target.outcome.status == .stored && target.outcome.credits == Credits("3.2"))
        #expect(outcomes.first { $0.outcome.id == source.id }?.usedRules == 1)
        let summary = try await f.service.summary(of: f.learner.id)
        #expect(summary.totalCredits == Credits("5.2"))
        #expect(summary.creditsByCategory[.academic] == Credits("3.2"))
        let (_, reviews) = try await f.service.application(submitted.id, for: f.learner.id)
        #expect(reviews.map(\.stage) == [.initial, .final])
        #expect(reviews.map(\.opinion) == ["与原件一致", "符合规则"])
        // and the certificate's snapshot holds every printed field.
        let (document, pdf) = try await f.service.pdf(of: try #require(final.certificateID), holder: f.learner.id)
        #expect(document.kind == .conversionCertificate && document.sha256 == CreditBankService.sha256(pdf))
        let snapshot = try JSONDecoder().decode(ConversionCertificateSnapshot.self, from: document.snapshot)
        #expect(snapshot.applicant.name == "阿卜杜热合曼·买买提" && snapshot.applicant.idMasked == "6501**********" + Fixture.validIDs[1].suffix(4))
        #expect(snapshot.rule.code == "202201240004" && snapshot.target.credits == "3.2" && snapshot.sources.first?.score == "86")
        #expect(snapshot.verifyUrl == "https://bank.example.cn/v/\(document.code.canonical)")
        #expect(snapshot.code == document.code.formatted)
        let messages = try await f.service.messages(of: f.learner.id)
        #expect(messages.contains { $0.text.contains("已通过终审") })
        // The public answer shows the status and the summary only.
        guard case .found(let answer) = try await f.service.verify(code: document.code.formatted.lowercased()) else {
            Issue.record("not found")
            return
        }
        #expect(answer.status == .valid && answer.summary.holderName == "阿卜杜热合曼·买买提")
        #expect(try await f.service.verify(pdf: pdf)?.code == document.code)
        #expect(try await f.service.verify(pdf: pdf + [0]) == nil)
    }

    @Test("a rejection at either stage fails the application and frees the source for another try", arguments: Backend.all, [false, true])
    func rejected(backend: Backend, atFinal: Bool) async throws {
        let f = try await Fixture(backend: backend)
        let source = try await f.storedNCRE()
        let application = try await f.service.submitConversion(outcomeIDs: [source.id], ruleID: f.rule.id, for: f.learner.id)
        if atFinal { _ = try await f.service.reviewConversion(application.id, decision: .approve, opinion: "", by: f.reviewer) }
        let failed = try await f.service.reviewConversion(
            application.id, decision: .reject, opinion: "材料不全", by: atFinal ? f.expert : f.reviewer)
        #expect(failed.status == .failed && failed.certificateID == nil)
        #expect(try await f.count("issued_document") == 0)
        #expect(try await f.service.submitConversion(outcomeIDs: [source.id], ruleID: f.rule.id, for: f.learner.id).status == .submitted)
    }

    @Test("the same rule cannot be applied twice to the same source", arguments: Backend.all)
    func noDoubleUse(backend: Backend) async throws {
        let f = try await Fixture(backend: backend)
        let source = try await f.storedNCRE()
        _ = try await f.service.submitConversion(outcomeIDs: [source.id], ruleID: f.rule.id, for: f.learner.id)
        await #expect(throws: CreditBankError.self) {
            try await f.service.submitConversion(outcomeIDs: [source.id], ruleID: f.rule.id, for: f.learner.id)
        }
    }

    @Test("withdrawal only before initial review, only by the owner", arguments: Backend.all)
    func withdraw(backend: Backend) async throws {
        let f = try await Fixture(backend: backend)
        let source = try await f.storedNCRE()
        let application = try await f.service.submitConversion(outcomeIDs: [source.id], ruleID: f.rule.id, for: f.learner.id)
        await #expect(throws: CreditBankError.notFound("conversion application \(application.id)")) {
            try await f.service.withdrawConversion(application.id, for: f.otherLearner.id)
        }
        #expect(try await f.service.withdrawConversion(application.id, for: f.learner.id).status == .withdrawn)
        let again = try await f.service.submitConversion(outcomeIDs: [source.id], ruleID: f.rule.id, for: f.learner.id)
        _ = try await f.service.reviewConversion(again.id, decision: .approve, opinion: "", by: f.reviewer)
        await #expect(throws: CreditBankError.self) { try await f.service.withdrawConversion(again.id, for: f.learner.id) }
    }

    @Test("reviewers act only on their stage and institution", arguments: Backend.all)
    func reviewerScope(backend: Backend) async throws {
        let f = try await Fixture(backend: backend)
        let source = try await f.storedNCRE()
        let application = try await f.service.submitConversion(outcomeIDs: [source.id], ruleID: f.rule.id, for: f.learner.id)
        await #expect(throws: CreditBankError.notFound("conversion application \(application.id)")) {
            try await f.service.reviewConversion(application.id, decision: .approve, opinion: "", by: f.otherReviewer)
        }
        await #expect(throws: CreditBankError.self) {
            try await f.service.reviewConversion(application.id, decision: .approve, opinion: "", by: f.expert)
        }
        _ = try await f.service.reviewConversion(application.id, decision: .approve, opinion: "", by: f.reviewer)
        await #expect(throws: CreditBankError.self) {
            try await f.service.reviewConversion(application.id, decision: .approve, opinion: "", by: f.reviewer)
        }
        await #expect(throws: CreditBankError.invalid(field: "opinion", reason: "say why the application is rejected")) {
            try await f.service.reviewConversion(application.id, decision: .reject, opinion: " ", by: f.expert)
        }
    }

    @Test("a failed render at final approval writes nothing: no outcome, no review, no document, status unchanged", arguments: Backend.all)
    func allOrNothing(backend: Backend) async throws {
        let f = try await Fixture(backend: backend)
        let source = try await f.storedNCRE()
        let application = try await f.service.submitConversion(outcomeIDs: [source.id], ruleID: f.rule.id, for: f.learner.id)
        _ = try await f.service.reviewConversion(application.id, decision: .approve, opinion: "", by: f.reviewer)
        let before = (try await f.count("outcome"), try await f.count("review_record"), try await f.count("message"))
        f.renderer.failing.withLock { $0 = true }
        await #expect {
            try await f.service.reviewConversion(application.id, decision: .approve, opinion: "", by: f.expert)
        } throws: { error in
            // A conflict (409 over HTTP, never a 500) that says why and what stays as it was.
            guard case .conflict(let message) = error as? CreditBankError else { return false }
            return message.contains("could not be printed: no font in Fonts/ can draw")
                && message.contains("application \(application.id) still awaits final review")
        }
        let after = (try await f.count("outcome"), try await f.count("review_record"), try await f.count("message"))
        #expect(after == before)
        #expect(try await f.count("issued_document") == 0)
        #expect(try await f.service.application(application.id, for: nil).0.status == .awaitingFinalReview)
    }

    @Test("revocation shows at once and an issued document's frozen fields cannot be changed, even by SQL", arguments: Backend.all)
    func revocationAndFreezing(backend: Backend) async throws {
        let f = try await Fixture(backend: backend)
        let source = try await f.storedNCRE()
        let application = try await f.service.submitConversion(outcomeIDs: [source.id], ruleID: f.rule.id, for: f.learner.id)
        _ = try await f.service.reviewConversion(application.id, decision: .approve, opinion: "", by: f.reviewer)
        let final = try await f.service.reviewConversion(application.id, decision: .approve, opinion: "", by: f.admin)
        let id = try #require(final.certificateID)
        await #expect(throws: CreditBankError.forbidden("only administrators revoke documents")) {
            try await f.service.revoke(id, reason: "x", by: f.expert)
        }
        let revoked = try await f.service.revoke(id, reason: "材料造假", by: f.admin)
        guard case .found(let answer) = try await f.service.verify(code: revoked.code.canonical) else {
            Issue.record("not found")
            return
        }
        #expect(answer.status.name == "revoked")
        await #expect(throws: (any Error).self) {
            try await f.storage.execute("UPDATE issued_document SET sha256 = 'x'")
        }
        await #expect(throws: (any Error).self) {
            try await f.storage.execute("DELETE FROM issued_document")
        }
        await #expect(throws: (any Error).self) {
            try await f.storage.execute("UPDATE document_pdf SET bytes = bytes")
        }
    }

    @Test("a download's one look-up: the holder and staff get the file; another learner not-found; an ended or expired session nil", arguments: Backend.all)
    func downloadLookup(backend: Backend) async throws {
        let f = try await Fixture(backend: backend)
        let document = try await f.service.issueTranscript(validityMonths: nil, for: f.learner.id)
        let stored = try #require(try await f.storage.read { db in try db.pdf(of: document.id) })
        // The stored bytes are exactly the document's (its recorded hash and size); none for a missing one.
        #expect(CreditBankService.sha256(stored) == document.sha256 && stored.count == document.byteCount)
        #expect(try await f.storage.read { db in try db.pdf(of: DocumentID(999_999)) } == nil)
        #expect(try await f.storage.read { db in try db.documentFile(document.id) } == DocumentFile(document))
        #expect(try await f.storage.read { db in try db.documentFile(DocumentID(999_999)) } == nil)
        let holder = try await f.service.openSession(for: .learner(f.learner.id)).token
        let other = try await f.service.openSession(for: .learner(f.otherLearner.id)).token
        let admin = try await f.service.openSession(for: .staff(f.admin.id)).token
        for token in [holder, admin] {
            let found = try #require(try await f.service.pdf(of: document.id, forToken: token, make: BytesMakers.array))
            #expect(found.0 == DocumentFile(document) && found.1 == stored)
        }
        await #expect(throws: CreditBankError.notFound("document \(document.id)")) {
            _ = try await f.service.pdf(of: document.id, forToken: other, make: BytesMakers.array)
        }
        #expect(try await f.service.pdf(of: document.id, forToken: "not a token", make: BytesMakers.array) == nil)
        try await f.service.closeSession(token: holder)
        #expect(try await f.service.pdf(of: document.id, forToken: holder, make: BytesMakers.array) == nil)
        f.clock.advance(by: CreditBankService.sessionLifetime + 1)
        #expect(try await f.service.pdf(of: document.id, forToken: admin, make: BytesMakers.array) == nil)
    }

    @Test("codes: mistyped, malformed and unknown answers need no document", arguments: Backend.all)
    func codeLookups(backend: Backend) async throws {
        let f = try await Fixture(backend: backend)
        let code = VerificationCode.generate(using: SeededRandomSource(seed: 3))
        var typo = Array(code.canonical)
        typo[0] = typo[0] == "A" ? "B" : "A"
        guard case .mistyped = try await f.service.verify(code: String(typo)) else {
            Issue.record("expected mistyped")
            return
        }
        guard case .malformed = try await f.service.verify(code: "hello") else {
            Issue.record("expected malformed")
            return
        }
        guard case .unknown = try await f.service.verify(code: code.formatted) else {
            Issue.record("expected unknown")
            return
        }
    }
}
