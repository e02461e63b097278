import CreditBankCore
import Foundation
import Synchronization

/// Runs the batches administrators ask the server for, one at a time in the background, in
/// `folder/<id>/` (plan and parts, then `batch-<id>.pdf|zip`). Progress is saved to the database
/// about once a second; after a restart, `resumeUnfinished` picks up where the parts stopped.
///
/// Several nodes (docs/deploy.md) share the folder and the database: a job runs on the node that
/// holds its lease (`batch-<id>`, renewed while it runs), so on exactly one; a node that stops
/// leaves the lease to expire and another node's next `resumeUnfinished` takes the job over from
/// its finished parts. The file is downloadable from every node.
public actor BatchRunner {
    let printer: BatchPrinter
    let service: CreditBankService
    /// Where each batch gets its own folder.
    public nonisolated let folder: URL
    /// This node, as the holder of batch leases.
    public nonisolated let holder: String
    /// How long a lease lasts without renewal (renewed every tenth of it).
    let leaseSeconds: TimeInterval
    private var queue: [BatchID] = []
    private var worker: Task<Void, Never>?

    /// A runner printing with `printer` into `folder` (created when needed), as node `holder`.
    public init(printer: BatchPrinter, folder: URL, holder: String = BatchRunner.nodeName(), leaseSeconds: TimeInterval = 60) {
        self.printer = printer
        service = printer.service
        self.folder = folder
        self.holder = holder
        self.leaseSeconds = leaseSeconds
    }

    /// This process's name among the nodes: host, process id and a random suffix.
    public static func nodeName() -> String {
        "\(ProcessInfo.processInfo.hostName)/\(ProcessInfo.processInfo.processIdentifier)/\(UInt32.random(in: 0...UInt32.max))"
    }

    static func lease(_ id: BatchID) -> String { "batch-\(id)" }

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

    /// Queues the jobs left queued or running by a previous run of the server or by a node that
    /// stopped (their lease expired); a job another live node runs is skipped when its turn comes.
    public func resumeUnfinished() async throws {
        for job in try await service.unfinishedBatches() where !queue.contains(job.id) { enqueue(job.id) }
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
        // Exactly one node runs a job: the one that holds its lease.
        guard (try? await service.claimLease(Self.lease(id), holder: holder, for: leaseSeconds)) == true else { return }
        guard var job = try? await service.batch(id), job.status == .queued || job.status == .running else {
            try? await service.releaseLease(Self.lease(id), holder: holder)
            return
        }
        defer { Task { [service, holder] in try? await service.releaseLease(Self.lease(id), holder: holder) } }
        do {
            guard let plan = try BatchPlan.load(from: work(of: id)) else {
                throw BatchError.unreadablePlan(work(of: id).path)
            }
            // Queued or interrupted by a restart: what was revoked meanwhile is not printed.
            try await printer.checkStillValid(plan, work: work(of: id))
            job.status = .running
            try await service.saveBatch(job)
            let latest = Mutex(job.done)
            let ticker = Task { [service, job, holder, leaseSeconds] in
                var saved = job
                var renewed = Date()
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(1))
                    if Date().timeIntervalSince(renewed) >= leaseSeconds / 10 {
                        _ = try? await service.claimLease(Self.lease(id), holder: holder, for: leaseSeconds)
                        renewed = Date()
                    }
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
