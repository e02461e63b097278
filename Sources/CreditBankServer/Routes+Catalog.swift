import CreditBankCore
import Foundation
import Hummingbird

extension BankServer {
    struct CatalogBody: Decodable {
        var institutionCode: String, category: String, subtype: String, name: String, code: String, credits: Credits
        var hours: Int?, level: String?, major: String?
    }

    struct RuleRequestBody: Decodable {
        var code: String, name: String, description: String?, sourceCatalogIds: [CatalogEntryID], minScore: Double?
        var targetCatalogId: CatalogEntryID, credits: Credits, ratio: Int, validFrom: String?, validTo: String?
    }

    func addCatalogRoutes(_ routes: RouteTable) {
        routes.add(.post, "/api/v1/catalog") { request, _ in
            let staff = try await staff(request)
            let body = try await request.decodeJSON(CatalogBody.self, limit: settings.jsonBodyLimit)
            let entry = try await service.addCatalogEntry(
                NewCatalogEntry(
                    institutionCode: body.institutionCode, category: body.category, subtype: body.subtype, name: body.name, code: body.code,
                    credits: body.credits, hours: body.hours, level: body.level, major: body.major),
                by: staff.role)
            return try JSONResponse.make(CatalogEntryBody(entry), status: .created)
        }

        routes.add(.get, "/api/v1/catalog") { request, _ in
            let page = try request.page()
            let found = try await service.searchCatalog(
                query: request.uri.queryParameters.get("q"), institutionCode: request.uri.queryParameters.get("institution"), page: page)
            return try JSONResponse.make(
                PageBody(items: found.items.map(CatalogEntryBody.init), total: found.total, limit: page.limit, offset: page.offset))
        }

        routes.add(.post, "/api/v1/rules") { request, _ in
            _ = try await admin(request)
            let body = try await request.decodeJSON(RuleRequestBody.self, limit: settings.jsonBodyLimit)
            func date(_ text: String?, _ field: String) throws -> LocalDate? {
                guard let text, !text.isEmpty else { return nil }
                guard let date = LocalDate(text) else { throw APIError.invalid(field, "'\(text)' is not a yyyy-MM-dd date") }
                return date
            }
            if let score = body.minScore, !(0...100).contains(score) { throw APIError.invalid("minScore", "must be between 0 and 100") }
            let rule = try await service.addRule(
                NewConversionRule(
                    code: body.code, name: body.name, description: body.description ?? "",
                    sources: body.sourceCatalogIds.map { ConversionRule.Source(catalogEntryID: $0, minimumScore: body.minScore) },
                    targetCatalogEntryID: body.targetCatalogId, credits: body.credits, ratio: body.ratio,
                    validFrom: try date(body.validFrom, "validFrom"), validTo: try date(body.validTo, "validTo")))
            return try JSONResponse.make(RuleBody(rule), status: .created)
        }

        routes.add(.get, "/api/v1/rules") { request, _ in
            let page = try request.page()
            let found = try await service.searchRules(query: request.uri.queryParameters.get("q"), page: page)
            return try JSONResponse.make(
                PageBody(items: found.items.map(RuleBody.init), total: found.total, limit: page.limit, offset: page.offset))
        }
    }
}
