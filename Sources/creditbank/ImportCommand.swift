import ArgumentParser
import CreditBankCore
import Foundation

/// `creditbank import catalog|rules FILE.csv`: all-or-nothing imports from spreadsheets.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import the catalog or conversion rules from a CSV file (UTF-8, with or without BOM).",
        discussion: """
            catalog columns: institutionCode, category, subtype, name, code, credits[, hours, level, major]
            rules columns:   code, name, description, sources (INST:CODE;…), minScore, target (INST:CODE), credits, ratio,
                             validFrom, validTo, published
            Chinese column names (机构代码, 成果名称, 学分, …) are accepted. Nothing is written unless every row is good;
            importing the same file again changes nothing.
            """)

    @Argument(help: "What to import: catalog or rules.")
    var what: String
    @Argument(help: "The CSV file.")
    var file: String
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var resources: ResourceOptions

    func validate() throws {
        guard ["catalog", "rules"].contains(what) else { throw ValidationError("say what to import: catalog or rules (got '\(what)')") }
    }

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CLIError("\(file) is not UTF-8; save it from the spreadsheet as CSV UTF-8")
        }
        let printable = NoRendering(coverage: try resources.coverage())
        let service = CreditBankService(storage: try await database.open(), renderer: printable, subtypes: try resources.outcomeTypes())
        let started = Date()
        do {
            let table = try CSVTable(text)
            let report =
                what == "catalog"
                ? try await service.importCatalog(ImportCSV.catalog(table)) : try await service.importRules(ImportCSV.rules(table))
            let seconds = Date().timeIntervalSince(started)
            print("\(file): \(report.inserted) added, \(report.unchanged) already present (\(String(format: "%.1f", seconds)) s)")
        } catch let failure as ImportFailure {
            FileHandle.standardError.write(Data("\(file): nothing imported; fix these rows:\n\(failure)\n".utf8))
            throw ExitCode(65)
        } catch let error as CSVError {
            throw CLIError("\(file): \(error)")
        }
    }
}

/// A renderer for commands that never issue documents but check what will be printed.
struct NoRendering: DocumentRendering {
    /// The characters the fonts can print (see `ResourceOptions.coverage()`); commands that store
    /// nothing printable pass `.everything`.
    let coverage: GlyphCoverage

    init(coverage: GlyphCoverage = .everything) { self.coverage = coverage }

    func render(kind: DocumentKind, language: DocumentLanguage, snapshot: [UInt8]) async throws -> RenderedPDF {
        throw CLIError("this command does not render documents")
    }
}
