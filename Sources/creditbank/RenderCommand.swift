import ArgumentParser
import DocumentLayout
import DocumentRender
import Foundation

/// `creditbank render`: a document from a template and a JSON file, for template authors.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a template with data to PDF (and a PNG preview).",
        discussion: """
            Templates live in Templates/ as NAME.LANG.yaml; a bare kind means its zh template. Earlier released versions \
            are kept in Templates/released/NAME.LANG.vN.yaml: --template-version N renders an issued document's snapshot \
            with the version recorded when it was issued, which gives its stored bytes again.
            """)

    @Option(help: "Template name, e.g. conversion-certificate or conversion-certificate.en.")
    var template: String
    @Option(help: "Render with this released version of the template (default: the current one).")
    var templateVersion: Int?
    @Option(help: "JSON data file (default: the template's sample data).")
    var data: String?
    @Option(help: "Where to write the PDF.")
    var out: String
    @Option(help: "Also write a PNG preview of the first page here.")
    var png: String?
    @Option(help: "Resolution of the PNG preview.")
    var dpi: Double = 110
    @OptionGroup var resources: ResourceOptions

    func validate() throws {
        guard out.hasSuffix(".pdf") else { throw ValidationError("--out must name a .pdf file, got '\(out)'") }
        guard (36...600).contains(dpi) else { throw ValidationError("--dpi must be between 36 and 600") }
    }

    func run() throws {
        let (renderer, loader) = try resources.renderer()
        var loaded: LoadedTemplate
        do {
            loaded = try loader.load(template)
            if let version = templateVersion, version != loaded.template.version {
                loaded = try loader.loadReleased(loaded.template.name, version: version)
            }
        } catch { throw CLIError(error.description) }
        var input = loaded.sample
        if let data {
            guard let bytes = FileManager.default.contents(atPath: data) else { throw CLIError("cannot read data file \(data)") }
            do { input = try TemplateData(json: bytes) } catch { throw CLIError("\(data): \(error)") }
        }
        do {
            let pdf = try renderer.pdf(loaded, data: input)
            try Data(pdf).write(to: URL(fileURLWithPath: out))
            print("wrote \(out) (\(pdf.count) bytes)")
            if let png {
                let image = try renderer.png(loaded, data: input, dpi: dpi)
                try Data(image).write(to: URL(fileURLWithPath: png))
                print("wrote \(png) (\(image.count) bytes)")
            }
        } catch let error as RenderError {
            throw CLIError("\(loaded.template.file): \(error)")
        }
    }
}

/// A failure to report on standard error with exit code 1 (no stack trace, just the sentence).
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
