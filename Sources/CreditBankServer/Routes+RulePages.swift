import CreditBankCore
import Foundation
import Hummingbird

/// The rule pages and applying for a conversion by rule (docs/product.md §2, §8).
extension BankServer {
    func addRulePages(public_: GroupRoutes<PublicPageContext>, me: GroupRoutes<LearnerPageContext>) {
        public_.add(.get, "/rules") { request, context in try await rulesList(request, context) }
        public_.add(.get, "/rules/{id}") { _, context in try await ruleDetail(try context.parameters.id(), context) }
        me.add(.get, "/conversions/new") { request, context in
            guard let rule = request.uri.queryParameters["rule"].flatMap({ Int64($0) }) else { return PageSession.redirect("/rules") }
            return page(try await applyPage(RuleID(rule), context, form: nil, confirming: false), for: context)
        }
        me.add(.post, "/conversions/new") { request, context in
            // The confirm step: nothing is stored until the learner submits it.
            let form = try await request.decode(as: ApplyForm.self, context: context)
            let rule = RuleID(form.ruleId.flatMap { Int64($0) } ?? 0)
            var model = try await applyPage(rule, context, form: form, confirming: true)
            if model.chosen.isEmpty {
                model.confirming = false
                model.problem = "请至少选择一项成果。Tick at least one outcome."
                return page(model, for: context, status: .unprocessableContent)
            }
            return page(model, for: context)
        }
        me.add(.post, "/conversions") { request, context in
            let form = try await request.decode(as: ApplyForm.self, context: context)
            let rule = RuleID(form.ruleId.flatMap { Int64($0) } ?? 0)
            let outcomes = (form.outcomeId ?? []).compactMap { Int64($0) }.map { OutcomeID($0) }
            do {
                _ = try await service.submitConversion(outcomeIDs: outcomes, ruleID: rule, for: context.learner.id)
                return PageSession.redirect("/me/conversions?done=submitted")
            } catch let error as CreditBankError {
                var model = try await applyPage(rule, context, form: form, confirming: false)
                model.problem = Self.pageMessage(error)
                return page(model, for: context, status: .unprocessableContent)
            }
        }
        me.add(.post, "/conversions/{id}/withdraw") { _, context in
            _ = try await service.withdrawConversion(try context.parameters.id(), for: context.learner.id)
            return PageSession.redirect("/me/conversions?done=withdrawn")
        }
    }

    /// The frame for a public page: signed in or not.
    func frame(for visitor: PageVisitor?) -> PageFrame {
        var frame = frame()
        if let visitor, case .learner(let learner) = visitor.principal {
            frame.signedIn = true
            frame.learnerName = learner.name.value
            frame.csrf = visitor.csrf
        }
        return frame
    }

