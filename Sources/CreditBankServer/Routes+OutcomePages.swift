import CreditBankCore
import Foundation
import Hummingbird

/// The learner's outcome pages: the list with filters and tabs, adding one from the catalog or by
/// hand, one outcome with its record and the rules it can use (docs/product.md §2, §8).
extension BankServer {
    func addOutcomePages(_ me: GroupRoutes<LearnerPageContext>) {
        me.add(.get, "/outcomes") { request, context in try await outcomesList(request, context) }
        me.add(.get, "/outcomes/new") { request, context in
            let query = request.uri.queryParameters
            return page(
                try await newOutcomePage(subtype: query["subtype"].map(String.init), search: query["q"].map(String.init)), for: context)
        }
        me.add(.post, "/outcomes") { request, context in try await addOutcomeByForm(request, context) }
        me.add(.get, "/outcomes/{id}") { request, context in
            let notice = request.uri.queryParameters["done"].map { Self.outcomeNotice(String($0)) } ?? nil
            return page(try await outcomeDetail(try context.parameters.id(), context, notice: notice), for: context)
        }
        me.add(.post, "/outcomes/{id}/recognition") { _, context in
            let id: OutcomeID = try context.parameters.id()
            _ = try await service.requestRecognition(id, for: context.learner.id)
            return PageSession.redirect("/me/outcomes/\(id)?done=recognition")
        }
        me.add(.get, "/outcomes/{id}/edit") { _, context in
            let id: OutcomeID = try context.parameters.id()
            guard try await service.outcome(id, of: context.learner.id).0.status == .registered else {
                throw CreditBankError.conflict("只有已登记、尚未申请认定的成果可以修改。Only a registered outcome can be edited.")
            }
            return page(try await editOutcomePage(id, context, form: nil), for: context)
        }
        me.add(.post, "/outcomes/{id}/edit") { request, context in
            let id: OutcomeID = try context.parameters.id()
            var form = try await request.decode(as: OutcomeForm.self, context: context)
            form.subtype = try await service.editableFields(of: id, for: context.learner.id).subtype  // the type stays
            do {
                _ = try await service.editOutcome(id, with: try manualOutcome(form), for: context.learner.id)
                return PageSession.redirect("/me/outcomes/\(id)?done=edited")
            } catch let error as CreditBankError where error.field != nil {
                var model = try await editOutcomePage(id, context, form: form)
                if let index = model.fields.firstIndex(where: { $0.name == error.field || $0.name == "attributes[\(error.field!.dropFirst("attributes.".count))]" }) {
                    model.fields[index].problem = error.reason
                } else {
                    model.problem = Self.pageMessage(error)
                }
                return page(model, for: context, status: .unprocessableContent)
            }
        }
        me.add(.post, "/outcomes/{id}/evidence") { request, context in
            // A multipart upload: the CSRF token travels in the form's address (FormGuardMiddleware).
            let id: OutcomeID = try context.parameters.id()
            do {
                let file = try await uploadedFile(request, missing: "请选择要上传的文件。Choose the file to upload.")
                _ = try await service.attachEvidence(file.bytes, to: .outcome(id), for: context.learner.id)
                return PageSession.redirect("/me/outcomes/\(id)?done=evidence")
            } catch let error as CreditBankError where error.field != nil || error.isConflict {
                var model = try await outcomeDetail(id, context, notice: nil)
                model.uploadProblem = Self.pageMessage(error)
                return page(model, for: context, status: error.isConflict ? .conflict : .unprocessableContent)
            } catch let error as APIError where error.field == "file" {
                var model = try await outcomeDetail(id, context, notice: nil)
                model.uploadProblem = error.message
                return page(model, for: context, status: .unprocessableContent)
            }
        }
        me.add(.get, "/evidence/{id}") { _, context in
            let (evidence, bytes) = try await service.evidenceFile(try context.parameters.id(), for: .learner(context.learner))
            return Self.evidenceResponse(evidence, bytes)
        }
        me.add(.post, "/outcomes/{id}/delete") { _, context in
            try await service.deleteOutcome(try context.parameters.id(), for: context.learner.id)
            return PageSession.redirect("/me/outcomes?done=deleted")
        }
    }

    static func outcomeNotice(_ done: String) -> String? {
        switch done {
        case "added": "已添加。Added."
        case "recognition": "已提交认定申请，等待机构审核。Recognition requested."
        case "deleted": "已删除。Deleted."
        case "edited": "已保存修改。Saved."
        case "evidence": "已上传证明材料。Evidence uploaded."
        default: nil
        }
    }

