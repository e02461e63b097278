import CreditBankCore
import CreditBankServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Every route that names a resource by id, tried by every caller who must not reach it.
@Suite("Access control matrix")
struct AccessMatrixTests {
    struct Probe: Sendable {
        var method: HTTPRequest.Method
        var path: String
        var json: String?
        var bytes: [UInt8]?
    }

    @Test("a learner reaches nothing of another learner's (404); staff get 403 on learner routes; roles stay in their lane")
    func matrix() async throws {
        let bank = try await ServerFixture()
        try await bank.test { client in
            let owner = try await client.login("13800138000", ServerFixture.learnerPassword)
            let other = try await client.login("13900139000", ServerFixture.learnerPassword)
            let admin = try await client.staff("admin")
            let ouc = try await client.staff("ouc-reviewer")
            let eld = try await client.staff("eld-reviewer")
            let expert = try await client.staff("expert")

            // The owner's resources: a registered manual outcome with evidence, a submitted application with
            // material, a succeeded application with its certificate.
            let manual = try await client.request(
                .post, "/api/v1/me/outcomes", token: owner,
                json:
                    #"{"category": "non-academic", "subtype": "training", "name": "书法", "issuer": "老年大学", "institutionCode": "ELD", "obtainedOn": "2026-01-01"}"#
            )
            let outcome = try #require(manual.json["id"] as? Int)
            let evidence = try #require(
                try await client.request(.post, "/api/v1/me/outcomes/\(outcome)/evidence", token: owner, bytes: pngBytes).json["id"] as? Int
            )
            let (_, open) = try await bank.submittedApplication(client, token: owner)
            let (_, done) = try await bank.submittedApplication(client, token: owner, on: "2026-06-02")
            let certificate = try await bank.approve(done, client)

            let learnerProbes: [Probe] = [
                .init(method: .get, path: "/api/v1/me/outcomes/\(outcome)"),
                .init(method: .patch, path: "/api/v1/me/outcomes/\(outcome)", json: #"{"name": "改名"}"#),
                .init(method: .delete, path: "/api/v1/me/outcomes/\(outcome)"),
                .init(method: .post, path: "/api/v1/me/outcomes/\(outcome)/evidence", bytes: pngBytes),
                .init(method: .post, path: "/api/v1/me/outcomes/\(outcome)/recognition"),
                .init(method: .get, path: "/api/v1/me/conversions/\(open)"),
                .init(method: .delete, path: "/api/v1/me/conversions/\(open)"),
                .init(method: .post, path: "/api/v1/me/conversions/\(open)/evidence", bytes: pngBytes),
                .init(method: .get, path: "/api/v1/me/documents/\(certificate)"),
                .init(method: .get, path: "/api/v1/documents/\(certificate)/pdf"),
                .init(method: .get, path: "/api/v1/evidence/\(evidence)"),
                .init(
                    method: .post, path: "/api/v1/me/feedback", json: #"{"outcomeId": \#(outcome), "problems": ["x"], "description": "y"}"#),
                .init(method: .post, path: "/api/v1/me/conversions", json: #"{"outcomeIds": [\#(outcome)], "ruleId": \#(bank.rule.id)}"#),
            ]
            for probe in learnerProbes {
                let response = try await send(probe, token: other, client)
                #expect(
                    response.status == .notFound, "another learner: \(probe.method) \(probe.path) → \(response.status) \(response.text)")
            }
            // Staff have no learner records.
            for probe in learnerProbes where probe.path.hasPrefix("/api/v1/me/") {
                for token in [admin, ouc, expert] {
                    let response = try await send(probe, token: token, client)
                    #expect(response.status == .forbidden, "staff: \(probe.method) \(probe.path) → \(response.status)")
                }
            }
            for path in [
                "/api/v1/me", "/api/v1/me/outcomes", "/api/v1/me/conversions", "/api/v1/me/documents", "/api/v1/me/messages",
                "/api/v1/me/feedback",
            ] {
                #expect(try await client.request(.get, path, token: admin).status == .forbidden, "\(path)")
                #expect(try await client.request(.get, path).status == .unauthorized, "\(path)")
            }
            // Nothing is shown to anyone signed out.
            for probe in learnerProbes {
                #expect(try await send(probe, token: nil, client).status == .unauthorized, "anonymous: \(probe.path)")
            }

            // Review routes are staff routes.
            let reviewProbes: [Probe] = [
                .init(method: .get, path: "/api/v1/reviews/recognitions"),
                .init(method: .post, path: "/api/v1/reviews/recognitions/\(outcome)", json: #"{"decision": "reject", "opinion": "no"}"#),
                .init(method: .get, path: "/api/v1/reviews/conversions"),
                .init(method: .get, path: "/api/v1/reviews/conversions/\(open)"),
                .init(method: .post, path: "/api/v1/reviews/conversions/\(open)", json: #"{"decision": "reject", "opinion": "no"}"#),
            ]
            for probe in reviewProbes {
                #expect(try await send(probe, token: owner, client).status == .forbidden, "learner: \(probe.path)")
            }
            // Another institution's reviewer does not see OUC's application; the expert does not do initial review.
            #expect(try await client.request(.get, "/api/v1/reviews/conversions/\(open)", token: eld).status == .notFound)
            let eldDecides = try await client.request(
                .post, "/api/v1/reviews/conversions/\(open)", token: eld, json: #"{"decision": "approve", "opinion": "x"}"#)
            #expect(eldDecides.status == .notFound)
            #expect(try await client.request(.get, "/api/v1/reviews/conversions?stage=initial", token: expert).status == .forbidden)
            #expect(try await client.request(.get, "/api/v1/reviews/conversions?stage=final", token: ouc).status == .forbidden)
            #expect(try await client.request(.get, "/api/v1/reviews/conversions?stage=later", token: admin).errorField == "stage")
            let expertInitial = try await client.request(
                .post, "/api/v1/reviews/conversions/\(open)", token: expert, json: #"{"decision": "approve", "opinion": "x"}"#)
            #expect(expertInitial.status == .forbidden)
            #expect(try await client.request(.get, "/api/v1/reviews/recognitions", token: expert).status == .forbidden)
            // The recognition is ELD's: OUC's reviewer cannot decide it.
            _ = try await client.request(.post, "/api/v1/me/outcomes/\(outcome)/recognition", token: owner)
            let oucRecognises = try await client.request(
                .post, "/api/v1/reviews/recognitions/\(outcome)", token: ouc,
                json: #"{"decision": "approve", "opinion": "x", "credits": 1}"#)
            #expect(oucRecognises.status == .notFound)
            #expect(try await client.request(.get, "/api/v1/evidence/\(evidence)", token: ouc).status == .notFound)
            #expect(try await client.request(.get, "/api/v1/evidence/\(evidence)", token: eld).status == .ok)

            // Admin routes.
            let adminProbes: [Probe] = [
                .init(method: .post, path: "/api/v1/admin/documents/\(certificate)/revoke", json: #"{"reason": "x"}"#),
                .init(method: .post, path: "/api/v1/institutions", json: #"{"code": "XX", "name": "x", "kind": "other"}"#),
                .init(method: .post, path: "/api/v1/rules", json: "{}"),
            ]
            for probe in adminProbes {
                for token in [owner, ouc, expert] {
                    #expect(try await send(probe, token: token, client).status == .forbidden, "\(probe.path)")
                }
            }
            let catalogEntry = #"{"institutionCode": "OUC", "category": "academic", "subtype": "course", "name": "x", "code": "Y", "credits": 1}"#
            for token in [owner, expert] {
                #expect(try await send(.init(method: .post, path: "/api/v1/catalog", json: catalogEntry), token: token, client).status == .forbidden)
            }

            // After all of that the owner's things are unchanged.
            let still = try await client.request(.get, "/api/v1/me/outcomes/\(outcome)", token: owner)
            #expect(still.json["name"] as? String == "书法")
            #expect(try await client.request(.get, "/api/v1/me/conversions/\(open)", token: owner).json["status"] as? String == "submitted")
            #expect(
                try await client.request(.get, "/api/v1/me/documents/\(certificate)", token: owner).json["status"] as? String == "valid")
        }
    }

    func send(_ probe: Probe, token: String?, _ client: Client) async throws -> TestResponse {
        try await client.request(probe.method, probe.path, token: token, json: probe.json, bytes: probe.bytes)
    }
}
