import Foundation
import Yams

/// Reads and validates template files from a templates folder.
///
/// Validation happens here, once: every block kind and key is known, every placeholder resolves in
/// the template's sample data, every style names a font that `Fonts/` has, every image exists and
/// every positioned box lies on the page. A template that loads can be laid out with any data of
/// the sample's shape.
public struct TemplateLoader: Sendable {
    /// The block kinds an author may write.
    public static let blockKinds = ["text", "grid", "table", "qr", "image", "rule", "spacer", "row", "page-number", "seal"]

    /// The folder holding `*.yaml` templates, their sample data and images.
    public let directory: URL
    /// Font families the renderer can use (from `Fonts/`).
    public let fontFamilies: Set<String>

    /// Creates a loader for `directory`, accepting fonts of `fontFamilies`.
    public init(directory: URL, fontFamilies: Set<String>) {
        self.directory = directory
        self.fontFamilies = fontFamilies
    }

    /// The template names present in the folder (`conversion-certificate.zh`, …).
    public func availableNames() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Loads `name` (e.g. `conversion-certificate.zh`; a bare kind means its `zh` template).
    /// - Throws: `TemplateError` naming the file, line and column of the first fault.
    public func load(_ name: String) throws(TemplateError) -> LoadedTemplate {
        let fileName = (name.contains(".") ? name : name + ".zh") + ".yaml"
        let url = directory.appendingPathComponent(fileName)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            let known = availableNames().joined(separator: ", ")
            throw TemplateError(
                .unreadable("no template '\(name)' in \(directory.path) (templates: \(known))"),
                at: SourceLocation(file: fileName, line: 1, column: 1))
        }
        return try parse(text, file: fileName)
    }

    /// The folder of released versions that are no longer current (`released/NAME.vN.yaml`).
    public static let releasedFolder = "released"

    /// The versions of `name` (`transcript.zh`) kept in `released/`, oldest first.
    public func releasedVersions(of name: String) -> [Int] {
        let folder = directory.appendingPathComponent(Self.releasedFolder)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let prefix = name + ".v"
        return files.compactMap { file -> Int? in
            guard file.hasPrefix(prefix), file.hasSuffix(".yaml") else { return nil }
            return Int(file.dropFirst(prefix.count).dropLast(5))
        }.sorted()
    }

    /// Loads an earlier released version of `name` from `released/NAME.vVERSION.yaml`; its sample
    /// data and images are those beside the current templates.
    /// - Throws: `TemplateError` when the file is missing, invalid, or says another name or version.
    public func loadReleased(_ name: String, version: Int) throws(TemplateError) -> LoadedTemplate {
        let fileName = "\(Self.releasedFolder)/\(name).v\(version).yaml"
        let location = SourceLocation(file: fileName, line: 1, column: 1)
        guard let text = try? String(contentsOf: directory.appendingPathComponent(fileName), encoding: .utf8) else {
            throw TemplateError(.unreadable("version \(version) of \(name) is not kept in \(directory.path)/\(fileName)"), at: location)
        }
        var loaded = try parse(text, file: fileName)
        guard "\(loaded.template.kind).\(loaded.template.language)" == name, loaded.template.version == version else {
            throw TemplateError(
                .unreadable(
                    "the file says \(loaded.template.kind).\(loaded.template.language) version \(loaded.template.version), "
                        + "its name says \(name) version \(version)"),
                at: location)
        }
        loaded.template.name = name
        return loaded
    }

    /// Parses and validates template source `text` written in `file`.
    /// - Throws: `TemplateError` naming the place and the fault.
    public func parse(_ text: String, file: String) throws(TemplateError) -> LoadedTemplate {
        let reader = YAMLReader(file: file)
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw TemplateError(.syntax("the file is empty"), at: reader.location(nil))
            }
            root = node
        } catch let error as TemplateError {
            throw error
        } catch let error as YamlError {
            throw TemplateError(.syntax(Self.describe(error)), at: Self.location(of: error, file: file))
        } catch {
            throw TemplateError(.syntax("\(error)"), at: reader.location(nil))
        }
        var parser = TemplateParser(reader: reader, loader: self)
        return try parser.parseDocument(root)
    }

    func sample(named name: String, at node: Node, reader: YAMLReader) throws(TemplateError) -> TemplateData {
        let url = directory.appendingPathComponent(name)
        guard let bytes = FileManager.default.contents(atPath: url.path) else {
            throw reader.fail(.badSample("no file '\(name)' beside the template"), node)
        }
        do {
            return try TemplateData(json: bytes)
        } catch {
            throw reader.fail(.badSample("\(name): \(error)"), node)
        }
    }

    func imageExists(_ name: String) -> Bool {
        guard name.lowercased().hasSuffix(".png"), !name.contains("..") else { return false }
        return FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path)
    }

    private static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
            .composer(let context, let problem, _, _):
            return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        default:
            return "\(error)"
        }
    }

    private static func location(of error: YamlError, file: String) -> SourceLocation {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return SourceLocation(file: file, line: mark.line, column: mark.column)
        default:
            return SourceLocation(file: file, line: 1, column: 1)
        }
    }
}

/// A validated template with the sample data it was checked against.
public struct LoadedTemplate: Sendable {
    public var template: DocumentTemplate
    /// The sample data file's contents (what `render` uses without `--data`).
    public var sample: TemplateData
    /// The folder images are read from.
    public var directory: URL
}
