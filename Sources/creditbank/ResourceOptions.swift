import ArgumentParser
import CreditBankCore
import CreditBankDocuments
import DocumentLayout
import DocumentRender
import Foundation

/// Where the templates and fonts are: `--resources`, `$CREDITBANK_RESOURCES`, or the first folder
/// holding both `Templates/` and `Fonts/` upwards of the working directory or the executable.
struct ResourceOptions: ParsableArguments {
    @Option(help: "Folder holding Templates/ and Fonts/ (default: found from the working directory or the executable).")
    var resources: String?

    /// The bank's outcome subtypes from Templates/outcome-types.yaml, checked (a fault stops the command).
    func outcomeTypes() throws -> SubtypeRegistry {
        do { return try OutcomeTypesFile.load(resources: try root()) } catch let problem as OutcomeTypesFile.Problem {
            throw CLIError("\(problem)")
        }
    }

    func root() throws -> URL {
        if let explicit = resources ?? ProcessInfo.processInfo.environment["CREDITBANK_RESOURCES"] {
            let url = URL(fileURLWithPath: explicit)
            guard Self.isRoot(url) else { throw ValidationError("\(explicit) has no Templates/ and Fonts/ folders") }
            return url
        }
        let starts = [
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
            URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent(),
        ]
        for start in starts {
            var url = start.standardizedFileURL
            while url.path != "/" {
                if Self.isRoot(url) { return url }
                url.deleteLastPathComponent()
            }
        }
        throw ValidationError("cannot find Templates/ and Fonts/; run from the project folder or pass --resources")
    }

    private static func isRoot(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("Templates").path, isDirectory: &isDirectory)
            && isDirectory.boolValue
            && FileManager.default.fileExists(atPath: url.appendingPathComponent("Fonts").path)
    }

    /// A renderer on the project's fonts and a loader for its templates.
    func renderer() throws -> (DocumentRenderer, TemplateLoader) {
        let root = try root()
        let renderer = try DocumentRenderer(fontsDirectory: root.appendingPathComponent("Fonts"))
        return (renderer, TemplateLoader(directory: root.appendingPathComponent("Templates"), fontFamilies: renderer.fontFamilies))
    }

    /// The characters the project's fonts can print, for commands that check values before storing them.
    func coverage() throws -> GlyphCoverage {
        GlyphCoverage(ranges: try DocumentRenderer(fontsDirectory: try root().appendingPathComponent("Fonts")).coveredRanges)
    }
}
