import CreditBankCore
import Foundation
import Synchronization

/// Runs the batches administrators ask the server for, one at a time in the background, in
/// `folder/<id>/` (plan and parts, then `batch-<id>.pdf|zip`). Progress is saved to the database
/// about once a second; after a restart, `resumeUnfinished` picks up where the parts stopped.
public actor BatchRunner {
    let printer: BatchPrinter
    let service: CreditBankService
    /// Where each batch gets its own folder.
    public nonisolated let folder: URL
    private var queue: [BatchID] = []
    private var worker: Task<Void, Never>?

    /// A runner printing with `printer` into `folder` (created when needed).
    public init(printer: BatchPrinter, folder: URL) {
        self.printer = printer
        service = printer.service
        self.folder = folder
    }

    /// The finished file of a job.
    public nonisolated func file(of job: BatchJob) -> URL {
        folder.appendingPathComponent("\(job.id)/batch-\(job.id).\(job.format.rawValue)")
    }

    private nonisolated func work(of id: BatchID) -> URL {
        folder.appendingPathComponent("\(id)/parts")
    }

    /// Records the plan of a job just requested and queues it.
    /// - Throws: when the plan cannot be saved.
    public func start(_ job: BatchJob, documents: [DocumentID]) throws {
        let plan = BatchPlan(selection: job.selection, format: job.format, documents: documents)
        try plan.save(in: work(of: job.id))
        enqueue(job.id)
    }

    /// Queues the jobs a previous run of the server left queued or running.
    public func resumeUnfinished() async throws {
        for job in try await service.unfinishedBatches() { enqueue(job.id) }
    }

    /// Removes the folders of batches that ended more than `retention` ago (done ones are marked
    /// `expired`, failed ones lose their parts). Returns how many folders went.
    @discardableResult
    public func sweep(olderThan retention: TimeInterval) async throws -> Int {
        var removed = 0
        for job in try await service.expireBatches(olderThan: retention) {
            let jobFolder = folder.appendingPathComponent("\(job.id)")
            if FileManager.default.fileExists(atPath: jobFolder.path) {
                try FileManager.default.removeItem(at: jobFolder)
                removed += 1
            }
        }
        return removed
    }

    /// Waits until every queued job has ended (tests, shutdown).
    public func drain() async {
        while let worker { await worker.value }
    }

    private func enqueue(_ id: BatchID) {
        queue.append(id)
        guard worker == nil else { return }
        worker = Task { await self.runQueue() }
    }

    private func runQueue() async {
        while !queue.isEmpty {
            let id = queue.removeFirst()
            await run(id)
        }
        worker = nil
    }

    private func run(_ id: BatchID) async {
        guard var job = try? await service.batch(id) else { return }
        do {
            guard let plan = try BatchPlan.load(from: work(of: id)) else {
                throw BatchError.unreadablePlan(work(of: id).path)
            }
            // Queued or interrupted by a restart: what was revoked meanwhile is not printed.
            try await printer.checkStillValid(plan, work: work(of: id))
            job.status = .running
            try await service.saveBatch(job)
            let latest = Mutex(job.done)
            let ticker = Task { [service, job] in
                var saved = job
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(1))
                    let done = latest.withLock { $0 }
                    if done != saved.done {
                        saved.done = done
                        try? await service.saveBatch(saved)
                    }
                }
            }
            defer { ticker.cancel() }
            try await printer.print(plan, work: work(of: id), output: file(of: job)) { progress in
                latest.withLock { $0 = progress.done }
            }
            ticker.cancel()
            _ = await ticker.result
            job.done = job.total
            job.status = .done
            try await service.saveBatch(job)
        } catch {
            job.status = .failed
            job.failure = "\(error)"
            try? await service.saveBatch(job)
        }
    }
}
