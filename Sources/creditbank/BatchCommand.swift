import ArgumentParser
import CreditBankBatch
import CreditBankCore
import CreditBankDocuments
import Foundation

/// `creditbank batch`: prints the valid documents of one kind into one PDF or a ZIP with a
/// manifest, with a progress bar; interrupted, the same command resumes.
struct BatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch", abstract: "Print a batch of issued documents into one PDF or a ZIP of PDFs with a manifest.",
        discussion: """
            Prints every document of --kind that is valid now (not revoked, superseded or expired), in issue order,
            optionally only those of one institution (for a certificate: the institution granting the credits; for a
            proof or transcript: an institution where the holder has a stored outcome) and issued from/to the given days.
            pdf: one printable file, each document re-rendered from its frozen data and starting on a new page.
            zip: the stored PDFs themselves (their SHA-256 is what verification knows) and manifest.csv.
            Work is kept in OUT.parts/ until the output is complete: after Ctrl-C or a kill, run the same command again
            and it goes on where it stopped; the result is the same bytes as an uninterrupted run.
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var resources: ResourceOptions
    @Option(help: "Document kind: conversion-certificate, outcome-proof or transcript.")
    var kind: String
    @Option(help: "Only documents of this institution (code).")
    var institution: String?
    @Option(help: "Only documents issued on or after this day (yyyy-MM-dd, China time).")
    var from: String?
    @Option(help: "Only documents issued on or before this day (yyyy-MM-dd, China time).")
    var to: String?
    @Option(help: "Output file.")
    var out: String
    @Option(help: "pdf (one printable file) or zip (the stored PDFs and manifest.csv).")
    var format: String = "pdf"
    @Option(help: "Renderer threads (default: one per core).")
    var renderers: Int = ProcessInfo.processInfo.activeProcessorCount
    @Flag(help: "Discard an interrupted batch in OUT.parts/ and start afresh.")
    var restart = false

    func run() async throws {
        guard let format = BatchFormat(rawValue: format) else { throw ValidationError("--format must be pdf or zip") }
        let output = URL(fileURLWithPath: out)
        let work = URL(fileURLWithPath: out + ".parts")
        let service = try await database.service(resources: resources, threads: max(1, renderers))
        guard let renderer = service.renderer as? TemplateDocumentRenderer else { throw CLIError("no renderer") }
        let printer = BatchPrinter(service: service, renderer: renderer)
        // Installed before the plan is written, so that an interruption at any point says how to resume.
        let display = ProgressDisplay(terminal: isatty(STDERR_FILENO) == 1)
        let interrupt = InterruptNotice(work: work, display: display)
        defer { interrupt.cancel() }
        let plan: BatchPlan
        do {
            let selection = try BatchSelection(kind: kind, institutionCode: institution, from: from, to: to)
            let planned = try await printer.plan(selection, format: format, work: work, restart: restart)
            plan = planned.plan
            if planned.resumed { FileHandle.standardError.write(Data("resuming the interrupted batch in \(work.path)\n".utf8)) }
        } catch let error as CreditBankError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(error.exitCode)
        } catch let error as BatchError {
            throw CLIError(error.description)
        }
        let started = Date()
        try await printer.print(plan, work: work, output: output) { progress in display.show(progress) }
        let seconds = Date().timeIntervalSince(started)
        let size = (try? FileManager.default.attributesOfItem(atPath: output.path)[.size] as? Int) ?? 0
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        print(
            String(
                format: "wrote %@: %d %@ (%@), %.1f MB in %.1f s, peak RSS %.0f MB", output.path, plan.documents.count,
                plan.selection.kind.rawValue, format.rawValue, Double(size) / 1e6, seconds, Double(usage.ru_maxrss) / 1024))
    }
}

/// Progress on standard error: a bar redrawn in place on a terminal, plain lines (every 10 % or
/// 5 s) otherwise, so that logs stay readable.
final class ProgressDisplay: @unchecked Sendable {  // @unchecked: state guarded by `lock`.
    private let terminal: Bool
    private let lock = NSLock()
    private let start = Date()
    private var firstDone: Int?
    private var lastLine = Date.distantPast
    private var lastTenth = -1
    private(set) var latest: BatchProgress?

    init(terminal: Bool) { self.terminal = terminal }

    func show(_ progress: BatchProgress) {
        lock.lock()
        defer { lock.unlock() }
        latest = progress
        if firstDone == nil { firstDone = progress.done }
        let elapsed = Date().timeIntervalSince(start)
        let rate = elapsed > 0.2 ? Double(progress.done - (firstDone ?? 0)) / elapsed : 0
        let left = rate > 0 ? Double(progress.total - progress.done) / rate : nil
        let status: String
        switch progress.phase {
        case .printing:
            status = String(format: "%d/%d  %.0f/s  %@", progress.done, progress.total, rate, left.map { Self.duration($0) + " left" } ?? "")
        case .assembling: status = "\(progress.total)/\(progress.total)  assembling the output"
        case .finished: status = "\(progress.total)/\(progress.total)  done in \(Self.duration(elapsed))"
        }
        if terminal {
            let width = 30
            let filled = progress.total > 0 ? width * progress.done / progress.total : width
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            FileHandle.standardError.write(Data("\r\u{1B}[2K[\(bar)] \(status)".utf8))
            if progress.phase == .finished { FileHandle.standardError.write(Data("\n".utf8)) }
        } else {
            let tenth = progress.total > 0 ? 10 * progress.done / progress.total : 10
            guard progress.phase != .printing || tenth > lastTenth || Date().timeIntervalSince(lastLine) >= 5 else { return }
            lastTenth = tenth
            lastLine = Date()
            FileHandle.standardError.write(Data("batch: \(status)\n".utf8))
        }
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 60 ? String(format: "%d:%02d", s / 60, s % 60) : "\(s) s"
    }
}

/// On Ctrl-C (SIGINT) or SIGTERM: says how to resume and exits; finished parts stay in the work folder.
final class InterruptNotice {
    private let sources: [any DispatchSourceSignal]

    init(work: URL, display: ProgressDisplay) {
        var sources: [any DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                let done = display.latest.map { "\($0.done) of \($0.total) documents are done; " } ?? ""
                FileHandle.standardError.write(
                    Data("\ninterrupted: \(done)run the same command again to resume (work kept in \(work.path))\n".utf8))
                exit(130)
            }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    func cancel() {
        for source in sources { source.cancel() }
    }
}
