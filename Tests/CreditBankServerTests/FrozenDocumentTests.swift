import CreditBankBatch
import CreditBankCore
import CreditBankDocuments
import Foundation
import Testing

/// An issued document never changes: after a new template version is released, a batch prints
/// each document with the version it was issued with, and `render` of its snapshot with that
/// version gives the stored bytes exactly.
@Suite("Frozen documents across template versions")
struct FrozenDocumentTests {
    /// A copy of the project's resources (templates copied, fonts linked) that a test may edit.
    static func resourcesCopy() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("creditbank-resources-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Templates"), to: folder.appendingPathComponent("Templates"))
        try FileManager.default.createSymbolicLink(
            at: folder.appendingPathComponent("Fonts"), withDestinationURL: repositoryRoot.appendingPathComponent("Fonts"))
        return folder
    }

    /// Releases version `next` of transcript.zh: keeps the current file in released/ and changes the title.
    static func releaseNewTranscript(in resources: URL, next: Int) throws {
        let templates = resources.appendingPathComponent("Templates")
        let current = templates.appendingPathComponent("transcript.zh.yaml")
        let text = try String(contentsOf: current, encoding: .utf8)
        let version = try #require(text.range(of: "\nversion: \(next - 1)\n"), "the current transcript is version \(next - 1)")
        try text.write(
            to: templates.appendingPathComponent("released/transcript.zh.v\(next - 1).yaml"), atomically: true, encoding: .utf8)
        var edited = text.replacingCharacters(in: version, with: "\nversion: \(next)\n")
        let title = try #require(edited.range(of: "body:\n  - text: 终身学习档案\n"))
        edited.replaceSubrange(title, with: "body:\n  - text: 终身学习档案（新版式）\n")
        try edited.write(to: current, atomically: true, encoding: .utf8)
    }

    @Test("issue, release a new template version, batch: each batch page reads as the stored PDF; render with the recorded version gives the stored bytes")
    func frozenAcrossVersions() async throws {
        let resources = try Self.resourcesCopy()
        defer { try? FileManager.default.removeItem(at: resources) }
        let before = try TemplateDocumentRenderer(resources: resources, threads: 1)
        let bank = try await ServerFixture(renderer: before)
        let old = try await bank.service.issueTranscript(validityMonths: nil, for: bank.learner.id)
        let current = old.templateVersion
        #expect(current == (try before.template(kind: .transcript, language: .zh).template.version))

        // A new version is released; a service over the new templates issues the other learner's transcript with it.
        try Self.releaseNewTranscript(in: resources, next: current + 1)
        let after = try TemplateDocumentRenderer(resources: resources, threads: 2)
        let service = CreditBankService(
            storage: bank.service.storage, renderer: after, clock: bank.clock, settings: bank.service.settings, sealer: bank.service.sealer)
        let new = try await service.issueTranscript(validityMonths: nil, for: bank.otherLearner.id)
        #expect(new.templateVersion == current + 1)
        let (_, oldPDF) = try await service.pdf(of: old.id, holder: nil)
        let (_, newPDF) = try await service.pdf(of: new.id, holder: nil)
        let oldText = try PDFTools.text(oldPDF)
        let newText = try PDFTools.text(newPDF)
        #expect(!oldText.contains("新版式") && newText.contains("终身学习档案（新版式）"))

        // The batch prints both, each as it was issued.
        let work = resources.appendingPathComponent("work")
        let output = resources.appendingPathComponent("batch.pdf")
        let printer = BatchPrinter(service: service, renderer: after)
        let selection = try BatchSelection(kind: "transcript", institutionCode: nil, from: nil, to: nil)
        let (plan, _) = try await printer.plan(selection, format: .pdf, work: work, restart: true)
        #expect(plan.documents == [old.id, new.id])
        try await printer.print(plan, work: work, output: output) { _ in }
        let batchBytes = Array(try Data(contentsOf: output))
        let batchText = try PDFTools.text(batchBytes)
        #expect(batchText == oldText + newText)
        // The print is sealed once, as a whole, and says it is a print of the originals.
        #expect(service.sealer.check(batchBytes).isBankSeal)
        #expect(try PDFTools.run("/usr/bin/pdfinfo", [output.path]).contains("原件的打印件"))

        // The snapshot rendered with its recorded version gives the stored bytes, in process and through
        // `render`: the signed revision, byte for byte, which the stored file extends with the seal.
        let stored = try #require(try await service.storage.read { db in try db.document(old.id) })
        let reproduced = try await after.reproduce(stored)
        #expect(oldPDF.count > reproduced.count + 2_000 && oldPDF.starts(with: reproduced))
        #expect(service.sealer.check(oldPDF).isBankSeal)
        #expect(try service.sealer.seal(reproduced, signedAt: stored.issuedAt) == oldPDF)
        let snapshotFile = resources.appendingPathComponent("snapshot.json")
        try stored.snapshot.write(to: snapshotFile)
        let rendered = resources.appendingPathComponent("again.pdf")
        let status = try Self.runCreditbank([
            "render", "--template", "transcript.zh", "--template-version", "\(stored.templateVersion)", "--data", snapshotFile.path,
            "--out", rendered.path, "--resources", resources.path,
        ])
        #expect(status == 0)
        #expect(Array(try Data(contentsOf: rendered)) == reproduced)
        // The current version is what `render` uses by default: not the stored bytes.
        #expect(try Self.runCreditbank(["render", "--template", "transcript.zh", "--data", snapshotFile.path, "--out", rendered.path, "--resources", resources.path]) == 0)
        #expect(Array(try Data(contentsOf: rendered)) != reproduced)
    }

    @Test("every version of a shipped template below the current one is kept in Templates/released")
    func releasedVersionsKept() throws {
        let renderer = try TemplateDocumentRenderer(resources: repositoryRoot, threads: 1)
        for kind in DocumentKind.allCases {
            for language in DocumentLanguage.allCases {
                let current = try renderer.template(kind: kind, language: language).template.version
                for version in 1...current {
                    let kept = try renderer.template(kind: kind, language: language, version: version)
                    #expect(kept.template.version == version && kept.template.name == "\(kind.rawValue).\(language.rawValue)")
                }
                #expect(throws: DocumentRenderingError.self) { try renderer.template(kind: kind, language: language, version: current + 1) }
            }
        }
    }

    /// Runs the built `creditbank` executable; returns its exit status.
    static func runCreditbank(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("creditbank")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
