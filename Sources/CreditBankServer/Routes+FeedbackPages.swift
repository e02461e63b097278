import CreditBankCore
import Foundation
import Hummingbird

/// The learner's problem reports (问题反馈, docs/product.md §1, §8).
extension BankServer {
    /// The problem types of the platform manual (seed 002 §4).
    static let problemTypes = ["姓名有误", "身份证号有误", "证书编号有误", "发证日期有误", "个人照片有误", "成果名称有误", "其他"]

    func addFeedbackPages(_ me: GroupRoutes<LearnerPageContext>) {
        me.add(.get, "/feedback") { request, context in
            let query = request.uri.queryParameters
            var model = try await feedbackPage(
                context.learner, status: query["status"].map(String.init), outcome: query["outcome"].map(String.init), form: nil)
            if query["done"] == "sent" { model.notice = "已提交，处理结果将通过消息通知您。Sent: the answer will come as a message." }
            return page(model, for: context)
        }
        me.add(.post, "/feedback") { request, context in
            // A multipart form (the optional PDF); the CSRF token travels in the form's address.
            let form = try await feedbackForm(request)
            do {
                guard let outcome = form.outcomeId.flatMap({ Int64($0) }) else {
                    throw CreditBankError.invalid(field: "outcomeId", reason: "选择有问题的成果。Choose the outcome.")
                }
                _ = try await service.reportProblem(
                    outcome: OutcomeID(outcome), problems: form.problems ?? [], description: form.description ?? "",
                    attachment: form.file.map { [UInt8]($0) }, for: context.learner.id)
                return PageSession.redirect("/me/feedback?done=sent")
            } catch let error as CreditBankError {
                var model = try await feedbackPage(context.learner, status: nil, outcome: form.outcomeId, form: form)
                switch error.field {
                case "outcomeId": model.outcomeProblem = error.reason
                case "problems": model.problemsProblem = "请至少选择一种问题。Tick at least one problem (\(error.reason))."
                case "description": model.descriptionProblem = "请说明问题。Describe the problem (\(error.reason))."
                case "file": model.fileProblem = "反馈文件只支持 PDF。The file must be a PDF (\(error.reason))."
                default: model.outcomeProblem = Self.pageMessage(error)
                }
                return page(model, for: context, status: .unprocessableContent)
            }
        }
        me.add(.get, "/feedback/{id}/file") { _, context in
            let bytes = try await service.feedbackAttachment(try context.parameters.id(), for: .learner(context.learner))
            return Self.pdfInline(bytes, name: "feedback.pdf")
        }
    }

    /// The feedback form: multipart with its optional PDF, or URL-encoded from a client without the file.
    func feedbackForm(_ request: Request) async throws -> FeedbackForm {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("multipart/form-data") else {
            let body = try await request.body.collect(upTo: settings.jsonBodyLimit)
            do { return try URLEncodedFormDecoder().decode(FeedbackForm.self, from: String(buffer: body)) } catch {
                throw APIError(.badRequest, code: "bad-request", message: "the form could not be read")
            }
        }
        return try await multipartForm(request, as: FeedbackForm.self)
    }

    func feedbackPage(_ learner: Learner, status: String?, outcome: String?, form: FeedbackForm?) async throws -> FeedbackPage {
        let outcomes = try await service.outcomes(of: learner.id).map(\.outcome)
        let names = Dictionary(uniqueKeysWithValues: outcomes.map { ($0.id, $0.name) })
        let chosen = form?.outcomeId ?? outcome
        let reportable = outcomes.filter { $0.source != .learner }.map {
            Choice(value: $0.id.description, label: "\($0.name)（\($0.issuer)，\($0.source.chineseName)）", selected: $0.id.description == chosen)
        }
        let ticked = Set(form?.problems ?? [])
        let filter = Feedback.Status(rawValue: status ?? "")
        let reports = try await service.feedback(of: learner.id).filter { filter == nil || $0.status == filter }.map { report in
            FeedbackPage.Report(
                id: report.id.description, hasFile: report.attachment != nil, outcomeName: names[report.outcomeID] ?? "", problems: report.problems.joined(separator: "、"), description: report.description,
                createdAt: Self.chinaTime(report.createdAt), statusName: report.status == .open ? "未解决 Open" : "已解决 Resolved",
                resolved: report.status == .resolved, reply: report.resolution?.reply, repliedAt: report.resolution.map { Self.chinaTime($0.at) })
        }
        return FeedbackPage(
            reportable: [Choice(value: "", label: "请选择 Choose")] + reportable, hasReportable: !reportable.isEmpty,
            problemTypes: Self.problemTypes.map { Choice(value: $0, label: $0, selected: ticked.contains($0)) },
            description: form?.description ?? "",
            filters: [
                Choice(value: "", label: "全部 All", selected: filter == nil), Choice(value: "open", label: "未解决 Open", selected: filter == .open),
                Choice(value: "resolved", label: "已解决 Resolved", selected: filter == .resolved),
            ],
            reports: reports, hasReports: !reports.isEmpty)
    }
}
