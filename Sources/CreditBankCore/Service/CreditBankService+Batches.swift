import Foundation

extension CreditBankService {
    /// The documents a batch prints, in print order (issue time, then id), frozen when the batch is
    /// planned so that a resumed batch prints exactly what it started with.
    /// - Throws: `.invalid(field: "institutionCode")` for an unknown institution, `.invalid(field: "kind")`
    ///   when no document matches (an empty batch is never printed).
    /// The latest issue time among `documents`: the time a one-PDF print of them is sealed with, so
    /// that printing the same documents again gives the same bytes.
    public func latestIssue(of documents: [DocumentID]) async throws -> Date {
        try await storage.read { db in
            try documents.compactMap { try db.document($0)?.issuedAt }.max() ?? Date(timeIntervalSince1970: 0)
        }
    }

    public func batchDocuments(_ selection: BatchSelection) async throws -> [DocumentID] {
        let now = clock.now()
        let documents = try await storage.read { db in
            var institution: InstitutionID?
            if let code = selection.institutionCode {
                guard let found = try db.institution(code: code) else {
                    throw CreditBankError.invalid(field: "institutionCode", reason: "no institution has code \(code)")
                }
                institution = found.id
            }
            let query = BatchQuery(
                kind: selection.kind, institution: institution, issuedFrom: selection.from.map(Self.startOfDay),
                issuedBefore: selection.to.map { Self.startOfDay($0) + 86_400 }, validAt: now)
            return try db.documentIDs(for: query)
        }
        guard !documents.isEmpty else {
            throw CreditBankError.invalid(
                field: "kind", reason: "no valid \(selection.kind.rawValue) matches the selection (institution, from, to)")
        }
        return documents
    }

    /// The records (and, with `withPDF`, the stored bytes) of some batch documents, in the order given.
    /// - Throws: `.notFound` when a document is missing.
    public func batchItems(_ ids: some Collection<DocumentID> & Sendable, withPDF: Bool) async throws -> [BatchItem] {
        try await storage.read { db in
            var names: [LearnerID: String] = [:]
            return try ids.map { id in
                let document = try db.require(db.document(id), "document \(id)")
                let name: String
                if let known = names[document.holderID] {
                    name = known
                } else {
                    name = try db.require(db.learner(document.holderID), "learner \(document.holderID)").name.value
                    names[document.holderID] = name
                }
                let pdf = withPDF ? try db.require(db.pdf(of: id), "document \(id)") : nil
                return BatchItem(document: document, holderName: name, pdf: pdf)
            }
        }
    }

    /// Records a batch an administrator asked the server for; the server then prints it.
    /// - Throws: `.forbidden` for anyone but an administrator; `.invalid` for an unknown institution.
    public func requestBatch(_ selection: BatchSelection, format: BatchFormat, by admin: StaffMember) async throws -> (BatchJob, [DocumentID]) {
        guard admin.role == .admin else { throw CreditBankError.forbidden("only administrators print batches") }
        let ids = try await batchDocuments(selection)
        let now = clock.now()
        let job = try await storage.write { db in
            let job = try db.insert(
                BatchJob(
                    id: 0, selection: selection, format: format, status: .queued, done: 0, total: ids.count, requestedBy: admin.id,
                    createdAt: now))
            try db.insert(
                AuditEntry(
                    at: now, by: admin, .batch, "batch \(job.id)",
                    "\(selection.kind.rawValue), \(format.rawValue), \(ids.count) document(s)"
                        + (selection.institutionCode.map { ", institution \($0)" } ?? "")))
            return job
        }
        return (job, ids)
    }

    /// The latest batches, newest first (the console's list).
    /// - Throws: `.forbidden` for anyone but an administrator.
    public func recentBatches(limit: Int, for admin: StaffMember) async throws -> [BatchJob] {
        guard admin.role == .admin else { throw CreditBankError.forbidden("only administrators print batches") }
        return try await storage.read { db in try db.recentBatches(limit: limit) }
    }

    /// A batch job.
    /// - Throws: `.notFound`.
    public func batch(_ id: BatchID) async throws -> BatchJob {
        try await storage.read { db in try db.require(db.batch(id), "batch \(id)") }
    }

    /// Jobs that were queued or running when the server stopped, oldest first.
    public func unfinishedBatches() async throws -> [BatchJob] {
        try await storage.read { db in try db.batches(status: [.queued, .running]) }
    }

    /// Saves a job's progress or outcome; a job that ends gets its finishing time.
    public func saveBatch(_ job: BatchJob) async throws {
        var job = job
        if job.status == .done || job.status == .failed, job.finishedAt == nil { job.finishedAt = clock.now() }
        let saved = job
        try await storage.write { db in try db.update(saved) }
    }

    /// Ends the life of batches that finished more than `retention` ago: done ones become
    /// `expired`. Returns them and the failed ones as old, whose folders the server then removes.
    public func expireBatches(olderThan retention: TimeInterval) async throws -> [BatchJob] {
        let cutoff = clock.now().addingTimeInterval(-retention)
        return try await storage.write { db in
            var ended: [BatchJob] = []
            for var job in try db.batches(status: [.done, .failed]) where (job.finishedAt ?? job.createdAt) < cutoff {
                if job.status == .done {
                    job.status = .expired
                    try db.update(job)
                }
                ended.append(job)
            }
            return ended
        }
    }

    /// Midnight China time at the start of `day`.
    static func startOfDay(_ day: LocalDate) -> Date {
        Calendar.chinaStandard.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
    }
}
