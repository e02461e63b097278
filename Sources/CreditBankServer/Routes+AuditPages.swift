import CreditBankCore
import Foundation
import Hummingbird

/// `/staff/audit`: the administrators' view of the audit log, and its CSV export (docs/product.md §2).
extension BankServer {
    static let auditPageSize = 50

    /// The filter a query string names; an unknown action is no filter.
    func auditFilter(_ request: Request) -> AuditFilter {
        let query = request.uri.queryParameters
        return AuditFilter(
            action: query["action"].flatMap { AuditAction(rawValue: String($0)) },
            staff: query["staff"].map { String($0).trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 },
            from: query["from"].flatMap { LocalDate(String($0)) }, to: query["to"].flatMap { LocalDate(String($0)) })
    }

    static func queryString(_ filter: AuditFilter) -> String {
        var parts: [String] = []
        if let action = filter.action { parts.append("action=\(action.rawValue)") }
        if let staff = filter.staff { parts.append("staff=\(staff.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")") }
        if let from = filter.from { parts.append("from=\(from)") }
        if let to = filter.to { parts.append("to=\(to)") }
        return parts.joined(separator: "&")
    }

    func auditPage(_ request: Request, _ context: StaffPageContext) async throws -> Response {
        let filter = auditFilter(request)
        let pageNumber = max(1, request.uri.queryParameters["page"].flatMap { Int($0) } ?? 1)
        let offset = min((pageNumber - 1) * Self.auditPageSize, PageRequest.maximumOffset)
        var model = AuditPage(
            rows: [], hasRows: false, total: 0,
            actions: [Choice(value: "", label: "全部 All", selected: filter.action == nil)]
                + AuditAction.allCases.map { Choice(value: $0.rawValue, label: "\($0.chineseName) \($0.rawValue)", selected: $0 == filter.action) },
            staff: filter.staff ?? "", from: filter.from?.description ?? "", to: filter.to?.description ?? "", query: Self.queryString(filter))
        do {
            let found = try await service.auditLog(filter, limit: Self.auditPageSize, offset: offset, for: context.staff)
            model.rows = found.items.map(Self.auditRow)
            model.hasRows = !found.items.isEmpty
            model.total = found.total
            let query = model.query
            model.pager = Pager(page: pageNumber, total: found.total, size: Self.auditPageSize) {
                "/staff/audit?" + (query.isEmpty ? "" : query + "&") + "page=\($0)"
            }
        } catch CreditBankError.invalid(let field, let reason) where field == "staff" {
            model.staffProblem = reason
            return page(model, frame: staffFrame(context), status: .unprocessableContent)
        }
        return page(model, frame: staffFrame(context))
    }

    static func auditRow(_ entry: AuditEntry) -> AuditPage.Row {
        AuditPage.Row(
            at: chinaTime(entry.at), actor: entry.actor, actionName: "\(entry.action.chineseName) \(entry.action.rawValue)",
            subject: entry.subject, detail: entry.detail)
    }

    /// Every entry the filter finds, as UTF-8 CSV with a byte-order mark (so spreadsheets read the Chinese).
    func auditCSV(_ request: Request, _ context: StaffPageContext) async throws -> Response {
        let found = try await service.auditLog(auditFilter(request), limit: 100_000, offset: 0, for: context.staff)
        var csv = "\u{FEFF}id,time,staff,action,subject,detail\r\n"
        for entry in found.items {
            let fields = [
                entry.id.description, SnapshotCoding.timestamp(entry.at), entry.actor, entry.action.rawValue, entry.subject, entry.detail,
            ]
            csv += fields.map(Self.csvField).joined(separator: ",") + "\r\n"
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8", .cacheControl: "private, no-store",
                .contentDisposition: "attachment; filename=\"audit-log.csv\"",
            ],
            body: .init(byteBuffer: ByteBuffer(string: csv)))
    }

    /// A CSV field, quoted when it holds a comma, quote or line break; a leading = + - @ is
    /// neutralised so that a spreadsheet never runs it as a formula.
    static func csvField(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
