import ArgumentParser
import CreditBankCore
import CreditBankStore
import Foundation

/// `creditbank crash-worker`: issues conversion certificates in a loop for the crash test, which
/// kills it with SIGKILL at random moments. After each final approval returns, the document's id,
/// code and hash are appended to `--log` and fsync'd: those documents must survive the kill.
struct CrashWorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crash-worker", abstract: "Issue certificates in a loop (for the crash test).", shouldDisplay: false)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var resources: ResourceOptions
    @Option(help: "File to which every acknowledged document is appended.")
    var log: String
    @Flag(help: "Only create the institutions, catalog, rule and reviewers, then exit.")
    var seed = false

    func run() async throws {
        let service = try await database.service(resources: resources, threads: 1, makeSeal: true)
        let seeder = CertificateSeeder(service: service)
        if seed {
            try await seeder.seedReferenceData()
            _ = try await seeder.context()
            return
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try handle.seekToEnd()
        let context = try await seeder.context()
        var index = 0
        while true {
            let document = try await seeder.issueOne(index: index, in: context)
            index += 1
            handle.write(Data("\(document.id) \(document.code.canonical) \(document.sha256)\n".utf8))
            try handle.synchronize()
        }
    }
}
