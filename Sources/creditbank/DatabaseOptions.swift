import ArgumentParser
import CreditBankCore
import CreditBankDocuments
import CreditBankStore
import Foundation

/// `--db PATH` (docs/product.md §6): the SQLite file; files beside it live in the same folder.
struct DatabaseOptions: ParsableArguments {
    @Option(help: "The database file.")
    var db: String = "data/creditbank.sqlite"

    @Option(help: "Base URL printed in QR codes (<base>/v/<code>).")
    var baseURL: String = "http://localhost:8080"

    /// Opens (creating and migrating) the database.
    func open() throws -> AppDatabase {
        do { return try AppDatabase(path: db) } catch { throw CLIError("cannot open database \(db): \(error)") }
    }

    /// The service over the database, the project's templates and a renderer per core.
    func service(resources: ResourceOptions, threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> (
        CreditBankService, AppDatabase
    ) {
        let database = try open()
        let renderer = try TemplateDocumentRenderer(resources: try resources.root(), threads: threads)
        return (
            CreditBankService(
                storage: database, renderer: renderer, settings: .init(baseURL: baseURL), subtypes: try resources.outcomeTypes(),
                evidenceFiles: EvidenceDirectory(besideDatabase: db)),
            database
        )
    }
}

extension CreditBankError {
    /// The command line's exit code for each kind of refusal.
    var exitCode: Int32 {
        switch self {
        case .invalid: 65  // EX_DATAERR
        case .notFound: 66  // EX_NOINPUT
        case .conflict: 75  // EX_TEMPFAIL-like: the state forbids it now
        case .forbidden: 77  // EX_NOPERM
        }
    }
}
