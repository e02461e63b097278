import CreditBankCore
import CreditBankStore
import Foundation

extension StoreBenchCommand {
    /// The uncached verification look-up on one thread, over a registry `seed-registry` built
    /// (`--registry FILE --codes-file FILE`): the store's read of one code (`lookup` of
    /// `registryRecord`), then the service's `verify` of codes it has not cached (read, cache,
    /// count, holder's log entry). Codes in random order; each read once per pass.
    func benchLookups() async throws {
        guard let registry, let codesFile else { throw CLIError("--only lookups needs --registry FILE and --codes-file FILE (seed-registry --db FILE --codes FILE makes both)") }
        let storage = try AppDatabase(path: registry)
        var codes = try String(contentsOfFile: codesFile, encoding: .utf8).split(separator: "\n").map(String.init)
        guard !codes.isEmpty else { throw CLIError("\(codesFile) lists no codes") }
        var random = SystemRandomNumberGenerator()
        codes.shuffle(using: &random)
        let parsed = try codes.map { try VerificationCode(parsing: $0) }
        // The first pass maps the file's pages into the process for the first time; a server that
        // has run a while has them mapped, as in the second.
        for pass in ["first", "second"] {
            let started = ContinuousClock.now
            var found = 0
            for code in parsed where try await storage.lookup({ db in try db.registryRecord(code: code) }) != nil { found += 1 }
            report("store look-up of one code (registryRecord), \(pass) pass", found, of: parsed.count, since: started)
        }

        let service = CreditBankService(storage: storage, renderer: NoRenderer(), settings: .init(baseURL: "https://bank.example.cn"))
        codes.shuffle(using: &random)
        let started = ContinuousClock.now
        var found = 0
        for code in codes {
            if case .found = try await service.verify(code: code, context: LookupContext(channel: .json, clientAddress: "198.51.100.7")) { found += 1 }
        }
        report("service verify, uncached codes (read, cache, count, log)", found, of: codes.count, since: started)
    }

    private func report(_ what: String, _ found: Int, of count: Int, since start: ContinuousClock.Instant) {
        let seconds = Double((ContinuousClock.now - start) / .milliseconds(1)) / 1000
        print(String(format: "%@: %d of %d found in %.2f s = %.1f µs each", what, found, count, seconds, seconds * 1e6 / Double(count)))
    }
}

/// The look-up benchmark renders nothing.
private struct NoRenderer: DocumentRendering {
    var coverage: GlyphCoverage { GlyphCoverage(ranges: []) }
    func render(kind: DocumentKind, language: DocumentLanguage, snapshot: [UInt8]) async throws -> RenderedPDF {
        throw CLIError("the look-up benchmark renders nothing")
    }
}
