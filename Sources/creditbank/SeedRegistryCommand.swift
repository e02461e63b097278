import ArgumentParser
import CreditBankCore
import CreditBankStore
import Foundation

/// `creditbank seed-registry` (benchmarks only, issue 18): fills the registry with copies of one
/// issued document under fresh random codes and writes the codes, one per line, for the load
/// generator: verification measured over many distinct codes, so the cache seldom answers.
struct SeedRegistryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed-registry", abstract: "Add copies of an issued document's registry row under random codes (benchmarks).",
        shouldDisplay: false)

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Registry rows to add.")
    var count = 200_000
    @Option(help: "File to write the codes to (one per line, canonical form).")
    var codes: String

    func run() async throws {
        let store = try database.openSQLite()
        let service = CreditBankService(storage: store, renderer: NoRendering())
        let selection = try BatchSelection(kind: "conversion-certificate", institutionCode: nil, from: nil, to: nil)
        guard let template = try? await service.batchDocuments(selection).first else {
            throw CLIError("the database has no valid conversion certificate to copy; run `creditbank demo` first")
        }
        let random = SystemRandomSource()
        var made: [VerificationCode] = []
        made.reserveCapacity(count)
        let started = Date()
        var written = 0
        while written < count {
            let chunk = (0..<min(10_000, count - written)).map { _ in VerificationCode.generate(using: random) }
            try store.seedRegistryCopies(of: template, codes: chunk)
            made += chunk
            written += chunk.count
        }
        try Data(made.map(\.canonical).joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: codes))
        print(String(format: "added %d registry rows in %.1f s; codes in %@", count, Date().timeIntervalSince(started), codes))
    }
}
