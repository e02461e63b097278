import CreditBankServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

/// Keeps every log line (message and metadata) in memory.
final class CapturingLogs: Sendable {
    let lines = Mutex<[String]>([])

    struct Handler: LogHandler {
        let sink: CapturingLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            sink.lines.withLock { $0.append("\(event.level) \(event.message) \(all)") }
        }
    }
}

@Suite("Logs")
struct LogPrivacyTests {
    @Test("logs at every level name routes and clients but never an ID number, a phone or a password")
    func noPersonalData() async throws {
        let bank = try await ServerFixture()
        let sink = CapturingLogs()
        var logger = Logger(label: "privacy") { _ in CapturingLogs.Handler(sink: sink) }
        logger.logLevel = .trace
        let app = Application(router: bank.server.router().0, logger: logger)
        let id = ServerFixture.learnerIDs[2]
        try await app.test(.router) { base in
            let client = Client(base: base)
            _ = try await client.request(
                .post, "/api/v1/auth/register",
                json: #"{"name": "张三", "idNumber": "\#(id)", "phone": "13700137000", "password": "Secret2026"}"#)
            _ = try await client.request(.post, "/api/v1/auth/login", json: #"{"login": "\#(id)", "password": "Wrong2026x"}"#)
            _ = try await client.request(.post, "/api/v1/auth/login", json: #"{"login": "13700137000", "password": "Secret2026"}"#)
            _ = try await client.request(
                .post, "/api/v1/auth/register",
                json: #"{"name": "张三", "idNumber": "\#(id)", "phone": "13700137000", "password": "Secret2026"}"#)
        }
        let text = sink.lines.withLock { $0.joined(separator: "\n") }
        #expect(text.contains("/api/v1/auth/login"))
        #expect(text.contains("login refused"))
        for secret in [id, "13700137000", "Secret2026", "Wrong2026x"] {
            #expect(!text.contains(secret), "\(secret) appears in the logs")
        }
    }
}
