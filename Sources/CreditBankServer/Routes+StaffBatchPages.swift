import CreditBankBatch
import CreditBankCore
import Foundation
import Hummingbird

/// The console's batches (admins): the form, each batch's progress page, the file (docs/product.md §3).
extension BankServer {
    func addStaffBatchPages(_ staff: GroupRoutes<StaffPageContext>) {
        staff.add(.get, "/batches") { _, context in
            page(try await batchesPage(context, form: nil), frame: staffFrame(context))
        }
        staff.add(.post, "/batches") { request, context in
            struct BatchForm: Decodable { var kind: String?, institutionCode: String?, from: String?, to: String?, format: String? }
            let form = try await request.decode(as: BatchForm.self, context: context)
            guard context.staff.role == .admin else { throw CreditBankError.forbidden("only administrators print batches") }
            guard let batches else { throw APIError(.serviceUnavailable, code: "unavailable", message: "batch printing is not configured") }
            do {
                let selection = try BatchSelection(
                    kind: form.kind ?? "", institutionCode: Self.blankToNil(form.institutionCode), from: Self.blankToNil(form.from),
                    to: Self.blankToNil(form.to))
                let format = BatchFormat(rawValue: form.format ?? "pdf") ?? .pdf
                let (job, documents) = try await service.requestBatch(selection, format: format, by: context.staff)
                try await batches.start(job, documents: documents)
                return PageSession.redirect("/staff/batches/\(job.id)")
            } catch let error as CreditBankError where error.field != nil {
                var model = try await batchesPage(context, form: (form.kind, form.institutionCode, form.from, form.to, form.format))
                switch error.field {
                case "from": model.fromProblem = error.reason
                case "to": model.toProblem = error.reason
                case "institutionCode": model.institutionProblem = error.reason
                default: model.problem = Self.pageMessage(error)
                }
                return page(model, frame: staffFrame(context), status: .unprocessableContent)
            }
        }
        staff.add(.get, "/batches/{id}") { _, context in
            guard context.staff.role == .admin else { throw CreditBankError.forbidden("only administrators print batches") }
            let job = try await service.batch(try context.parameters.id())
            return page(batchPage(job), frame: staffFrame(context))
        }
        staff.add(.get, "/batches/{id}/progress") { _, context in
            guard context.staff.role == .admin else { throw CreditBankError.forbidden("only administrators print batches") }
            let job = try await service.batch(try context.parameters.id())
            let json = #"{"status":"\#(job.status.rawValue)","done":\#(job.done),"total":\#(job.total)}"#
            return Response(
                status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(string: json)))
        }
        staff.add(.get, "/batch-progress.js") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-cache"],
                body: .init(byteBuffer: ByteBuffer(string: Self.batchProgressScript)))
        }
        staff.add(.get, "/batches/{id}/file") { _, context in
            guard context.staff.role == .admin else { throw CreditBankError.forbidden("only administrators print batches") }
            guard let batches else { throw APIError(.serviceUnavailable, code: "unavailable", message: "batch printing is not configured") }
            let job = try await service.batch(try context.parameters.id())
            guard job.status == .done else {
                throw CreditBankError.conflict(
                    job.status == .expired
                        ? "批次 \(job.id) 的文件已过保留期删除，请重新打印。The file was removed after the retention period; print the batch again."
                        : "批次 \(job.id) 尚未完成（\(job.done) / \(job.total)）。The batch is not done yet.")
            }
            let body = try await FileIO().loadFile(path: batches.file(of: job).path, context: context)
            let name = "batch-\(job.id)-\(job.selection.kind.rawValue).\(job.format.rawValue)"
            return Response(
                status: .ok,
                headers: [
                    .contentType: job.format.mediaType, .cacheControl: "private, no-store", .contentDisposition: "attachment; filename=\"\(name)\"",
                ],
                body: body)
        }
    }

    func batchesPage(_ context: StaffPageContext, form: (String?, String?, String?, String?, String?)?) async throws -> BatchesPage {
        let jobs = try await service.recentBatches(limit: 50, for: context.staff)
        let institutions = try await service.institutions()
        return BatchesPage(
            kinds: DocumentKind.allCases.map { Choice(value: $0.rawValue, label: "\($0.chineseName) \($0.rawValue)", selected: $0.rawValue == form?.0) },
            institutions: [Choice(value: "", label: "全部 All")]
                + institutions.map { Choice(value: $0.code, label: $0.name, selected: $0.code == form?.1) },
            from: form?.2 ?? "", to: form?.3 ?? "", pdfChecked: (form?.4 ?? "pdf") != "zip",
            rows: jobs.map { job in
                .init(
                    id: job.id.description, kindName: job.selection.kind.chineseName, format: job.format.rawValue.uppercased(),
                    status: job.status == .done ? "valid" : job.status == .failed ? "failed" : job.status.rawValue,
                    statusName: Self.batchStatusName(job.status), progress: "\(job.done) / \(job.total)", createdAt: Self.chinaTime(job.createdAt),
                    expiresOn: expiry(of: job) ?? "—")
            }, hasRows: !jobs.isEmpty)
    }

    func batchPage(_ job: BatchJob) -> BatchPage {
        let running = job.status == .queued || job.status == .running
        var selection = [job.selection.institutionCode.map { "机构 \($0)" }, job.selection.from.map { "从 \($0)" }, job.selection.to.map { "至 \($0)" }]
            .compactMap { $0 }.joined(separator: " · ")
        if selection.isEmpty { selection = "全部有效文书 Every valid document" }
        return BatchPage(
            title: "批次 #\(job.id)", id: job.id.description, kindName: job.selection.kind.chineseName, format: job.format.rawValue.uppercased(),
            statusName: Self.batchStatusName(job.status), selection: selection, createdAt: Self.chinaTime(job.createdAt), done: job.done,
            total: job.total, percent: job.total == 0 ? 100 : job.done * 100 / job.total, running: running, ready: job.status == .done,
            expiresOn: expiry(of: job), failure: job.failure)
    }

    /// When a finished batch's file is removed.
    func expiry(of job: BatchJob) -> String? {
        guard let finished = job.finishedAt, job.status == .done || job.status == .expired else { return nil }
        return Self.chinaTime(finished.addingTimeInterval(settings.batchRetention))
    }

    /// The batch page's own small script (no framework): asks for the progress every second, moves
    /// the bar and the count, and reloads the page once the batch has ended. Without it the page
    /// still says where the batch stands and has a button to look again.
    static let batchProgressScript = """
        (function () {
          var bar = document.getElementById("batch-progress");
          if (!bar || !bar.dataset.progress) return;
          var count = document.getElementById("batch-count");
          function poll() {
            fetch(bar.dataset.progress, { credentials: "same-origin", cache: "no-store" })
              .then(function (r) { return r.json(); })
              .then(function (p) {
                bar.max = p.total || 1; bar.value = p.done;
                if (count) count.textContent = p.done + " / " + p.total;
                if (p.status === "queued" || p.status === "running") { setTimeout(poll, 1000); } else { location.reload(); }
              })
              .catch(function () { setTimeout(poll, 3000); });
          }
          setTimeout(poll, 1000);
        })();
        """

    static func batchStatusName(_ status: BatchJob.Status) -> String {
        switch status {
        case .queued: "排队中 Queued"
        case .running: "打印中 Running"
        case .done: "已完成 Done"
        case .failed: "失败 Failed"
        case .expired: "文件已删除 File removed"
        }
    }
}
