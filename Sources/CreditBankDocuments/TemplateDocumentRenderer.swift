import CreditBankCore
import DocumentLayout
import DocumentRender
import Foundation

/// The core's `DocumentRendering` port over the project's templates and a pool of renderers
/// (one per core, never on the caller's thread).
public final class TemplateDocumentRenderer: DocumentRendering {
    private let pool: RendererPool
    private let templates: [String: LoadedTemplate]

    /// Loads and validates every template in `resources/Templates` and starts `threads` renderers on `resources/Fonts`.
    /// - Throws: `RenderError` for unusable fonts, `TemplateError` for an invalid template.
    public init(resources: URL, threads: Int = ProcessInfo.processInfo.activeProcessorCount, niceness: Int32 = 0) throws {
        let fonts = resources.appendingPathComponent("Fonts")
        pool = try RendererPool(size: threads, fontsDirectory: fonts, niceness: niceness)
        let families = try DocumentRenderer(fontsDirectory: fonts).fontFamilies
        let loader = TemplateLoader(directory: resources.appendingPathComponent("Templates"), fontFamilies: families)
        let available = Set(loader.availableNames())
        var templates: [String: LoadedTemplate] = [:]
        for kind in DocumentKind.allCases {
            for language in DocumentLanguage.allCases {
                let name = "\(kind.rawValue).\(language.rawValue)"
                if available.contains(name) { templates[name] = try loader.load(name) }
            }
        }
        self.templates = templates
    }

    deinit { pool.shutdown() }

    /// The renderers, for batch jobs that stream many documents.
    public var renderers: RendererPool { pool }

    /// The loaded template for a kind and language.
    /// - Throws: `DocumentRenderingError.noTemplate`.
    public func template(kind: DocumentKind, language: DocumentLanguage) throws(DocumentRenderingError) -> LoadedTemplate {
        guard let template = templates["\(kind.rawValue).\(language.rawValue)"] else { throw .noTemplate(kind, language) }
        return template
    }

    public func render(kind: DocumentKind, language: DocumentLanguage, snapshot: [UInt8]) async throws -> RenderedPDF {
        let template = try template(kind: kind, language: language)
        let data = try TemplateData(json: Data(snapshot))
        let bytes = try await pool.run { renderer in try renderer.pdf(template, data: data) }
        return RenderedPDF(bytes: bytes, templateName: template.template.name, templateVersion: template.template.version)
    }
}

/// Why a document could not be rendered.
public enum DocumentRenderingError: Error, CustomStringConvertible {
    case noTemplate(DocumentKind, DocumentLanguage)

    public var description: String {
        switch self {
        case .noTemplate(let kind, let language): "no template \(kind.rawValue).\(language.rawValue) in Templates/"
        }
    }
}
