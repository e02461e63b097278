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

    /// How often the pending verification counts and look-ups are written. Often enough that a
    /// write stays short (under load, 5 s of look-ups are tens of thousands of rows, written in a
    /// fraction of a second on the writer's thread) and that the pending look-ups stay far below
    /// `VerificationTally.lookupCapacity`; expired look-ups are dropped once in `tallyRoundsPerSweep`.
    static let tallyFlushInterval: Duration = .seconds(5)
    static let tallyRoundsPerSweep = 720

    /// Writes the verification counts every `tallyFlushInterval` until the returned task is
    /// cancelled, and once more then.
    func startTallyFlush() -> Task<Void, Never> {
        Task {
            var round = 0
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.tallyFlushInterval)
                await flushTally(droppingExpired: round % Self.tallyRoundsPerSweep == 0)
                round += 1
            }
            await flushTally()
        }
    }

    func flushTally(droppingExpired: Bool = true) async {
        let start = ContinuousClock.now
        do {
            let written = try await service.flushVerificationTally(droppingExpired: droppingExpired)
            guard written.documents > 0 || written.lookups > 0 else { return }
            let elapsed = ContinuousClock.now - start
            logger.debug(
                "verification tally written",
                metadata: [
                    "documents": "\(written.documents)", "lookups": "\(written.lookups)",
                    "ms": "\(Int(elapsed / .milliseconds(1)))",
                ])
        } catch {
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
