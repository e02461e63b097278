import CreditBankCore
import Foundation
import Hummingbird

/// The staff console's first pages: sign-in, the start page with the caller's queues, recognitions
/// and the two conversion review stages, decided by form over the same core calls as the API.
extension BankServer {
    func addStaffPages(_ routes: RouteTable) {
        let public_ = routes.pages("/staff")
        public_.add(.get, "/login") { _, context in
            if case .staff = context.visitor?.principal { return PageSession.redirect("/staff") }
            return page(StaffLoginPage(), frame: frame())
        }
        public_.add(.post, "/login") { request, context in
            try await signIn(request, context, staff: true) { login, problem, status in
                page(StaffLoginPage(login: login, problem: problem), frame: frame(), status: status)
            }
        }

        let staff = routes.staffPages("/staff")
        staff.add(.get, "") { _, context in try await staffHome(context) }
        staff.add(.post, "/logout") { _, context in
            try await service.closeSession(token: context.visitor.sessionToken)
            var response = PageSession.redirect("/staff/login")
            response.setCookie(PageSession.clearedCookie(secure: secureCookies))
            return response
        }
        staff.add(.get, "/recognitions") { request, context in
            try await recognitionQueue(context, notice: request.uri.queryParameters["done"] == "decided" ? "已处理。Decided." : nil)
        }
        staff.add(.post, "/recognitions/{id}") { request, context in
            let form = try await request.decode(as: DecisionForm.self, context: context)
            let decision: ReviewRecord.Decision = form.decision == "approve" ? .approve : .reject
            let credits = Self.blankToNil(form.credits).flatMap(Credits.init)
            do {
                _ = try await service.reviewRecognition(
                    try context.parameters.id(), decision: decision, opinion: form.opinion ?? "", credits: credits, by: context.staff)
                return PageSession.redirect("/staff/recognitions?done=decided")
            } catch let error as CreditBankError where error.field != nil {
                return try await recognitionQueue(context, problem: Self.pageMessage(error), status: .unprocessableContent)
            }
        }
        staff.add(.get, "/conversions") { request, context in
            let stage = request.uri.queryParameters["stage"] == "final" ? ConversionReviewStage.final : .initial
            return try await conversionQueue(stage, context, notice: request.uri.queryParameters["done"] == "decided" ? "已处理。Decided." : nil)
        }
        staff.add(.get, "/conversions/{id}") { request, context in
            var model = try await conversionCasePage(try context.parameters.id(), context)
            if let done = request.uri.queryParameters["done"] {
                model.notice =
                    done == "final"
                    ? "终审已完成。The final review is recorded."
                    : done == "material" ? "已上传初审材料。The material is attached." : "初审已完成。The initial review is recorded."
            }
            return page(model, frame: staffFrame(context))
        }
        staff.add(.post, "/conversions/{id}") { request, context in
            let id: ApplicationID = try context.parameters.id()
            let form = try await request.decode(as: DecisionForm.self, context: context)
            let decision: ReviewRecord.Decision = form.decision == "approve" ? .approve : .reject
            do {
                let before = try await service.conversionCase(id, for: context.staff).application.status
                _ = try await service.reviewConversion(id, decision: decision, opinion: form.opinion ?? "", by: context.staff)
                let stage = before == .awaitingFinalReview ? "final" : "initial"
                return PageSession.redirect("/staff/conversions/\(id)?done=\(stage)")
            } catch let error as CreditBankError where error.field != nil || { if case .conflict = error { true } else { false } }() {
                var model = try await conversionCasePage(id, context)
                model.opinion = form.opinion ?? ""
                model.problem = Self.pageMessage(error)
                return page(model, frame: staffFrame(context), status: error.field != nil ? .unprocessableContent : .conflict)
            }
        }
        staff.add(.get, "/audit") { request, context in try await auditPage(request, context) }
        addStaffDocumentPages(staff)
        addStaffBatchPages(staff)
        addStaffRulePages(staff)
        addStaffImportPages(staff)
        addStaffAccountPages(staff)
        staff.add(.get, "/feedback") { request, context in
            let status = request.uri.queryParameters["status"].map(String.init)
            return try await staffFeedback(context, status: status, notice: request.uri.queryParameters["done"] == "replied" ? "已答复，已通知学习者。Replied; the learner is messaged." : nil)
        }
        staff.add(.post, "/feedback/{id}") { request, context in
            struct ReplyForm: Decodable { var reply: String? }
            let form = try await request.decode(as: ReplyForm.self, context: context)
            do {
                _ = try await service.resolveFeedback(try context.parameters.id(), reply: form.reply ?? "", by: context.staff)
                return PageSession.redirect("/staff/feedback?done=replied")
            } catch let error as CreditBankError where error.field != nil || error.isConflict {
                return try await staffFeedback(
                    context, status: "open", problem: Self.pageMessage(error), status: error.isConflict ? .conflict : .unprocessableContent)
            }
        }
        staff.add(.get, "/feedback/{id}/file") { _, context in
            let bytes = try await service.feedbackAttachment(try context.parameters.id(), for: .staff(context.staff))
            return Self.pdfInline(bytes, name: "feedback.pdf")
        }
        staff.add(.get, "/audit.csv") { request, context in try await auditCSV(request, context) }
        staff.add(.get, "/activations") { request, context in
            try await activationQueue(context, notice: request.uri.queryParameters["done"] == "decided" ? "已处理，已通知学习者。Decided; the learner is messaged." : nil)
        }
        staff.add(.get, "/activations/{id}/photo") { _, context in
            let (format, bytes) = try await service.activationPhoto(try context.parameters.id(), for: context.staff)
            return Response(
                status: .ok,
                headers: [.contentType: format.mediaType, .cacheControl: "private, no-store", .init("X-Content-Type-Options")!: "nosniff"],
                body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        staff.add(.post, "/activations/{id}") { request, context in
            struct ActivationDecisionForm: Decodable { var decision: String?, reason: String? }
            let form = try await request.decode(as: ActivationDecisionForm.self, context: context)
            do {
                guard form.decision == "approve" || form.decision == "refuse" else {
                    throw CreditBankError.invalid(field: "decision", reason: "must be approve or refuse")
                }
                _ = try await service.decideActivation(
                    try context.parameters.id(), approve: form.decision == "approve", reason: form.reason ?? "", by: context.staff)
                return PageSession.redirect("/staff/activations?done=decided")
            } catch let error as CreditBankError where error.field != nil || error.isConflict {
                return try await activationQueue(
                    context, problem: Self.pageMessage(error), status: error.isConflict ? .conflict : .unprocessableContent)
            }
        }
        staff.add(.post, "/conversions/{id}/material") { request, context in
            // A multipart upload: the CSRF token travels in the form's address.
            let id: ApplicationID = try context.parameters.id()
            do {
                let file = try await uploadedFile(request, missing: "请选择要上传的文件。Choose the file to upload.")
                _ = try await service.attachReviewMaterial(file.bytes, to: id, by: context.staff)
                return PageSession.redirect("/staff/conversions/\(id)?done=material")
            } catch let error as CreditBankError where error.field != nil || error.isConflict {
                var model = try await conversionCasePage(id, context)
                model.uploadProblem = Self.pageMessage(error)
                return page(model, frame: staffFrame(context), status: error.isConflict ? .conflict : .unprocessableContent)
            } catch let error as APIError where error.field == "file" {
                var model = try await conversionCasePage(id, context)
                model.uploadProblem = error.message
                return page(model, frame: staffFrame(context), status: .unprocessableContent)
            }
        }
        staff.add(.get, "/evidence/{id}") { _, context in
            let (evidence, bytes) = try await service.evidenceFile(try context.parameters.id(), for: .staff(context.staff))
            return Self.evidenceResponse(evidence, bytes)
        }
    }

    /// The frame of a staff page: the staff member's name and the console's navigation.
    func staffFrame(_ context: StaffPageContext) -> PageFrame {
        var frame = frame()
        frame.staffName = context.staff.displayName
        frame.staffSignedIn = true
        frame.csrf = context.visitor.csrf
        switch context.staff.role {
        case .admin: (frame.staffRecognises, frame.staffInitial, frame.staffFinal, frame.staffAdmin) = (true, true, true, true)
        case .institution: (frame.staffRecognises, frame.staffInitial) = (true, true)
        case .expert: frame.staffFinal = true
        }
        return frame
    }

    func staffHome(_ context: StaffPageContext) async throws -> Response {
        let role = context.staff.role
        func recognitions() async throws -> StaffHomePage.Queue {
            .init(label: "成果认定 Recognitions", href: "/staff/recognitions", count: try await service.recognitionQueue(for: context.staff).count)
        }
        func stage(_ stage: ConversionReviewStage) async throws -> StaffHomePage.Queue {
            .init(
                label: stage == .initial ? "转换初审 Initial reviews" : "转换终审 Final reviews", href: "/staff/conversions?stage=\(stage.rawValue)",
                count: try await service.conversionQueue(stage: stage, for: context.staff).count)
        }
        func feedback() async throws -> StaffHomePage.Queue {
            .init(label: "问题反馈 Problem reports", href: "/staff/feedback", count: try await service.feedbackReports(status: .open, for: context.staff).count)
        }
        func activations() async throws -> StaffHomePage.Queue {
            .init(label: "账户激活 Activations", href: "/staff/activations", count: try await service.activationQueue(for: context.staff).count)
        }
        let queues: [StaffHomePage.Queue] =
            switch role {
            case .admin: [try await recognitions(), try await stage(.initial), try await stage(.final), try await activations(), try await feedback()]
            case .institution: [try await recognitions(), try await stage(.initial), try await activations(), try await feedback()]
            case .expert: [try await stage(.final)]
            }
        let roleName =
            switch role {
            case .admin: "管理员 Administrator"
            case .institution: "机构审核员 Institution reviewer"
            case .expert: "评审专家 Review committee expert"
            }
        return page(StaffHomePage(roleName: roleName, queues: queues), frame: staffFrame(context))
    }

    func recognitionQueue(
        _ context: StaffPageContext, notice: String? = nil, problem: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        var cases: [RecognitionQueuePage.Case] = []
        let queue = try await service.recognitionQueue(for: context.staff)
        let names = try await service.learnerNames(Set(queue.map(\.0.learnerID)))
        for (outcome, evidence) in queue {
            let subtype = service.subtypes.subtype(code: outcome.subtype)
            let details = ([outcome.certificateNumber.map { "证书编号 \($0)" }, outcome.score.map { "成绩 \($0.formatted)" },
                outcome.hours.map { "\($0) 学时" }, outcome.originalCredits.map { "原学分 \($0)" }]
                + (subtype?.fields ?? []).map { field in outcome.attributes[field.key].map { "\(field.label) \($0)" } })
                .compactMap { $0 }.joined(separator: " · ")
            cases.append(
                .init(
                    id: outcome.id.description, name: outcome.name, learner: names[outcome.learnerID] ?? "",
                    categoryName: "\(outcome.category.chineseName) · \(subtype?.chineseName ?? outcome.subtype)", issuer: outcome.issuer,
                    obtainedOn: outcome.obtainedOn.description, details: details,
                    evidence: evidence.map {
                        .init(href: "/staff/evidence/\($0.id)", label: "材料 \($0.id)（\($0.format.rawValue)）", isImage: $0.format != .pdf)
                    },
                    hasEvidence: !evidence.isEmpty, suggested: outcome.originalCredits?.description ?? ""))
        }
        return page(
            RecognitionQueuePage(cases: cases, hasCases: !cases.isEmpty, notice: notice, problem: problem), frame: staffFrame(context),
            status: status)
    }

    func staffFeedback(
        _ context: StaffPageContext, status text: String?, notice: String? = nil, problem: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        // Open reports by default: what waits for an answer.
        let filter: Feedback.Status? = text == "all" ? nil : Feedback.Status(rawValue: text ?? "") ?? .open
        let reports = try await service.feedbackReports(status: filter, for: context.staff).map { report, outcome, learner in
            StaffFeedbackPage.Report(
                id: report.id.description, learner: learner, outcomeName: outcome.name, outcomeIssuer: outcome.issuer,
                problems: report.problems.joined(separator: "、"), description: report.description, createdAt: Self.chinaTime(report.createdAt),
                statusName: report.status == .open ? "未解决 Open" : "已解决 Resolved", open: report.status == .open,
                hasFile: report.attachment != nil, reply: report.resolution?.reply, repliedAt: report.resolution.map { Self.chinaTime($0.at) })
        }
        let model = StaffFeedbackPage(
            reports: reports, hasReports: !reports.isEmpty,
            filters: [
                Choice(value: "open", label: "未解决 Open", selected: filter == .open),
                Choice(value: "resolved", label: "已解决 Resolved", selected: filter == .resolved),
                Choice(value: "all", label: "全部 All", selected: filter == nil),
            ], notice: notice, problem: problem)
        return page(model, frame: staffFrame(context), status: status)
    }

    func activationQueue(
        _ context: StaffPageContext, notice: String? = nil, problem: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let queue = try await service.activationQueue(for: context.staff)
        let requests = queue.map { request, learner in
            ActivationQueuePage.Request(
                id: request.id.description, recordName: learner.name.value, requestedName: request.name.value,
                idMasked: learner.idNumber.masked, phoneMasked: request.phone.masked, submittedOn: LocalDate(request.submittedAt).description,
                photoHref: "/staff/activations/\(request.id)/photo")
        }
        return page(
            ActivationQueuePage(requests: requests, hasRequests: !requests.isEmpty, notice: notice, problem: problem), frame: staffFrame(context),
            status: status)
    }

    func conversionQueue(_ stage: ConversionReviewStage, _ context: StaffPageContext, notice: String?) async throws -> Response {
        let cases = try await service.conversionQueue(stage: stage, for: context.staff)
        let model = ConversionQueuePage(
            title: stage == .initial ? "转换初审" : "转换终审", stage: stage.rawValue,
            rows: cases.map {
                .init(
                    id: $0.application.id.description, number: $0.application.number, learner: $0.learnerName,
                    rule: $0.rule.map { "\($0.code) \($0.name)" } ?? "个案认定 Case by case → \($0.target.name)", submittedOn: LocalDate($0.application.submittedAt).description)
            },
            hasRows: !cases.isEmpty, notice: notice)
        return page(model, frame: staffFrame(context))
    }

    func conversionCasePage(_ id: ApplicationID, _ context: StaffPageContext) async throws -> ConversionCasePage {
        let found = try await service.conversionCase(id, for: context.staff)
        let application = found.application
        let decidable: Bool
        switch (context.staff.role, application.status) {
        case (.admin, .submitted), (.admin, .awaitingFinalReview), (.institution, .submitted), (.expert, .awaitingFinalReview): decidable = true
        default: decidable = false
        }
        return ConversionCasePage(
            title: "转换申请 \(application.number)", id: application.id.description, number: application.number,
            learner: "\(found.learnerName)（\(found.learnerIDMasked)）",
            statusName: application.status.chineseName,
            rule: found.rule.map { "\($0.code) \($0.name)" } ?? "个案认定：无适用的转换规则，由初审、终审逐案决定 Case by case: no rule applies",
            target: "\(found.target.name)（\(found.targetInstitutionName)）", granted: found.grantedCredits.description,
            sources: found.sources.map { source in
                let evidence = (found.sourceEvidence[source.id] ?? []).map {
                    RecognitionQueuePage.Evidence(
                        href: "/staff/evidence/\($0.id)", label: "证明 \($0.id)（\($0.format.rawValue)）", isImage: $0.format != .pdf)
                }
                return .init(
                    name: source.name, issuer: source.issuer, obtainedOn: source.obtainedOn.description, score: source.score?.formatted ?? "—",
                    credits: (source.credits ?? source.originalCredits)?.description ?? "—", evidence: evidence, hasEvidence: !evidence.isEmpty)
            },
            reviews: found.reviews.map {
                .init(
                    stageName: $0.stage.chineseName, decisionName: $0.decision == .approve ? "通过" : "不通过", reviewerName: $0.reviewerName,
                    opinion: $0.opinion, decidedOn: LocalDate($0.decidedAt).description)
            },
            hasReviews: !found.reviews.isEmpty,
            material: found.evidence.map {
                .init(href: "/staff/evidence/\($0.id)", label: "材料 \($0.id)（\($0.format.rawValue)）", isImage: $0.format != .pdf)
            },
            hasMaterial: !found.evidence.isEmpty, decidable: decidable, certificateId: application.certificateID?.description,
            canAttach: application.status == .submitted && context.staff.role != .expert)
    }
}
