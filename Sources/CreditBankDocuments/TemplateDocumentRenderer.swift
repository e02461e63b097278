import CreditBankCore
import DocumentLayout
import DocumentRender
import Foundation

/// The core's `DocumentRendering` port over the project's templates and a pool of renderers
/// (one per core, never on the caller's thread).
///
/// Every released version of every template is loaded: new documents use the current one
/// (`Templates/KIND.LANG.yaml`), and an issued document is re-rendered (batches, `render`) with the
/// version recorded when it was issued, kept in `Templates/released/` — so the same snapshot always
/// gives the same bytes (docs/product.md §3).
public final class TemplateDocumentRenderer: DocumentRendering {
    private let pool: RendererPool
    /// `kind.lang` → the current template.
    private let current: [String: LoadedTemplate]
    /// `kind.lang` → version → template, the current one included.
    private let versions: [String: [Int: LoadedTemplate]]
    public let coverage: GlyphCoverage

    /// Loads and validates every template in `resources/Templates` (current and released versions)
    /// and starts `threads` renderers on `resources/Fonts`.
    /// - Throws: `RenderError` for unusable fonts, `TemplateError` for an invalid template.
    public init(resources: URL, threads: Int = ProcessInfo.processInfo.activeProcessorCount, niceness: Int32 = 0) throws {
        let fonts = resources.appendingPathComponent("Fonts")
        pool = try RendererPool(size: threads, fontsDirectory: fonts, niceness: niceness)
        let probe = try DocumentRenderer(fontsDirectory: fonts)
        coverage = GlyphCoverage(ranges: probe.coveredRanges)
        let loader = TemplateLoader(directory: resources.appendingPathComponent("Templates"), fontFamilies: probe.fontFamilies)
        let available = Set(loader.availableNames())
        var current: [String: LoadedTemplate] = [:]
        var versions: [String: [Int: LoadedTemplate]] = [:]
        for kind in DocumentKind.allCases {
            for language in DocumentLanguage.allCases {
                let name = "\(kind.rawValue).\(language.rawValue)"
                guard available.contains(name) else { continue }
                let template = try loader.load(name)
                current[name] = template
                versions[name, default: [:]][template.template.version] = template
                for version in loader.releasedVersions(of: name) where version != template.template.version {
                    versions[name, default: [:]][version] = try loader.loadReleased(name, version: version)
                }
            }
        }
        self.current = current
        self.versions = versions
    }

    deinit { pool.shutdown() }

    /// The renderers, for batch jobs that stream many documents.
    public var renderers: RendererPool { pool }

    /// The current template for a kind and language (what new documents are issued with).
    /// - Throws: `DocumentRenderingError.noTemplate`.
    public func template(kind: DocumentKind, language: DocumentLanguage) throws(DocumentRenderingError) -> LoadedTemplate {
        guard let template = current["\(kind.rawValue).\(language.rawValue)"] else { throw .noTemplate(kind, language) }
        return template
    }

    /// The template a document was issued with: its kind, language and recorded version.
    /// - Throws: `DocumentRenderingError.noTemplate` or `.noVersion` when that version is not kept.
    public func template(kind: DocumentKind, language: DocumentLanguage, version: Int) throws(DocumentRenderingError) -> LoadedTemplate {
        let name = "\(kind.rawValue).\(language.rawValue)"
        guard let kept = versions[name] else { throw .noTemplate(kind, language) }
        guard let template = kept[version] else { throw .noVersion(name, version, kept: kept.keys.sorted()) }
        return template
    }

    /// Renders an issued document again from its frozen snapshot with the template version recorded
    /// at issue: the signed revision of the stored bytes, byte for byte (the stored file appends the
    /// seal to it as an incremental update; docs/seal.md).
    /// - Throws: `DocumentRenderingError` when that version is not kept; rendering errors.
    public func reproduce(_ document: IssuedDocument) async throws -> [UInt8] {
        let template = try template(kind: document.kind, language: document.language, version: document.templateVersion)
        let data = try TemplateData(json: document.snapshot)
        return try await pool.run { renderer in try renderer.pdf(template, data: data) }
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
    case noVersion(String, Int, kept: [Int])

    public var description: String {
        switch self {
        case .noTemplate(let kind, let language): "no template \(kind.rawValue).\(language.rawValue) in Templates/"
        case .noVersion(let name, let version, let kept):
            "version \(version) of template \(name) is not kept (Templates/released/\(name).v\(version).yaml); kept: "
                + kept.map(String.init).joined(separator: ", ")
        }
    }
}
