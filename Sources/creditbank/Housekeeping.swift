import CreditBankBatch
import CreditBankCore
import Foundation
import Logging

/// The server's clean-up, at start and then every hour: finished batch files after the retention
/// period, and once a day the evidence files no record refers to (an upload refused or interrupted
/// after its file was stored). Failures are logged and tried again at the next round. With several
/// nodes each clean-up runs on one node at a time: the one that holds its lease (docs/storage.md).
struct Housekeeping {
    let batches: BatchRunner
    let service: CreditBankService
    /// How long a finished batch file stays for download.
    let batchRetention: TimeInterval
    let logger: Logger

    /// Writes the verification counts every minute until the returned task is cancelled, and once more then.
    func startTallyFlush() -> Task<Void, Never> {
        Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(60))
                await flushTally()
            }
            await flushTally()
        }
    }

    func flushTally() async {
        do { try await service.flushVerificationTally() } catch {
            logger.error("writing the verification counts failed; they stay pending", metadata: ["error": "\(error)"])
        }
    }

    /// Every 30 seconds, takes over the batch jobs of a node that stopped (their lease expired).
    func startBatchAdoption() -> Task<Void, Never> {
        Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(30))
                do { try await batches.resumeUnfinished() } catch {
                    logger.error("looking for unfinished batches failed", metadata: ["error": "\(error)"])
                }
            }
        }
    }

    /// Runs `work` when this node gets the lease `name` (for up to an hour), then gives it back.
    private func alone(_ name: String, _ work: () async -> Void) async {
        do {
            guard try await service.claimLease(name, holder: batches.holder, for: 3600) else { return }
        } catch {
            logger.error("claiming the \(name) lease failed", metadata: ["error": "\(error)"])
            return
        }
        await work()
        try? await service.releaseLease(name, holder: batches.holder)
    }

    /// Runs until the returned task is cancelled.
    func start() -> Task<Void, Never> {
        Task {
            var round = 0
            while !Task.isCancelled {
                await alone("housekeeping-batches") { await sweepBatches() }
                if round % 24 == 0 { await alone("housekeeping-evidence") { await sweepEvidence() } }
                round += 1
                try? await Task.sleep(for: .seconds(3600))
            }
        }
    }

    private func sweepBatches() async {
        do {
            let removed = try await batches.sweep(olderThan: batchRetention)
            if removed > 0 { logger.info("finished batch files removed after the retention period", metadata: ["batches": "\(removed)"]) }
        } catch {
            logger.error("batch clean-up failed", metadata: ["error": "\(error)"])
        }
    }

    private func sweepEvidence() async {
        do {
            let removed = try await service.sweepEvidence()
            if removed > 0 { logger.info("unreferenced evidence files removed", metadata: ["files": "\(removed)"]) }
        } catch {
            logger.error("evidence clean-up failed", metadata: ["error": "\(error)"])
        }
    }
}
