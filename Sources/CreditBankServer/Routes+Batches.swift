import CreditBankBatch
import CreditBankCore
import Foundation
import Hummingbird

extension BankServer {
    struct BatchRequestBody: Decodable { var kind: String, institutionCode: String?, from: String?, to: String?, format: String? }

    /// A batch as the admin routes show it.
    struct BatchBody: Encodable {
        var batchId: BatchID, status: String, done: Int, total: Int, kind: String, format: String
        var institutionCode: String?, from: LocalDate?, to: LocalDate?, failure: String?, createdAt: Date, finishedAt: Date?
        var file: String?

        init(_ job: BatchJob) {
            batchId = job.id
            status = job.status.rawValue
            done = job.done
            total = job.total
            kind = job.selection.kind.rawValue
            format = job.format.rawValue
            institutionCode = job.selection.institutionCode
            from = job.selection.from
            to = job.selection.to
            failure = job.failure
            createdAt = job.createdAt
            finishedAt = job.finishedAt
            file = job.status == .done ? "/api/v1/admin/batches/\(job.id)/file" : nil
        }
    }

    func addBatchRoutes(_ routes: RouteTable) {
        routes.add(.post, "/api/v1/admin/batches") { request, _ in
            let admin = try await admin(request)
            guard let batches else { throw APIError(.serviceUnavailable, code: "unavailable", message: "batch printing is not configured") }
            let body = try await request.decodeJSON(BatchRequestBody.self, limit: settings.jsonBodyLimit)
            let selection = try BatchSelection(kind: body.kind, institutionCode: body.institutionCode, from: body.from, to: body.to)
            guard let format = BatchFormat(rawValue: body.format ?? "pdf") else { throw APIError.invalid("format", "must be pdf or zip") }
            let (job, documents) = try await service.requestBatch(selection, format: format, by: admin)
            try await batches.start(job, documents: documents)
            return try JSONResponse.make(
                BatchBody(job), status: .accepted, headers: [.location: "/api/v1/admin/batches/\(job.id)"])
        }

        routes.add(.get, "/api/v1/admin/batches/{id}") { request, context in
            _ = try await admin(request)
            return try JSONResponse.make(BatchBody(try await service.batch(try context.parameters.id())))
        }

        routes.add(.get, "/api/v1/admin/batches/{id}/file") { request, context in
            _ = try await admin(request)
            guard let batches else { throw APIError(.serviceUnavailable, code: "unavailable", message: "batch printing is not configured") }
            let job = try await service.batch(try context.parameters.id())
            if job.status == .expired {
                throw APIError(
                    .gone, code: "expired",
                    message: "the file of batch \(job.id) was removed after the retention period; request the batch again")
            }
            guard job.status == .done else {
                throw CreditBankError.conflict("batch \(job.id) is \(job.status.rawValue) (\(job.done) of \(job.total) documents); the file is ready when it is done")
            }
            let path = batches.file(of: job).path
            let body = try await FileIO().loadFile(path: path, context: context)
            let name = "batch-\(job.id)-\(job.selection.kind.rawValue).\(job.format.rawValue)"
            return Response(
                status: .ok,
                headers: [
                    .contentType: job.format.mediaType, .cacheControl: "private, no-store",
                    .contentDisposition: "attachment; filename=\"\(name)\"",
                ],
                body: body)
        }
    }
}