    func rulesList(_ request: Request, _ context: PublicPageContext) async throws -> Response {
        let query = request.uri.queryParameters
        let q = query["q"].map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
        let category = query["category"].flatMap { OutcomeCategory(rawValue: String($0)) }
        let pageNumber = max(1, query["page"].flatMap { Int($0) } ?? 1)
        let size = 20
        let found = try await service.searchRules(
            query: q.isEmpty ? nil : q, category: category, page: try PageRequest(limit: size, offset: (pageNumber - 1) * size))
        let details = try await service.details(of: found.items)
        func link(_ page: Int) -> String {
            "/rules?page=\(page)" + (q.isEmpty ? "" : "&q=\(q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
                + (category.map { "&category=\($0.rawValue)" } ?? "")
        }
        let model = RulesPage(
            q: q,
            categories: [Choice(value: "", label: "全部类别 All categories")]
                + OutcomeCategory.allCases.map { Choice(value: $0.rawValue, label: "\($0.chineseName) \($0.englishName)", selected: $0 == category) },
            rows: details.map { detail in
                .init(
                    id: detail.rule.id.description, code: detail.rule.code, name: detail.rule.name, target: detail.target.entry.name,
                    institution: detail.target.institution.name, credits: detail.rule.grantedCredits.description)
            },
            hasRows: !details.isEmpty, total: found.total, pager: Pager(page: pageNumber, total: found.total, size: size, link: link))
        return page(model, frame: frame(for: context.visitor))
    }

    func ruleDetail(_ id: RuleID, _ context: PublicPageContext) async throws -> Response {
        let rule = try await service.rule(id)
        guard rule.published else { throw CreditBankError.notFound("rule \(id)") }
        let detail = try await service.details(of: [rule])[0]
        var mine: [RulePage.Mine] = []
        var signedIn = false
        if let visitor = context.visitor, case .learner(let learner) = visitor.principal {
            signedIn = true
            let accepted = try await service.outcomes(of: learner.id).map(\.outcome).filter(rule.accepts)
            let usedIDs = try await service.outcomesUsed(under: rule.id, among: accepted.map(\.id))
            for outcome in accepted {
                let used = usedIDs.contains(outcome.id)
                mine.append(
                    .init(
                        id: outcome.id.description, name: outcome.name, obtainedOn: outcome.obtainedOn.description,
                        score: outcome.score?.formatted, used: used))
            }
        }
        let subtype = service.subtypes.subtype(code: detail.target.entry.subtype)
        let validity = [rule.validFrom.map { "自 \($0)" }, rule.validTo.map { "至 \($0)" }].compactMap { $0 }.joined(separator: " ")
        let model = RulePage(
            title: rule.name, id: rule.id.description, code: rule.code, name: rule.name, description: rule.description,
            hasDescription: !rule.description.isEmpty,
            sources: detail.sources.map {
                .init(
                    name: $0.entry.entry.name, code: $0.entry.entry.code, institution: $0.entry.institution.name,
                    minimumScore: $0.minimumScore?.formatted)
            },
            target: detail.target.entry.name, targetInstitution: detail.target.institution.name,
            targetKind: "\(detail.target.entry.category.chineseName) · \(subtype?.chineseName ?? detail.target.entry.subtype)",
            credits: rule.credits.description, ratio: "\(rule.ratio)%", granted: rule.grantedCredits.description,
            validity: validity.isEmpty ? "长期有效 No end" : validity, signedIn: signedIn, mine: mine, hasMine: !mine.isEmpty,
            canApply: mine.contains { !$0.used } && rule.isApplicable(on: service.clock.today()))
        return page(model, frame: frame(for: context.visitor))
    }

    func applyPage(_ ruleID: RuleID, _ context: LearnerPageContext, form: ApplyForm?, confirming: Bool) async throws -> ApplyPage {
        let rule = try await service.rule(ruleID)
        guard rule.published else { throw CreditBankError.notFound("rule \(ruleID)") }
        let detail = try await service.details(of: [rule])[0]
        let ticked = Set(form?.outcomeId ?? [])
        var candidates: [ApplyPage.Candidate] = []
        let accepted = try await service.outcomes(of: context.learner.id).map(\.outcome).filter(rule.accepts)
        let used = try await service.outcomesUsed(under: rule.id, among: accepted.map(\.id))
        for outcome in accepted where !used.contains(outcome.id) {
            candidates.append(
                .init(
                    id: outcome.id.description, name: outcome.name, issuer: outcome.issuer, obtainedOn: outcome.obtainedOn.description,
                    score: outcome.score?.formatted, checked: ticked.contains(outcome.id.description)))
        }
        let chosen = candidates.filter(\.checked)
        return ApplyPage(
            ruleId: rule.id.description, ruleCode: rule.code, ruleName: rule.name,
            target: "\(detail.target.entry.name)（\(detail.target.institution.name)）", granted: rule.grantedCredits.description,
            candidates: candidates, hasCandidates: !candidates.isEmpty, confirming: confirming && !chosen.isEmpty, chosen: chosen)
    }
}

/// The case-by-case application pages (manual 001 §五; docs/product.md §2).
extension BankServer {
    func addCasePages(_ me: GroupRoutes<LearnerPageContext>) {
        me.add(.get, "/conversions/case") { request, context in
            let query = request.uri.queryParameters
            let form = CaseApplyForm(outcomeId: query["outcome"].map(String.init), targetId: nil, q: query["q"].map(String.init))
            return page(try await casePage(context, form: form, confirming: false), for: context)
        }
        me.add(.post, "/conversions/case") { request, context in
            // The confirm step: nothing is stored until the learner submits it.
            let form = try await request.decode(as: CaseApplyForm.self, context: context)
            var model = try await casePage(context, form: form, confirming: true)
            guard model.confirming else {
                model.problem =
                    model.chosenOutcome == nil
                    ? "请选择一项业绩类成果。Choose one of your achievements." : "请选择目标成果。Choose the target outcome."
                return page(model, for: context, status: .unprocessableContent)
            }
            return page(model, for: context)
        }
        me.add(.post, "/conversions/case/submit") { request, context in
            let form = try await request.decode(as: CaseApplyForm.self, context: context)
            do {
                guard let outcome = form.outcomeId.flatMap({ Int64($0) }), let target = form.targetId.flatMap({ Int64($0) }) else {
                    throw CreditBankError.invalid(field: "targetId", reason: "choose an achievement and a target")
                }
                _ = try await service.submitCaseConversion(
                    outcomeID: OutcomeID(outcome), target: CatalogEntryID(target), for: context.learner.id)
                return PageSession.redirect("/me/conversions?done=submitted")
            } catch let error as CreditBankError {
                var model = try await casePage(context, form: form, confirming: false)
                model.problem = Self.pageMessage(error)
                return page(model, for: context, status: .unprocessableContent)
            }
        }
    }

