import ArgumentParser
import CreditBankCore
import DocumentLayout
import DocumentRender
import Foundation

/// `creditbank bench`: the document engine's figures (build with `-c release`).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure certificate rendering: warm ms per document, cold process, bytes, pages/s, both cores, peak RSS.")

    @Option(help: "Certificates to time in the warm single-thread run.")
    var documents = 1000
    @Option(help: "Pages in the many-page single PDF.")
    var pages = 1000
    @Option(help: "Cold process runs (each renders one certificate in a fresh process).")
    var coldRuns = 10
    @Flag(help: "Only the many-page single PDF (the batch benchmark's reference rate).")
    var manyPageOnly = false
    @OptionGroup var resources: ResourceOptions

    func run() async throws {
        let root = try resources.root()
        let fonts = root.appendingPathComponent("Fonts")
        let renderer = try DocumentRenderer(fontsDirectory: fonts)
        let loader = TemplateLoader(directory: root.appendingPathComponent("Templates"), fontFamilies: renderer.fontFamilies)
        let template = try loader.load("conversion-certificate.zh")
        let variations = CertificateVariations(sample: template.sample)
        if manyPageOnly {
            for index in 0..<50 { _ = try renderer.pdf(template, data: variations.data(index)) }
            try manyPages(renderer: renderer, template: template, variations: variations)
            return
        }

        // Warm steady state: one renderer, distinct data per document.
        for index in 0..<50 { _ = try renderer.pdf(template, data: variations.data(index)) }
        var times: [Double] = []
        var bytes = 0
        for index in 0..<documents {
            let start = DispatchTime.now()
            let pdf = try renderer.pdf(template, data: variations.data(50 + index))
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6)
            bytes += pdf.count
        }
        times.sort()
        let mean = times.reduce(0, +) / Double(times.count)
        print(
            String(
                format: "certificate warm, 1 thread: mean %.2f ms, p50 %.2f ms, p95 %.2f ms (%d documents)",
                mean, times[times.count / 2], times[times.count * 95 / 100], documents))
        print(String(format: "certificate size: mean %.1f KB (%d bytes)", Double(bytes) / Double(documents) / 1024, bytes / documents))

        // Layout alone (Pango shaping and measuring, no cairo).
        let layoutStart = DispatchTime.now()
        for index in 0..<documents {
            _ = try renderer.layout(template, data: variations.data(index))
            renderer.discardLayouts()
        }
        let layoutMs = Double(DispatchTime.now().uptimeNanoseconds - layoutStart.uptimeNanoseconds) / 1e6 / Double(documents)
        print(String(format: "of which layout (Pango shaping, no drawing): %.2f ms per certificate", layoutMs))

        // Both cores: a pool renders the same number of documents.
        let pool = try RendererPool(fontsDirectory: fonts)
        _ = try await pool.run { try $0.pdf(template, data: variations.data(0)) }
        let poolStart = DispatchTime.now()
        try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<documents {
                group.addTask { try await pool.run { try $0.pdf(template, data: variations.data(index)).count } }
            }
            for try await _ in group {}
        }
        let poolSeconds = Double(DispatchTime.now().uptimeNanoseconds - poolStart.uptimeNanoseconds) / 1e9
        print(
            String(
                format: "certificates on %d renderer threads: %.0f documents/s (%.2f ms each)",
                pool.size, Double(documents) / poolSeconds, poolSeconds * 1000 / Double(documents)))
        pool.shutdown()

        try manyPages(renderer: renderer, template: template, variations: variations)
        print("peak RSS (this process, all of the above): \(Self.peakRSSMegabytes()) MB")

        try coldRenders(root: root)
    }

    /// One PDF of many pages (a batch): streamed, byte count only; three runs, as this machine is noisy.
    private func manyPages(renderer: DocumentRenderer, template: LoadedTemplate, variations: CertificateVariations) throws {
        var rates: [Double] = []
        var streamed = 0
        for _ in 0..<3 {
            streamed = 0
            let writer = PDFWriter(renderer: renderer) { buffer in
                streamed += buffer.count
                return true
            }
            let manyStart = DispatchTime.now()
            for index in 0..<pages { try writer.append(template, data: variations.data(index)) }
            try writer.finish()
            rates.append(Double(pages) * 1e9 / Double(DispatchTime.now().uptimeNanoseconds - manyStart.uptimeNanoseconds))
        }
        print(
            String(
                format: "%d-page single PDF: median %.0f pages/s (runs: %@), %.1f MB", pages, rates.sorted()[1],
                rates.map { String(format: "%.0f", $0) }.joined(separator: ", "), Double(streamed) / 1_048_576))
    }

    /// Times `creditbank render` as a fresh process, which is what a one-off render costs.
    private func coldRenders(root: URL) throws {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("creditbank-bench-cold.pdf")
        var times: [Double] = []
        for _ in 0..<max(1, coldRuns) {
            let process = Process()
            process.executableURL = executable
            process.arguments = ["render", "--template", "conversion-certificate", "--out", out.path, "--resources", root.path]
            process.standardOutput = FileHandle.nullDevice
            let start = DispatchTime.now()
            try process.run()
            process.waitUntilExit()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6)
            guard process.terminationStatus == 0 else { throw CLIError("cold render failed") }
        }
        times.sort()
        print(
            String(
                format: "cold render as a process (start, fonts, layout, PDF, write): median %.1f ms, min %.1f ms (%d runs)",
                times[times.count / 2], times[0], times.count))
        try? FileManager.default.removeItem(at: out)
    }

    static func peakRSSMegabytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kb = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { return -1 }
        return kb / 1024
    }
}
