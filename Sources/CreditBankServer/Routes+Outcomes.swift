import CreditBankCore
import Foundation
import Hummingbird

extension BankServer {
    /// `{catalogId, obtainedOn?, score?, certificateNumber?}` or the manual fields; on PATCH, the fields to change.
    struct OutcomeRequestBody: Decodable {
        var catalogId: CatalogEntryID?
        var category: String?, subtype: String?, name: String?, issuer: String?, institutionCode: String?
        var certificateNumber: String?, obtainedOn: String?, score: Double?, hours: Int?, credits: Credits?
        var attributes: [String: String]?

        func required(_ value: String?, _ field: String) throws -> String {
            guard let value else { throw APIError.invalid(field, "is required for an outcome entered by hand (or send catalogId)") }
            return value
        }

        func manual() throws -> ManualOutcome {
            ManualOutcome(
                category: try required(category, "category"), subtype: try required(subtype, "subtype"), name: try required(name, "name"),
                issuer: try required(issuer, "issuer"), institutionCode: institutionCode, certificateNumber: certificateNumber,
                obtainedOn: try required(obtainedOn, "obtainedOn"), score: score, hours: hours, credits: credits,
                attributes: attributes ?? [:])
        }

        /// The stored fields with these changes laid over them.
        func applied(to base: ManualOutcome) throws -> ManualOutcome {
            if catalogId != nil { throw APIError.invalid("catalogId", "cannot be changed; delete the outcome and add it again") }
            var result = base
            if let category { result.category = category }
            if let subtype { result.subtype = subtype }
            if let name { result.name = name }
            if let issuer { result.issuer = issuer }
            if let institutionCode { result.institutionCode = institutionCode.isEmpty ? nil : institutionCode }
            if let certificateNumber { result.certificateNumber = certificateNumber }
            if let obtainedOn { result.obtainedOn = obtainedOn }
            if let score { result.score = score }
            if let hours { result.hours = hours }
            if let credits { result.credits = credits }
            if let attributes { result.attributes = attributes }
            return result
        }
    }

    struct RecognitionDecisionBody: Decodable { var decision: String, opinion: String?, credits: Credits? }

    func addOutcomeRoutes(_ routes: RouteTable) {
        routes.add(.post, "/api/v1/me/outcomes") { request, _ in
            let learner = try await learner(request)
            let body = try await request.decodeJSON(OutcomeRequestBody.self, limit: settings.jsonBodyLimit)
            let outcome: Outcome
            if let catalogId = body.catalogId {
                outcome = try await service.addOutcome(
                    CatalogChoice(
                        catalogEntryID: catalogId, obtainedOn: body.obtainedOn, score: body.score, certificateNumber: body.certificateNumber
                    ),
                    for: learner.id)
            } else {
                outcome = try await service.addOutcome(try body.manual(), for: learner.id)
            }
            return try JSONResponse.make(OutcomeBody(outcome), status: .created)
        }

        routes.add(.get, "/api/v1/me/outcomes") { request, _ in
            let learner = try await learner(request)
            return try JSONResponse.make(try await service.outcomes(of: learner.id).map { OutcomeBody($0.outcome, listing: $0) })
        }

        routes.add(.get, "/api/v1/me/outcomes/{id}") { request, context in
            let learner = try await learner(request)
            let id: OutcomeID = try context.parameters.id()
            let (outcome, reviews) = try await service.outcome(id, of: learner.id)
            let evidence = try await service.evidence(of: .outcome(id), for: .learner(learner))
            return try JSONResponse.make(OutcomeBody(outcome, reviews: reviews, evidence: evidence))
        }

        routes.add(.patch, "/api/v1/me/outcomes/{id}") { request, context in
            let learner = try await learner(request)
            let id: OutcomeID = try context.parameters.id()
            let body = try await request.decodeJSON(OutcomeRequestBody.self, limit: settings.jsonBodyLimit)
            let current = try await service.editableFields(of: id, for: learner.id)
            let outcome = try await service.editOutcome(id, with: try body.applied(to: current), for: learner.id)
            return try JSONResponse.make(OutcomeBody(outcome))
        }

        routes.add(.delete, "/api/v1/me/outcomes/{id}") { request, context in
            let learner = try await learner(request)
            try await service.deleteOutcome(try context.parameters.id(), for: learner.id)
            return Response(status: .noContent)
        }

        routes.add(.post, "/api/v1/me/outcomes/{id}/evidence") { request, context in
            let learner = try await learner(request)
            let id: OutcomeID = try context.parameters.id()
            let bytes = try await request.bytes(limit: settings.uploadLimit)
            let evidence = try await service.attachEvidence(bytes, to: .outcome(id), for: learner.id)
            return try JSONResponse.make(EvidenceBody(evidence), status: .created)
        }

        routes.add(.post, "/api/v1/me/outcomes/{id}/recognition") { request, context in
            let learner = try await learner(request)
            let outcome = try await service.requestRecognition(try context.parameters.id(), for: learner.id)
            return try JSONResponse.make(OutcomeBody(outcome), status: .accepted)
        }

        routes.add(.get, "/api/v1/evidence/{id}") { request, context in
            let caller = try await caller(request)
            let (evidence, bytes) = try await service.evidenceFile(try context.parameters.id(), for: caller)
            return Self.evidenceResponse(evidence, bytes)
        }
    }

    /// An evidence file shown inline (images) or opened (PDF), never cached.
    static func evidenceResponse(_ evidence: Evidence, _ bytes: [UInt8]) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: evidence.format.mediaType, .cacheControl: "private, no-store",
                .contentDisposition: "inline; filename=\"evidence-\(evidence.id).\(evidence.format.fileExtension)\"",
                .init("X-Content-Type-Options")!: "nosniff",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