    /// The learner's recognised achievements, the catalog search, and (confirming) the choice.
    func casePage(_ context: LearnerPageContext, form: CaseApplyForm, confirming: Bool) async throws -> CaseApplyPage {
        let achievements = try await service.outcomes(of: context.learner.id).map(\.outcome)
            .filter { $0.category == .informal && $0.status == .stored }
        let outcomes = achievements.map { outcome in
            CaseApplyPage.Outcome(
                id: outcome.id.description, name: outcome.name,
                detail: "\(service.subtypes.subtype(code: outcome.subtype)?.chineseName ?? outcome.subtype) · \(outcome.issuer) · \(outcome.obtainedOn)",
                checked: form.outcomeId == outcome.id.description || achievements.count == 1)
        }
        let q = form.q?.trimmingCharacters(in: .whitespaces) ?? ""
        let institutions = Dictionary(uniqueKeysWithValues: try await service.institutions().map { ($0.id, $0.name) })
        func target(_ entry: CatalogEntry) -> CaseApplyPage.Target {
            let details = [entry.major.map { "专业 \($0)" }, entry.level.map { "层次 \($0)" }].compactMap { $0 }.joined(separator: " · ")
            return .init(
                id: entry.id.description, name: entry.name, code: entry.code, institution: institutions[entry.institutionID] ?? "",
                credits: entry.credits.description, detail: details, checked: form.targetId == entry.id.description)
        }
        var targets: [CaseApplyPage.Target] = []
        if !q.isEmpty {
            targets = try await service.searchCatalog(query: q, institutionCode: nil, page: try PageRequest(limit: 30)).items.map(target)
        }
        var chosenTarget = targets.first(where: \.checked)
        if chosenTarget == nil, confirming, let id = form.targetId.flatMap({ Int64($0) }),
            let entry = try? await service.catalogEntry(CatalogEntryID(id))
        {
            // The confirm step without a search on the page (the target came from the form).
            chosenTarget = target(entry)
        }
        let chosenOutcome = outcomes.first(where: \.checked)
        return CaseApplyPage(
            outcomes: outcomes, hasOutcomes: !outcomes.isEmpty, q: q, searched: !q.isEmpty, targets: targets, hasTargets: !targets.isEmpty,
            confirming: confirming && chosenOutcome != nil && chosenTarget != nil, chosenOutcome: chosenOutcome,
            chosenTarget: chosenTarget)
    }
}
