import CreditBankCore
import Foundation
import Hummingbird

extension BankServer {
    struct ConversionDecisionBody: Decodable { var decision: String, opinion: String? }
    struct FeedbackReplyBody: Decodable { var reply: String }

    func addReviewRoutes(_ routes: RouteTable) {
        routes.add(.get, "/api/v1/reviews/recognitions") { request, _ in
            let reviewer = try await staff(request)
            let queue = try await service.recognitionQueue(for: reviewer)
            return try JSONResponse.make(queue.map { OutcomeBody($0.0, evidence: $0.1) })
        }

        routes.add(.post, "/api/v1/reviews/recognitions/{id}") { request, context in
            let reviewer = try await staff(request)
            let id: OutcomeID = try context.parameters.id()
            let body = try await request.decodeJSON(RecognitionDecisionBody.self, limit: settings.jsonBodyLimit)
            let outcome = try await service.reviewRecognition(
                id, decision: try ReviewRecord.Decision(parsing: body.decision), opinion: body.opinion ?? "", credits: body.credits,
                by: reviewer)
            return try JSONResponse.make(OutcomeBody(outcome))
        }

        routes.add(.get, "/api/v1/reviews/conversions") { request, _ in
            let reviewer = try await staff(request)
            let stage: ConversionReviewStage
            if let text = request.uri.queryParameters.get("stage") {
                stage = try ConversionReviewStage(parsing: String(text))
            } else {
                stage = reviewer.role == .expert ? .final : .initial
            }
            return try JSONResponse.make(try await service.conversionQueue(stage: stage, for: reviewer).map(ApplicationBody.init))
        }

        routes.add(.get, "/api/v1/reviews/conversions/{id}") { request, context in
            let reviewer = try await staff(request)
            return try JSONResponse.make(ApplicationBody(try await service.conversionCase(try context.parameters.id(), for: reviewer)))
        }

        routes.add(.post, "/api/v1/reviews/conversions/{id}") { request, context in
            let reviewer = try await staff(request)
            let id: ApplicationID = try context.parameters.id()
            let body = try await request.decodeJSON(ConversionDecisionBody.self, limit: settings.jsonBodyLimit)
            let application = try await service.reviewConversion(
                id, decision: try ReviewRecord.Decision(parsing: body.decision), opinion: body.opinion ?? "", by: reviewer)
            if application.certificateID != nil { ServerMetrics.documentIssued(.conversionCertificate) }
            return try JSONResponse.make(ApplicationBody(try await service.conversionCase(id, for: reviewer)))
        }

        routes.add(.get, "/api/v1/reviews/feedback") { request, _ in
            let staff = try await staff(request)
            return try JSONResponse.make(try await service.feedbackQueue(for: staff).map { FeedbackBody($0.0, outcome: $0.1) })
        }

        routes.add(.post, "/api/v1/reviews/feedback/{id}") { request, context in
            let staff = try await staff(request)
            let id: FeedbackID = try context.parameters.id()
            let body = try await request.decodeJSON(FeedbackReplyBody.self, limit: settings.jsonBodyLimit)
            return try JSONResponse.make(FeedbackBody(try await service.resolveFeedback(id, reply: body.reply, by: staff)))
        }
    }
}
