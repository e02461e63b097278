import CreditBankCore
import Foundation
import Hummingbird

/// The console's documents: search, one document, revoke with a confirm step, reissue a corrected
/// certificate (docs/product.md §8).
extension BankServer {
    func addStaffDocumentPages(_ staff: GroupRoutes<StaffPageContext>) {
        staff.add(.get, "/documents") { request, context in
            let q = request.uri.queryParameters["q"].map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
            var model = StaffDocumentsPage(q: q, searched: !q.isEmpty, rows: [], hasRows: false)
            guard !q.isEmpty else { return page(model, frame: staffFrame(context)) }
            do {
                let found = try await service.searchDocuments(q, by: context.staff)
                let now = service.clock.now()
                model.rows = found.documents.map { view in
                    let status = view.document.status(at: now)
                    return .init(
                        id: view.document.id.description, code: view.document.code.formatted, kindName: view.document.kind.chineseName,
                        holder: "\(view.holderName)（\(view.holderIDMasked)）", issuedOn: LocalDate(view.document.issuedAt).description,
                        status: status.name, statusName: status.chineseName)
                }
                model.hasRows = !model.rows.isEmpty
                if found.match == .correctedCode {
                    model.matchNote = "验证码有一位输入有误，以下为更正后找到的文书。The code had one wrong symbol; these match it corrected."
                }
            } catch let error as CreditBankError {
                model.qProblem = Self.pageMessage(error)
                model.searched = false
                return page(model, frame: staffFrame(context), status: error.field != nil ? .unprocessableContent : .forbidden)
            }
            return page(model, frame: staffFrame(context))
        }
        staff.add(.get, "/documents/{id}") { request, context in
            var model = try await staffDocumentPage(try context.parameters.id(), context)
            switch request.uri.queryParameters["done"] {
            case "revoked": model.notice = "已撤销；验证页面即时显示。Revoked: the verification page says so now."
            case "reissued": model.notice = "已更正重开，原文书作废。Reissued: this is the corrected document."
            default: break
            }
            return page(model, frame: staffFrame(context))
        }
        staff.add(.get, "/documents/{id}/pdf") { request, context in
            let (document, bytes) = try await service.staffPDF(try context.parameters.id(), make: ByteBuffer.made)
            return Self.pdfDownload(document, bytes, request: request)
        }
        staff.add(.post, "/documents/{id}/revoke") { request, context in
            struct RevokeForm: Decodable { var reason: String?, confirm: String? }
            let id: DocumentID = try context.parameters.id()
            let form = try await request.decode(as: RevokeForm.self, context: context)
            var model = try await staffDocumentPage(id, context)
            model.reason = form.reason ?? ""
            guard context.staff.role == .admin else { throw CreditBankError.forbidden("only administrators revoke documents") }
            guard form.confirm == "yes" else {
                // The confirm step: nothing changes until the reason is confirmed.
                guard !(form.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                    model.problem = "请填写撤销原因。Give the reason."
                    return page(model, frame: staffFrame(context), status: .unprocessableContent)
                }
                model.confirmingRevoke = true
                return page(model, frame: staffFrame(context))
            }
            do {
                _ = try await service.revoke(id, reason: form.reason ?? "", by: context.staff)
                return PageSession.redirect("/staff/documents/\(id)?done=revoked")
            } catch let error as CreditBankError where error.field != nil || error.isConflict {
                model.problem = Self.pageMessage(error)
                return page(model, frame: staffFrame(context), status: error.isConflict ? .conflict : .unprocessableContent)
            }
        }
        staff.add(.post, "/documents/{id}/reissue") { request, context in
            struct ReissueForm: Decodable { var reason: String? }
            let id: DocumentID = try context.parameters.id()
            let form = try await request.decode(as: ReissueForm.self, context: context)
            do {
                let new = try await service.reissue(id, reason: form.reason ?? "", by: context.staff)
                return PageSession.redirect("/staff/documents/\(new.id)?done=reissued")
            } catch let error as CreditBankError where error.field != nil || error.isConflict {
                var model = try await staffDocumentPage(id, context)
                model.problem = Self.pageMessage(error)
                return page(model, frame: staffFrame(context), status: error.isConflict ? .conflict : .unprocessableContent)
            }
        }
    }

    func staffDocumentPage(_ id: DocumentID, _ context: StaffPageContext) async throws -> StaffDocumentPage {
        let view = try await service.staffDocument(id)
        let document = view.document
        var revokedReason: String?
        if case .revoked(let reason, _) = view.status { revokedReason = reason }
        let active = document.revocation == nil && document.supersededBy == nil
        return StaffDocumentPage(
            title: "\(document.kind.chineseName) \(document.code.formatted)", id: document.id.description, code: document.code.formatted,
            kindName: document.kind.chineseName, language: document.language.rawValue, status: view.status.name,
            statusName: view.status.chineseName, holder: view.holderName, holderID: view.holderIDMasked,
            issuedAt: Self.chinaTime(document.issuedAt), template: "\(document.templateName) v\(document.templateVersion)",
            sha256: document.sha256, byteCount: String(document.byteCount), verifications: try await service.verificationCount(of: id),
            expiresOn: document.expiresAt.map { LocalDate($0).description },
            revokedReason: revokedReason, newerCode: view.newerCode?.formatted,
            lines: [.init(label: "持有人 Holder", value: "\(view.summary.holderName)（\(view.summary.holderIDMasked)）")]
                + view.summary.lines.map { .init(label: "\($0.label) \($0.labelEn)", value: $0.value) },
            isAdmin: context.staff.role == .admin, active: active, reissuable: active && document.kind == .conversionCertificate)
    }
}
