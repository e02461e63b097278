import CreditBankCore
import Foundation
import Hummingbird

extension BankServer {
    /// Under a rule (`ruleId`), or case by case (`targetCatalogId`, one 业绩类 outcome): exactly one.
    struct ConversionRequestBody: Decodable { var outcomeIds: [OutcomeID], ruleId: RuleID?, targetCatalogId: CatalogEntryID? }
    struct FeedbackRequestBody: Decodable { var outcomeId: OutcomeID, problems: [String], description: String }

    func addConversionRoutes(_ routes: RouteTable) {
        routes.add(.post, "/api/v1/me/conversions") { request, _ in
            let learner = try await learner(request)
            let body = try await request.decodeJSON(ConversionRequestBody.self, limit: settings.jsonBodyLimit)
            let application: ConversionApplication
            switch (body.ruleId, body.targetCatalogId) {
            case (let rule?, nil):
                application = try await service.submitConversion(outcomeIDs: body.outcomeIds, ruleID: rule, for: learner.id)
            case (nil, let target?):
                guard body.outcomeIds.count == 1 else {
                    throw CreditBankError.invalid(field: "outcomeIds", reason: "a case-by-case application names exactly one outcome")
                }
                application = try await service.submitCaseConversion(outcomeID: body.outcomeIds[0], target: target, for: learner.id)
            default:
                throw CreditBankError.invalid(
                    field: "ruleId", reason: "give either ruleId (apply under a rule) or targetCatalogId (case by case), not both or neither")
            }
            return try JSONResponse.make(ApplicationBody(application, reviews: []), status: .created)
        }

        routes.add(.get, "/api/v1/me/conversions") { request, _ in
            let learner = try await learner(request)
            return try JSONResponse.make(try await service.applications(of: learner.id).map {
                ApplicationBody($0.application, reviews: $0.reviews)
            })
        }

        routes.add(.get, "/api/v1/me/conversions/{id}") { request, context in
            let learner = try await learner(request)
            let id: ApplicationID = try context.parameters.id()
            let (application, reviews) = try await service.application(id, for: learner.id)
            let evidence = try await service.evidence(of: .application(id), for: .learner(learner))
            return try JSONResponse.make(ApplicationBody(application, reviews: reviews, evidence: evidence))
        }

        routes.add(.delete, "/api/v1/me/conversions/{id}") { request, context in
            let learner = try await learner(request)
            let id: ApplicationID = try context.parameters.id()
            // Withdrawal is only allowed before initial review, so there are no review records.
            let application = try await service.withdrawConversion(id, for: learner.id)
            return try JSONResponse.make(ApplicationBody(application, reviews: []))
        }

        routes.add(.post, "/api/v1/me/conversions/{id}/evidence") { request, context in
            let learner = try await learner(request)
            let id: ApplicationID = try context.parameters.id()
            let bytes = try await request.bytes(limit: settings.uploadLimit)
            let evidence = try await service.attachEvidence(bytes, to: .application(id), for: learner.id)
            return try JSONResponse.make(EvidenceBody(evidence), status: .created)
        }

        routes.add(.get, "/api/v1/me/messages") { request, _ in
            let learner = try await learner(request)
            return try JSONResponse.make(try await service.messages(of: learner.id).map(MessageBody.init))
        }

        routes.add(.get, "/api/v1/me/feedback") { request, _ in
            let learner = try await learner(request)
            return try JSONResponse.make(try await service.feedback(of: learner.id).map { FeedbackBody($0) })
        }

        routes.add(.post, "/api/v1/me/feedback") { request, _ in
            let learner = try await learner(request)
            let body = try await request.decodeJSON(FeedbackRequestBody.self, limit: settings.jsonBodyLimit)
            let feedback = try await service.reportProblem(
                outcome: body.outcomeId, problems: body.problems, description: body.description, for: learner.id)
            return try JSONResponse.make(FeedbackBody(feedback), status: .created)
        }
    }
}
