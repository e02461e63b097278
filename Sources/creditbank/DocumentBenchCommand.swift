import ArgumentParser
import CreditBankCore
import CreditBankDocuments
import CreditBankSeal
import CreditBankStore
import Foundation

/// `creditbank bench-documents`: issuing a transcript of many outcomes and an outcome proof, end to
/// end through the service (snapshot read, render on the pool, store with hash), on a scratch database.
struct DocumentBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-documents", abstract: "Benchmark issuing transcripts and outcome proofs (use a release build).")

    @Option(help: "Outcomes on the transcript.")
    var outcomes = 300
    @Option(help: "Transcripts to time.")
    var runs = 20
    @Option(help: "Scratch database (deleted first).")
    var scratch = "/tmp/creditbank-bench-documents.sqlite"
    @OptionGroup var resources: ResourceOptions

    func run() async throws {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: scratch + suffix) }
        let renderer = try TemplateDocumentRenderer(resources: try resources.root())
        let seal = SealFolder(besideDatabase: scratch)
        let service = CreditBankService(
            storage: try AppDatabase(path: scratch), renderer: renderer,
            sealer: seal.exists ? try seal.load() : try seal.create(issuer: CreditBankService.Settings().issuerName))
        let learner = try await service.register(
            .init(name: "阿卜杜热合曼·买买提", idNumber: IDCardNumber.completing("65010219900101123"), phone: "13800138000"), passwordHash: "x")
        let kinds: [(String, String)] = [("academic", "course"), ("non-academic", "training"), ("informal", "social-service")]
        for n in 0..<outcomes {
            let (category, subtype) = kinds[n % 3]
            _ = try await service.addOutcome(
                ManualOutcome(
                    category: category, subtype: subtype, name: "终身学习成果第\(n + 1)项（\(["课程", "培训", "服务"][n % 3])）", issuer: "国家开放大学",
                    obtainedOn: "20\(20 + n % 6)-0\(1 + n % 9)-1\(n % 9)", hours: 16 + n % 40),
                for: learner.id)
        }
        _ = try await service.issueTranscript(validityMonths: nil, for: learner.id)  // warm-up
        var times: [Double] = []
        var pages = 0
        var bytes = 0
        for _ in 0..<runs {
            let started = DispatchTime.now().uptimeNanoseconds
            let document = try await service.issueTranscript(validityMonths: 6, for: learner.id)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
            bytes = document.byteCount
            let pdf = try await service.pdf(of: document.id, holder: learner.id).1
            let text = String(decoding: pdf, as: UTF8.self)
            pages = text.components(separatedBy: "/Type /Page").count - text.components(separatedBy: "/Type /Pages").count
        }
        times.sort()
        // The render alone: the last transcript's frozen snapshot through the renderer pool again.
        let last = try await service.documents(of: learner.id).first { $0.kind == .transcript }!
        var renders: [Double] = []
        for _ in 0..<runs {
            let started = DispatchTime.now().uptimeNanoseconds
            _ = try await renderer.render(kind: .transcript, language: .zh, snapshot: Array(last.snapshot))
            renders.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
        }
        renders.sort()
        // The seal alone (docs/seal.md): a one-page certificate-sized PDF and the transcript, signed again.
        let unsigned = try await renderer.render(kind: .transcript, language: .zh, snapshot: Array(last.snapshot)).bytes
        let sample = try Data(contentsOf: try resources.root().appendingPathComponent("Templates/conversion-certificate.sample.json"))
        let certificate = try await renderer.render(kind: .conversionCertificate, language: .zh, snapshot: Array(sample)).bytes
        for (label, pdf) in [("conversion certificate (1 page)", certificate), ("transcript (\(pages) pages)", unsigned)] {
            var seals: [Double] = []
            var added = 0
            for _ in 0..<max(runs, 50) {
                let started = DispatchTime.now().uptimeNanoseconds
                let sealed = try service.sealer.seal(pdf, signedAt: last.issuedAt)
                seals.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
                added = sealed.count - pdf.count
            }
            seals.sort()
            print(
                String(
                    format: "seal of the %@ (%d bytes): +%d bytes, median %.2f ms, p90 %.2f ms over %d signatures",
                    label, pdf.count, added, seals[seals.count / 2], seals[seals.count * 9 / 10], seals.count))
        }
        print(
            String(
                format:
                    "transcript of %d outcomes, render only (layout + PDF + QR on every page): median %.1f ms, p90 %.1f ms, min %.1f ms",
                outcomes, renders[renders.count / 2], renders[renders.count * 9 / 10], renders[0]))
        print(
            String(
                format:
                    "transcript of %d outcomes (%d pages, %d bytes), issue end to end: median %.1f ms, p90 %.1f ms, min %.1f ms over %d runs",
                outcomes, pages, bytes, times[times.count / 2], times[times.count * 9 / 10], times[0], runs))
    }
}
