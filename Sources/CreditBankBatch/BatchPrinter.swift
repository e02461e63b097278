import CreditBankCore
import CreditBankDocuments
import DocumentLayout
import DocumentRender
import Foundation

/// How far a batch has come.
public struct BatchProgress: Sendable {
    public enum Phase: Sendable { case printing, assembling, finished }
    /// Documents whose part is written, and in all.
    public var done: Int
    public var total: Int
    public var phase: Phase
}

/// Prints batches (docs/product.md §3, §6): a plan of issued documents becomes one printable PDF (each
/// document re-rendered from its frozen snapshot, starting on a new page) or a ZIP of the stored
/// PDFs — the very bytes whose hashes verification knows — with a `manifest.csv`.
///
/// Work happens in parts of a few dozen documents, rendered on every renderer thread at once and
/// each written to the work folder under a temporary name, then renamed: a part that exists is
/// finished. Interrupted at any moment, the same batch run again skips the finished parts; the
/// output is assembled from the parts in order, so it is byte-identical to an uninterrupted run.
/// At most one part per renderer (plus one being fetched) is in memory at a time.
public struct BatchPrinter: Sendable {
    let service: CreditBankService
    let renderer: TemplateDocumentRenderer

    /// A printer reading from `service` and rendering with `renderer`'s templates and threads.
    public init(service: CreditBankService, renderer: TemplateDocumentRenderer) {
        self.service = service
        self.renderer = renderer
    }

    /// The plan of `selection`: the one saved in `work` when the same batch was interrupted there,
    /// otherwise a new one (saved before anything is printed).
    /// - Parameter restart: throw away an interrupted batch in `work` and start afresh.
    /// - Throws: `BatchError` when `work` holds a different batch;
    ///   `CreditBankError.invalid` for a bad selection or one that matches no document.
    public func plan(_ selection: BatchSelection, format: BatchFormat, work: URL, restart: Bool) async throws -> (
        plan: BatchPlan, resumed: Bool
    ) {
        if restart { try? FileManager.default.removeItem(at: work) }
        let saved: BatchPlan?
        do { saved = try BatchPlan.load(from: work) } catch { throw BatchError.unreadablePlan(work.path) }
        if let saved {
            guard saved.version == BatchPlan.currentVersion, saved.selection == selection, saved.format == format else {
                throw BatchError.differentBatch(work.path)
            }
            try await checkStillValid(saved, work: work)
            return (saved, true)
        }
        let documents = try await service.batchDocuments(selection)
        let plan = BatchPlan(selection: selection, format: format, documents: documents)
        try plan.save(in: work)
        return (plan, false)
    }

    /// Refuses to go on with a plan some of whose documents were revoked, superseded or expired
    /// since it was made: a resumed batch must not print them.
    /// - Throws: `BatchError.documentsWithdrawn`.
    public func checkStillValid(_ plan: BatchPlan, work: URL) async throws {
        let valid: Set<DocumentID>
        do { valid = Set(try await service.batchDocuments(plan.selection)) } catch CreditBankError.invalid { valid = [] }
        let withdrawn = plan.documents.count { !valid.contains($0) }
        guard withdrawn == 0 else { throw BatchError.documentsWithdrawn(work.path, count: withdrawn) }
    }

    /// Prints the parts of `plan` not yet in `work`, assembles `output` (written under a temporary
    /// name, then renamed) and removes `work`.
    /// - Throws: storage, rendering or file errors; finished parts stay for the next run.
    public func print(_ plan: BatchPlan, work: URL, output: URL, progress: @escaping @Sendable (BatchProgress) -> Void) async throws {
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let total = plan.documents.count
        var pending: [Int] = []
        var done = 0
        for part in 0..<plan.partCount {
            if FileManager.default.fileExists(atPath: partFile(part, plan.format, in: work).path) {
                done += plan.documents(ofPart: part).count
            } else {
                pending.append(part)
            }
        }
        progress(BatchProgress(done: done, total: total, phase: .printing))
        let inFlight = renderer.renderers.size + 1
        try await withThrowingTaskGroup(of: Int.self) { group in
            var next = 0
            while next < pending.count && next < inFlight {
                let part = pending[next]
                group.addTask { try await self.printPart(part, of: plan, in: work) }
                next += 1
            }
            for try await count in group {
                done += count
                progress(BatchProgress(done: done, total: total, phase: .printing))
                if next < pending.count {
                    let part = pending[next]
                    group.addTask { try await self.printPart(part, of: plan, in: work) }
                    next += 1
                }
            }
        }
        progress(BatchProgress(done: total, total: total, phase: .assembling))
        let issuer = service.settings.issuerName
        let sealer = plan.format == .pdf ? service.sealer : nil
        let signedAt = plan.format == .pdf ? try await service.latestIssue(of: plan.documents) : Date()
        try await renderer.renderers.run { _ in
            // A one-PDF print is sealed once, as a whole, before it is moved into place (docs/seal.md);
            // a ZIP holds the stored PDFs, each already sealed.
            try BatchAssembler(plan: plan, work: work, issuer: issuer).assemble(into: output) { path in
                try sealer?.sealFile(at: path, signedAt: signedAt)
            }
        }
        try? FileManager.default.removeItem(at: work)
        progress(BatchProgress(done: total, total: total, phase: .finished))
    }

