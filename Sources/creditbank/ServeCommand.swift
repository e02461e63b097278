import ArgumentParser
import CreditBankBatch
import CreditBankCore
import CreditBankDocuments
import CreditBankServer
import CreditBankStore
import Foundation
import Hummingbird
import Logging

/// `creditbank serve`: the HTTP service of docs/product.md §5 until SIGINT or SIGTERM (then it finishes the
/// requests in flight and stops).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the HTTP service (JSON API and verification pages).")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var resources: ResourceOptions
    @Option(help: "Port to listen on.")
    var port: Int = 8080
    @Option(help: "Address to listen on (0.0.0.0 for every interface).")
    var host: String = "127.0.0.1"
    @Option(help: "Public look-ups per minute per client; 0 turns the limit off (benchmarks).")
    var rateLimit: Int = 60
    @Option(help: "Address of a reverse proxy whose X-Forwarded-For names the client (repeatable).")
    var trustedProxy: [String] = []
    @Option(help: "Renderers working at once (default: one per core).")
    var renderers: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Address that may read /metrics on a direct connection (repeatable; default: loopback).")
    var metricsFrom: [String] = ["127.0.0.1", "::1"]
    @Option(help: "Days a finished batch file is kept for download before it is removed.")
    var batchRetentionDays: Int = 7

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be 1 to 65535") }
        guard rateLimit >= 0 else { throw ValidationError("--rate-limit must be 0 or more") }
        guard (1...3650).contains(batchRetentionDays) else { throw ValidationError("--batch-retention-days must be 1 to 3650") }
        guard URL(string: database.baseURL)?.scheme?.hasPrefix("http") == true else {
            throw ValidationError("--base-url must be an http(s) URL, e.g. https://bank.example.cn")
        }
    }

    func run() async throws {
        let level = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in ServerLogHandler(label: label, level: level) }
        let logger = Logger(label: "creditbank")
        let root = try resources.root()
        let store = try await database.open()
        let renderer = try TemplateDocumentRenderer(resources: root, threads: max(1, renderers), niceness: 10)
        let service = CreditBankService(
            storage: store, renderer: MeteredRenderer(renderer), settings: .init(baseURL: database.baseURL),
            subtypes: try resources.outcomeTypes(),
            evidenceFiles: database.evidenceFiles, sealer: try database.seal())
        // Batches get renderers of their own at a lower priority, so that they never queue in front
        // of a document being issued and requests always preempt them.
        let batchRenderer = try TemplateDocumentRenderer(resources: root, threads: max(1, renderers), niceness: 15)
        let batches = BatchRunner(
            printer: BatchPrinter(service: service, renderer: batchRenderer),
            folder: database.batchFolder)
        try await batches.resumeUnfinished()
        let housekeeping = Housekeeping(
            batches: batches, service: service, batchRetention: TimeInterval(batchRetentionDays) * 86_400, logger: logger)
        let sweeper = housekeeping.start()
        let tally = housekeeping.startTallyFlush()
        let adoption = housekeeping.startBatchAdoption()
        // Another node's revocation reaches this node's verification cache (PostgreSQL: LISTEN/NOTIFY).
        let follower = Task { await service.followDocumentChanges() }
        defer {
            sweeper.cancel()
            follower.cancel()
            adoption.cancel()
        }
        var serverSettings = ServerSettings(publicLookupsPerMinute: rateLimit, trustedProxies: Set(trustedProxy), metricsClients: Set(metricsFrom))
        serverSettings.batchRetention = TimeInterval(batchRetentionDays) * 86_400
        if case .postgresql = try database.location { serverSettings.sharedLookupLimit = true }
        let server = try BankServer(
            service: service, settings: serverSettings,
            resources: root, batches: batches)
        logger.info(
            "creditbank serving",
            metadata: [
                "address": "http://\(host):\(port)", "baseURL": "\(database.baseURL)", "db": "\(DatabaseOptions.redacted(database.db))", "rateLimit": "\(rateLimit)",
            ])
        try await server.application(host: host, port: port, logger: logger).runService()
        // The counts of the last seconds, written before the process ends.
        tally.cancel()
        await housekeeping.flushTally()
    }
}
