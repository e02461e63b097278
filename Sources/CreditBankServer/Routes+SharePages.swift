import CreditBankCore
import Foundation
import Hummingbird

/// Share links (docs/product.md §4): the holder's `/me/shares`, and `/s/{token}` for anyone with the link.
extension BankServer {
    func addSharePages(public_: GroupRoutes<PublicPageContext>, me: GroupRoutes<LearnerPageContext>) {
        me.add(.get, "/shares") { request, context in
            var model = try await sharesPage(context)
            if request.uri.queryParameters["done"] == "withdrawn" { model.notice = "已撤回，链接立即失效。Withdrawn: the link no longer opens." }
            return page(model, for: context)
        }
        me.add(.post, "/shares") { request, context in
            struct ShareForm: Decodable { var documentId: String?, days: String?, maxViews: String? }
            let form = try await request.decode(as: ShareForm.self, context: context)
            var model = try await sharesPage(context)
            do {
                guard let days = Int(form.days ?? "") else { throw CreditBankError.invalid(field: "days", reason: "must be 1 to 90 days") }
                let maxViews = try Self.blankToNil(form.maxViews).map { text throws(CreditBankError) -> Int in
                    guard let n = Int(text) else { throw .invalid(field: "maxViews", reason: "must be 1 to 1000") }
                    return n
                }
                let (_, token) = try await service.createShareLink(
                    document: DocumentID(Int64(form.documentId ?? "") ?? 0), days: days, maxViews: maxViews, for: context.learner.id)
                model = try await sharesPage(context)
                model.newLink = service.settings.baseURL + "/s/" + token
                return page(model, for: context)
            } catch let error as CreditBankError where error.field != nil {
                if error.field == "days" { model.daysProblem = error.reason } else { model.maxViewsProblem = error.reason }
                return page(model, for: context, status: .unprocessableContent)
            }
        }
        me.add(.get, "/verifications") { _, context in
            let lookups = try await service.lookups(of: context.learner.id)
            let rows = lookups.map { entry in
                VerificationsPage.Row(
                    at: SnapshotCoding.timestamp(entry.lookup.at).replacingOccurrences(of: "T", with: " ").prefix(19).description,
                    document: entry.kind.chineseName, code: entry.code.formatted,
                    channel: "\(entry.lookup.channel.chineseName) \(entry.lookup.channel.rawValue)", network: entry.lookup.network)
            }
            return page(VerificationsPage(rows: rows, hasRows: !rows.isEmpty, total: rows.count), for: context)
        }
        me.add(.post, "/shares/{id}/withdraw") { _, context in
            try await service.withdrawShareLink(try context.parameters.id(), for: context.learner.id)
            return PageSession.redirect("/me/shares?done=withdrawn")
        }
        public_.add(.get, "/s/{token}") { request, context in
            let token = context.parameters.get("token") ?? ""
            do {
                // A HEAD request (a link checker, a preview) is not a view.
                let shared = try await service.openShareLink(
                    token, countView: request.method == .get, context: try await lookupContext(request, context, .share))
                return page(sharedPage(shared, token: token), frame: frame(for: context.visitor))
            } catch let gone as ShareLinkGone {
                return page(
                    ProblemPage(
                        title: "链接已失效", message: "此分享链接\(gone.state.chineseName)，无法再打开。This share link is \(gone.state.rawValue).",
                        back: "/v"),
                    frame: frame(for: context.visitor), status: .gone)
            }
        }
        public_.add(.get, "/s/{token}/pdf") { request, context in
            let token = context.parameters.get("token") ?? ""
            do {
                let shared = try await service.openShareLink(token, countView: false)
                let (document, bytes) = try await service.pdf(of: shared.document.id, holder: nil, make: ByteBuffer.made)
                return Self.pdfDownload(document, bytes, request: request)
            } catch let gone as ShareLinkGone {
                throw APIError(.gone, code: "gone", message: "this share link is \(gone.state.rawValue)")
            }
        }
    }

    func sharesPage(_ context: LearnerPageContext) async throws -> SharesPage {
        let now = service.clock.now()
        let links = try await service.shareLinks(of: context.learner.id).map { link, document in
            let state = link.state(at: now)
            return SharesPage.Link(
                id: link.id.description, document: document.kind.chineseName, code: document.code.formatted,
                createdOn: LocalDate(link.createdAt).description, expiresOn: LocalDate(link.expiresAt).description,
                views: link.maxViews.map { "\(link.views) / \($0)" } ?? String(link.views), state: state == .open ? "valid" : "expired",
                stateName: "\(state.chineseName) \(state.rawValue)", open: state == .open)
        }
        let documents = try await service.documents(of: context.learner.id).filter { $0.status(at: now) == .valid }
        return SharesPage(
            links: links, hasLinks: !links.isEmpty,
            documents: documents.map { Choice(value: $0.id.description, label: "\($0.kind.chineseName) \($0.code.formatted)") },
            hasDocuments: !documents.isEmpty)
    }

    func sharedPage(_ shared: SharedDocument, token: String) -> SharedPage {
        let answer = shared.answer
        return SharedPage(
            token: token, kindName: answer.kind.chineseName, code: answer.code.formatted,
            statusName: "\(answer.status.chineseName) \(Self.englishStatus(answer.status))", tone: answer.status == .valid ? "valid" : "revoked",
            holderName: answer.summary.holderName, holderIdMasked: answer.summary.holderIDMasked, issuer: answer.issuerName,
            issuedOn: LocalDate(answer.issuedAt).description, sha256: answer.sha256,
            lines: answer.summary.lines.map { .init(label: $0.label, labelEn: $0.labelEn, value: $0.value) },
            expiresOn: LocalDate(shared.link.expiresAt).description,
            viewsLeft: shared.link.maxViews.map { String(max(0, $0 - shared.link.views)) })
    }
}