    /// Fetches and writes one part; returns its number of documents.
    private func printPart(_ part: Int, of plan: BatchPlan, in work: URL) async throws -> Int {
        let ids = plan.documents(ofPart: part)
        let items = try await service.batchItems(Array(ids), withPDF: plan.format == .zip)
        let file = partFile(part, plan.format, in: work)
        switch plan.format {
        case .pdf:
            // Each document with the template version it was issued with: a batch page is the stored PDF's page.
            let templates = try items.map { item in
                try renderer.template(
                    kind: item.document.kind, language: item.document.language, version: item.document.templateVersion)
            }
            try await renderer.renderers.run { renderer in
                try Self.writePDFPart(items, templates: templates, renderer: renderer, to: file)
            }
        case .zip:
            let firstIndex = part * plan.partSize
            let width = max(4, String(plan.documents.count).count)
            try await renderer.renderers.run { _ in
                try ZipPart.write(items, firstIndex: firstIndex, numberWidth: width, to: file)
            }
        }
        return items.count
    }

    private func partFile(_ part: Int, _ format: BatchFormat, in work: URL) -> URL {
        Self.partFile(part, format, in: work)
    }

    static func partFile(_ part: Int, _ format: BatchFormat, in work: URL) -> URL {
        work.appendingPathComponent(String(format: "part-%06d.%@", part, format == .pdf ? "pdf" : "zipdata"))
    }

    /// Renders the snapshots of `items` into one PDF at `file` (via a temporary file).
    static func writePDFPart(
        _ items: [BatchItem], templates: [LoadedTemplate], renderer: DocumentRenderer, to file: URL
    ) throws {
        let temporary = file.path + ".tmp"
        let output = try FileOutput(path: temporary)
        var failure: FileOutputError?
        let writer = PDFWriter(renderer: renderer) { buffer in
            do { try output.write(buffer) } catch {
                failure = (error as? FileOutputError) ?? FileOutputError(path: temporary, reason: "\(error)")
                return false
            }
            return true
        }
        for (item, template) in zip(items, templates) {
            try writer.append(template, data: try TemplateData(json: item.document.snapshot))
        }
        do { try writer.finish() } catch {
            throw failure ?? error
        }
        try output.close()
        try moveIntoPlace(temporary, file.path)
    }

    static func moveIntoPlace(_ from: String, _ to: String) throws {
        guard rename(from, to) == 0 else { throw FileOutputError(path: to, reason: String(cString: strerror(errno))) }
    }
}

/// Why a batch cannot go on.
public enum BatchError: Error, CustomStringConvertible, Sendable {
    /// The work folder holds an interrupted batch with other options.
    case differentBatch(String)
    case unreadablePlan(String)
    /// Documents of the interrupted batch are no longer valid (revoked, superseded or expired).
    case documentsWithdrawn(String, count: Int)
    /// A stored PDF no longer has the hash recorded when it was issued.
    case damagedDocument(code: String)
    case missingPart(String)

    public var description: String {
        switch self {
        case .differentBatch(let folder):
            "\(folder) holds an interrupted batch with different options; run that batch again to finish it, or pass --restart to discard it"
        case .unreadablePlan(let folder): "\(folder)/plan.json cannot be read; pass --restart to start afresh"
        case .documentsWithdrawn(let folder, let count):
            "\(count) document(s) of the interrupted batch in \(folder) were revoked, superseded or expired since it started; start the batch afresh (--restart on the command line) to print the valid ones"
        case .damagedDocument(let code): "the stored PDF of \(code) does not match its recorded SHA-256; it is not put in the batch"
        case .missingPart(let file): "part \(file) is missing"
        }
    }
}
