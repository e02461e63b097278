import CreditBankCore
import Foundation
import Hummingbird

extension BankServer {
    struct RevokeBody: Decodable { var reason: String }
    struct IssueBody: Decodable { var kind: String, outcomeIds: [OutcomeID]?, validityMonths: Int?, language: String? }

    /// A stored PDF as an attachment named by kind and code (Chinese name for browsers that read `filename*`).
    func addDocumentRoutes(_ routes: RouteTable) {
        routes.add(.get, "/api/v1/me/documents") { request, _ in
            let learner = try await learner(request)
            let now = service.clock.now()
            return try JSONResponse.make(
                try await service.documents(of: learner.id).map { DocumentBody($0, at: now, settings: service.settings) })
        }

        routes.add(.post, "/api/v1/me/documents") { request, _ in
            let learner = try await learner(request)
            let body = try await request.decodeJSON(IssueBody.self, limit: settings.jsonBodyLimit)
            let language =
                try body.language.map { text in
                    guard let language = DocumentLanguage(rawValue: text) else { throw APIError.invalid("language", "must be zh or en") }
                    return language
                } ?? learner.documentLanguage
            let document: IssuedDocument
            switch body.kind {
            case DocumentKind.outcomeProof.rawValue:
                document = try await service.issueOutcomeProof(
                    outcomeIDs: body.outcomeIds ?? [], validityMonths: body.validityMonths, language: language, for: learner.id)
            case DocumentKind.transcript.rawValue:
                guard body.outcomeIds == nil else {
                    throw APIError.invalid("outcomeIds", "a transcript holds every outcome; name outcomes only for an outcome-proof")
                }
                document = try await service.issueTranscript(validityMonths: body.validityMonths, language: language, for: learner.id)
            default:
                throw APIError.invalid("kind", "'\(body.kind)' is not outcome-proof or transcript (certificates come from conversions)")
            }
            ServerMetrics.documentIssued(document.kind)
            return try JSONResponse.make(DocumentBody(document, at: service.clock.now(), settings: service.settings), status: .created)
        }

        routes.add(.get, "/api/v1/me/documents/{id}") { request, context in
            let learner = try await learner(request)
            let document = try await service.document(try context.parameters.id(), holder: learner.id)
            return try JSONResponse.make(DocumentBody(document, at: service.clock.now(), settings: service.settings))
        }

        routes.add(.get, "/api/v1/documents/{id}/pdf") { request, context in
            guard let token = Self.bearerToken(request) else { throw APIError.unauthorized() }
            let id: DocumentID = try context.parameters.id()
            guard let (document, bytes) = try await service.pdf(of: id, forToken: token, make: ByteBuffer.made) else {
                throw APIError.sessionEnded()
            }
            return Self.pdfDownload(document, bytes, request: request)
        }

        routes.add(.post, "/api/v1/admin/documents/{id}/revoke") { request, context in
            let admin = try await admin(request)
            let id: DocumentID = try context.parameters.id()
            let body = try await request.decodeJSON(RevokeBody.self, limit: settings.jsonBodyLimit)
            let document = try await service.revoke(id, reason: body.reason, by: admin)
            return try JSONResponse.make(DocumentBody(document, at: service.clock.now(), settings: service.settings))
        }
    }
}
