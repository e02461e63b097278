import CreditBankCore
import Foundation
import Hummingbird

/// The console's rules (admins): list, create, publish, withdraw, delete an unused one (docs/product.md §2).
extension BankServer {
    func addStaffRulePages(_ staff: GroupRoutes<StaffPageContext>) {
        staff.add(.get, "/rules") { request, context in
            let query = request.uri.queryParameters
            var notice: String?
            switch query["done"] {
            case "created": notice = "规则已新建。The rule is created."
            case "published": notice = "已发布。Published."
            case "withdrawn": notice = "已撤下，不再接受新申请。Withdrawn: it takes no new applications."
            case "deleted": notice = "已删除。Deleted."
            default: break
            }
            var model = try await staffRulesPage(
                context, q: query["q"].map(String.init) ?? "", pageNumber: query["page"].flatMap { Int($0) } ?? 1, form: RuleForm())
            model.notice = notice
            return page(model, frame: staffFrame(context))
        }
        staff.add(.post, "/rules") { request, context in
            let form = try await request.decode(as: RuleForm.self, context: context)
            do {
                _ = try await service.addRule(try await newRule(form), by: context.staff)
                return PageSession.redirect("/staff/rules?done=created")
            } catch let error as CreditBankError where error.field != nil || error.isConflict {
                var model = try await staffRulesPage(context, q: "", pageNumber: 1, form: form)
                model.publishChecked = form.published == "yes"
                switch error.field {
                case "code": model.codeProblem = error.reason
                case "name": model.nameProblem = error.reason
                case "sources", "sourceCatalogIds": model.sourcesProblem = error.reason
                case "target", "targetCatalogId": model.targetProblem = error.reason
                case "credits": model.creditsProblem = error.reason
                case "ratio": model.ratioProblem = error.reason
                case "minScore": model.minScoreProblem = error.reason
                case "validFrom": model.validFromProblem = error.reason
                case "validTo": model.validToProblem = error.reason
                default: model.problem = Self.pageMessage(error)
                }
                return page(model, frame: staffFrame(context), status: error.isConflict ? .conflict : .unprocessableContent)
            }
        }
        staff.add(.post, "/rules/{id}/publish") { request, context in
            struct PublishForm: Decodable { var published: String? }
            let form = try await request.decode(as: PublishForm.self, context: context)
            let published = form.published == "yes"
            _ = try await service.setRulePublished(try context.parameters.id(), published, by: context.staff)
            return PageSession.redirect("/staff/rules?done=\(published ? "published" : "withdrawn")")
        }
        staff.add(.post, "/rules/{id}/delete") { _, context in
            do {
                try await service.deleteRule(try context.parameters.id(), by: context.staff)
                return PageSession.redirect("/staff/rules?done=deleted")
            } catch let error as CreditBankError where error.isConflict {
                var model = try await staffRulesPage(context, q: "", pageNumber: 1, form: RuleForm())
                model.problem = Self.pageMessage(error)
                return page(model, frame: staffFrame(context), status: .conflict)
            }
        }
    }

    /// The rule a form describes, its catalog references resolved.
    /// - Throws: `.invalid` naming the form's field.
    func newRule(_ form: RuleForm) async throws -> NewConversionRule {
        func day(_ text: String, _ field: String) throws -> LocalDate? {
            let text = text.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return nil }
            guard let day = LocalDate(text) else { throw CreditBankError.invalid(field: field, reason: "'\(text)' is not a yyyy-MM-dd date") }
            return day
        }
        let references = form.sources.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == " " }).map(String.init)
        guard !references.isEmpty else { throw CreditBankError.invalid(field: "sources", reason: "name at least one source as INSTITUTION:CODE") }
        var sources: [ConversionRule.Source] = []
        let minimum = try Self.number(form.minScore, field: "minScore")
        if let minimum, !(0...100).contains(minimum) { throw CreditBankError.invalid(field: "minScore", reason: "must be between 0 and 100") }
        for reference in references {
            sources.append(.init(catalogEntryID: try await service.catalogEntry(reference: reference, field: "sources").id, minimumScore: minimum))
        }
        let target = try await service.catalogEntry(reference: form.target, field: "target")
        guard let credits = Credits(form.credits.trimmingCharacters(in: .whitespaces)) else {
            throw CreditBankError.invalid(field: "credits", reason: "'\(form.credits)' is not an amount of credits such as 3 or 2.5")
        }
        guard let ratio = Int(form.ratio.trimmingCharacters(in: .whitespaces)) else {
            throw CreditBankError.invalid(field: "ratio", reason: "'\(form.ratio)' is not a whole percentage")
        }
        return NewConversionRule(
            code: form.code.trimmingCharacters(in: .whitespaces), name: form.name, description: form.description, sources: sources,
            targetCatalogEntryID: target.id, credits: credits, ratio: ratio, validFrom: try day(form.validFrom, "validFrom"),
            validTo: try day(form.validTo, "validTo"), published: form.published == "yes")
    }

    func staffRulesPage(_ context: StaffPageContext, q: String, pageNumber: Int, form: RuleForm) async throws -> StaffRulesPage {
        guard context.staff.role == .admin else { throw CreditBankError.forbidden("only administrators manage rules") }
        let size = 20
        let number = max(1, pageNumber)
        let found = try await service.searchRules(
            query: q, publishedOnly: false, page: try PageRequest(limit: size, offset: min((number - 1) * size, PageRequest.maximumOffset)))
        let details = try await service.details(of: found.items)
        let rows = details.map { detail in
            let rule = detail.rule
            let validity = "\(rule.validFrom?.description ?? "…") – \(rule.validTo?.description ?? "…")"
            return StaffRulesPage.Row(
                id: rule.id.description, code: rule.code, name: rule.name,
                target: "\(detail.target.entry.name)（\(detail.target.institution.name)）",
                credits: "\(rule.credits) × \(rule.ratio)% = \(rule.grantedCredits)", validity: validity, published: rule.published)
        }
        let encoded = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return StaffRulesPage(
            q: q, rows: rows, hasRows: !rows.isEmpty, total: found.total,
            pager: Pager(page: number, total: found.total, size: size) { "/staff/rules?q=\(encoded)&page=\($0)" }, form: form)
    }
}