    func outcomesList(_ request: Request, _ context: LearnerPageContext) async throws -> Response {
        let query = request.uri.queryParameters
        let tab = query["tab"] == "conversion" ? "conversion" : "own"
        let q = query["q"].map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
        let category = query["category"].flatMap { OutcomeCategory(rawValue: String($0)) }
        let subtype = query["subtype"].map(String.init).flatMap { service.subtypes.subtype(code: $0) }
        let pageNumber = max(1, query["page"].flatMap { Int($0) } ?? 1)
        let all = try await service.outcomes(of: context.learner.id)
        let own = all.filter { $0.outcome.source != .conversion }
        let converted = all.filter { $0.outcome.source == .conversion }
        let filtered = (tab == "own" ? own : converted).filter { listing in
            let outcome = listing.outcome
            return (q.isEmpty || outcome.name.localizedCaseInsensitiveContains(q) || outcome.issuer.localizedCaseInsensitiveContains(q))
                && (category == nil || outcome.category == category) && (subtype == nil || outcome.subtype == subtype?.code)
        }
        let size = 20
        let pages = max(1, (filtered.count + size - 1) / size)
        let shown = filtered.dropFirst((min(pageNumber, pages) - 1) * size).prefix(size)
        func link(page: Int) -> String {
            var items = ["tab=\(tab)", "page=\(page)"]
            if !q.isEmpty { items.append("q=\(q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")") }
            if let category { items.append("category=\(category.rawValue)") }
            if let subtype { items.append("subtype=\(subtype.code)") }
            return "/me/outcomes?" + items.joined(separator: "&")
        }
        let model = OutcomesPage(
            tab: tab,
            tabs: [
                .init(label: "个人获取 Own", href: "/me/outcomes?tab=own", current: tab == "own", count: own.count),
                .init(label: "转换获取 By conversion", href: "/me/outcomes?tab=conversion", current: tab == "conversion", count: converted.count),
            ],
            q: q,
            categories: [Choice(value: "", label: "全部类别 All categories")]
                + OutcomeCategory.allCases.map {
                    Choice(value: $0.rawValue, label: "\($0.chineseName) \($0.englishName)", selected: $0 == category)
                },
            subtypes: [Choice(value: "", label: "全部类型 All types")]
                + service.subtypes.subtypes.filter { category == nil || $0.category == category }.map {
                    Choice(value: $0.code, label: $0.chineseName, selected: $0.code == subtype?.code)
                },
            rows: shown.map { listing in
                let outcome = listing.outcome
                return .init(
                    id: outcome.id.description, name: outcome.name, categoryName: outcome.category.chineseName,
                    subtypeName: service.subtypes.subtype(code: outcome.subtype)?.chineseName ?? outcome.subtype, issuer: outcome.issuer,
                    obtainedOn: outcome.obtainedOn.description, sourceName: outcome.source.chineseName, status: outcome.status.rawValue,
                    statusName: outcome.status.chineseName, credits: outcome.countedCredits.description,
                    applicableRules: listing.applicableRules, usedRules: listing.usedRules)
            },
            hasRows: !shown.isEmpty, total: filtered.count, pager: Pager(page: pageNumber, total: filtered.count, size: size) { link(page: $0) },
            notice: query["done"].flatMap { Self.outcomeNotice(String($0)) })
        return page(model, for: context)
    }

    /// The add-outcome page for a chosen subtype (or none yet), with catalog results for `search`.
    func newOutcomePage(subtype code: String?, search: String?, form: OutcomeForm? = nil) async throws -> NewOutcomePage {
        let subtype = code.flatMap { service.subtypes.subtype(code: $0) }
        var model = NewOutcomePage(
            groups: OutcomeCategory.allCases.map { category in
                .init(
                    label: "\(category.chineseName) \(category.englishName)",
                    options: service.subtypes.subtypes.filter { $0.category == category }.map {
                        Choice(value: $0.code, label: "\($0.chineseName) \($0.englishName)", selected: $0.code == subtype?.code)
                    })
            },
            chosen: subtype != nil, today: service.clock.today().description)
        guard let subtype else { return model }
        model.subtype = subtype.code
        model.subtypeName = "\(subtype.chineseName) \(subtype.englishName)"
        model.categoryName = subtype.category.chineseName
        let q = search?.trimmingCharacters(in: .whitespaces) ?? ""
        if !q.isEmpty {
            model.q = q
            model.searched = true
            let found = try await service.searchCatalog(query: q, institutionCode: nil, page: try PageRequest(limit: 30))
            let institutions = Dictionary(uniqueKeysWithValues: try await service.institutions().map { ($0.id, $0.name) })
            model.results = found.items.filter { $0.subtype == subtype.code }.map { entry in
                let details = [entry.major.map { "专业 \($0)" }, entry.level.map { "层次 \($0)" }, entry.hours.map { "\($0) 学时" }]
                    .compactMap { $0 }.joined(separator: " · ")
                return .init(
                    id: entry.id.description, name: entry.name, code: entry.code, institution: institutions[entry.institutionID] ?? "",
                    credits: entry.credits.description, subtypeName: subtype.chineseName, details: details.isEmpty ? nil : details)
            }
            model.hasResults = !model.results.isEmpty
        }
        let institutions = try await service.institutions()
        let value = { (key: String) -> String in
            switch key {
            case "name": form?.name ?? ""
            case "issuer": form?.issuer ?? ""
            case "certificateNumber": form?.certificateNumber ?? ""
            case "obtainedOn": form?.obtainedOn ?? ""
            case "score": form?.score ?? ""
            case "hours": form?.hours ?? ""
            case "credits": form?.credits ?? ""
            default: ""
            }
        }
        var fields: [NewOutcomePage.Field] = [
            .init(name: "name", id: "f-name", label: "成果名称 Name", required: true, value: value("name")),
            .init(name: "issuer", id: "f-issuer", label: "颁发机构 Issuer", required: true, value: value("issuer")),
            .init(
                name: "institutionCode", id: "f-institutionCode", label: "学分银行合作机构（由其审核认定）Partner institution that reviews it",
                choices: [Choice(value: "", label: "不是合作机构 Not a partner institution")]
                    + institutions.map { Choice(value: $0.code, label: $0.name, selected: $0.code == form?.institutionCode) },
                isChoice: true),
            .init(name: "certificateNumber", id: "f-certificateNumber", label: "证书编号 Certificate number", value: value("certificateNumber")),
            .init(name: "obtainedOn", id: "f-obtainedOn", label: "获得日期 Date obtained", type: "date", required: true, value: value("obtainedOn")),
            .init(name: "score", id: "f-score", label: "成绩 Score (0–100)", type: "number", value: value("score")),
            .init(name: "hours", id: "f-hours", label: "学时 Hours", type: "number", value: value("hours")),
            .init(name: "credits", id: "f-credits", label: "原学分 Original credits", type: "number", value: value("credits")),
        ]
        for field in subtype.fields {
            let typed = form?.attributes?[field.key] ?? ""
            var input = NewOutcomePage.Field(
                name: "attributes[\(field.key)]", id: "f-\(field.key)", label: field.label, required: field.required, value: typed)
            switch field.kind {
            case .text: break
            case .date: input.type = "date"
            case .number: input.type = "number"
            case .choice(let options):
                input.isChoice = true
                input.choices = [Choice(value: "", label: "请选择 Choose")] + options.map { Choice(value: $0, label: $0, selected: $0 == typed) }
            }
            fields.append(input)
        }
        model.fields = fields
        return model
    }

    func addOutcomeByForm(_ request: Request, _ context: LearnerPageContext) async throws -> Response {
        let form = try await request.decode(as: OutcomeForm.self, context: context)
        do {
            let outcome: Outcome
            if form.mode == "catalog" {
                guard let id = form.catalogId.flatMap({ Int64($0) }) else {
                    throw CreditBankError.invalid(field: "catalogId", reason: "choose an outcome of the catalog")
                }
                outcome = try await service.addOutcome(
                    CatalogChoice(
                        catalogEntryID: CatalogEntryID(id), obtainedOn: Self.blankToNil(form.obtainedOn),
                        score: try Self.number(form.score, field: "score"), certificateNumber: Self.blankToNil(form.certificateNumber)),
                    for: context.learner.id)
            } else {
                outcome = try await service.addOutcome(try manualOutcome(form), for: context.learner.id)
            }
            return PageSession.redirect("/me/outcomes/\(outcome.id)?done=added")
        } catch let error as CreditBankError {
            var model = try await newOutcomePage(subtype: form.subtype, search: nil, form: form)
            if let field = error.field, let index = model.fields.firstIndex(where: { $0.name == field || $0.name == "attributes[\(field.dropFirst("attributes.".count))]" }) {
                model.fields[index].problem = error.reason
            } else {
                model.problem = Self.pageMessage(error)
            }
            return page(model, for: context, status: error.field == nil ? .conflict : .unprocessableContent)
        }
    }

    /// The hand-entry form's fields as the core takes them.
    /// - Throws: `.invalid` naming `subtype`, `score`, `hours` or `credits`.
    func manualOutcome(_ form: OutcomeForm) throws -> ManualOutcome {
        guard let subtype = service.subtypes.subtype(code: form.subtype ?? "") else {
            throw CreditBankError.invalid(field: "subtype", reason: "choose the type of the outcome")
        }
        let credits = try Self.blankToNil(form.credits).map { text in
            guard let credits = Credits(text) else { throw CreditBankError.invalid(field: "credits", reason: "'\(text)' is not a number of credits") }
            return credits
        }
        return ManualOutcome(
            category: subtype.category.rawValue, subtype: subtype.code, name: form.name ?? "", issuer: form.issuer ?? "",
            institutionCode: Self.blankToNil(form.institutionCode), certificateNumber: Self.blankToNil(form.certificateNumber),
            obtainedOn: form.obtainedOn ?? "", score: try Self.number(form.score, field: "score"),
            hours: try Self.number(form.hours, field: "hours").map { Int($0) }, credits: credits,
            attributes: (form.attributes ?? [:]).filter { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty })
    }

    /// The edit page of a registered outcome: the hand-entry form filled with its fields.
    func editOutcomePage(_ id: OutcomeID, _ context: LearnerPageContext, form: OutcomeForm?) async throws -> NewOutcomePage {
        let fields = try await service.editableFields(of: id, for: context.learner.id)
        let filled =
            form
            ?? OutcomeForm(
                mode: "manual", catalogId: nil, subtype: fields.subtype, name: fields.name, issuer: fields.issuer,
                institutionCode: fields.institutionCode, certificateNumber: fields.certificateNumber, obtainedOn: fields.obtainedOn,
                score: fields.score?.formatted, hours: fields.hours.map(String.init), credits: fields.credits?.description,
                attributes: fields.attributes)
        var model = try await newOutcomePage(subtype: fields.subtype, search: nil, form: filled)
        model.editing = true
        model.action = "/me/outcomes/\(id)/edit"
        return model
    }

    static func blankToNil(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return text
    }

    static func number(_ text: String?, field: String) throws(CreditBankError) -> Double? {
        guard let text = blankToNil(text) else { return nil }
        guard let value = Double(text), value.isFinite else { throw .invalid(field: field, reason: "'\(text)' is not a number") }
        return value
    }

    func outcomeDetail(_ id: OutcomeID, _ context: LearnerPageContext, notice: String?) async throws -> OutcomeDetailPage {
        let (outcome, reviews) = try await service.outcome(id, of: context.learner.id)
        let rules = try await service.rules(for: id, of: context.learner.id)
        let subtype = service.subtypes.subtype(code: outcome.subtype)
        var lines: [OutcomeDetailPage.Line] = [
            .init(label: "类别 Category", value: "\(outcome.category.chineseName) · \(subtype?.chineseName ?? outcome.subtype)"),
            .init(label: "颁发机构 Issuer", value: outcome.issuer),
            .init(label: "获得日期 Obtained", value: outcome.obtainedOn.description),
        ]
        if let number = outcome.certificateNumber { lines.append(.init(label: "证书编号 Certificate", value: number)) }
        if let score = outcome.score { lines.append(.init(label: "成绩 Score", value: score.formatted)) }
        if let hours = outcome.hours { lines.append(.init(label: "学时 Hours", value: String(hours))) }
        if let original = outcome.originalCredits { lines.append(.init(label: "原学分 Original credits", value: original.description)) }
        lines.append(.init(label: "学分银行学分 Bank credits", value: outcome.credits?.description ?? "—"))
        for field in subtype?.fields ?? [] {
            if let value = outcome.attributes[field.key] { lines.append(.init(label: field.label, value: value)) }
        }
        let files = try await service.evidence(of: .outcome(id), for: .learner(context.learner)).enumerated().map { index, file in
            OutcomeDetailPage.File(
                href: "/me/evidence/\(file.id)", label: "材料 \(index + 1)（\(file.format.rawValue.uppercased())，\(max(1, file.byteCount / 1024)) KB）",
                isImage: file.format != .pdf)
        }
        return OutcomeDetailPage(
            title: outcome.name, id: outcome.id.description, status: outcome.status.rawValue, statusName: outcome.status.chineseName,
            sourceName: outcome.source.chineseName, lines: lines,
            reviews: reviews.map {
                .init(
                    stageName: $0.stage.chineseName, decisionName: $0.decision == .approve ? "通过" : "不通过", reviewerName: $0.reviewerName,
                    opinion: $0.opinion, decidedOn: LocalDate($0.decidedAt).description)
            },
            hasReviews: !reviews.isEmpty,
            rules: rules.map { .init(id: $0.rule.id.description, code: $0.rule.code, name: $0.rule.name, credits: $0.rule.grantedCredits.description, used: $0.used) },
            hasRules: !rules.isEmpty, registered: outcome.status == .registered, waiting: outcome.status == .recognitionRequested,
            reportable: outcome.source != .learner, caseConvertible: outcome.category == .informal && outcome.status == .stored,
            evidenceList: (subtype?.evidence ?? []).map { .init(label: $0.label, required: $0.required) },
            hasEvidenceList: !(subtype?.evidence ?? []).isEmpty, files: files, hasFiles: !files.isEmpty,
            canUpload: EvidenceSubject.acceptsEvidence(outcome), evidenceMissing: subtype?.needsEvidence == true && files.isEmpty,
            notice: notice)
    }
}
