import ArgumentParser
import CreditBankCore
import CreditBankDocuments
import CreditBankSeal
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

    /// The service over the database, the project's templates, a renderer per core and the bank's
    /// seal (made first when `makeSeal` and there is none: demo and benchmark databases).
    func service(resources: ResourceOptions, threads: Int = ProcessInfo.processInfo.activeProcessorCount, makeSeal: Bool = false) throws -> (
        CreditBankService, AppDatabase
    ) {
        let database = try open()
        let renderer = try TemplateDocumentRenderer(resources: try resources.root(), threads: threads)
        return (
            CreditBankService(
                storage: database, renderer: renderer, settings: .init(baseURL: baseURL), subtypes: try resources.outcomeTypes(),
                evidenceFiles: EvidenceDirectory(besideDatabase: db), sealer: try seal(make: makeSeal)),
            database
        )
    }

    /// The seal folder beside the database.
    var sealFolder: SealFolder { SealFolder(besideDatabase: db) }

    /// The bank's seal (docs/seal.md); with `make`, one is set up when the data folder has none.
    /// - Throws: `CLIError` naming `creditbank seal init` when there is none.
    func seal(make: Bool = false) throws -> BankSeal {
        do {
            if make && !sealFolder.exists {
                try FileManager.default.createDirectory(
                    at: URL(fileURLWithPath: db).deletingLastPathComponent(), withIntermediateDirectories: true)
                return try sealFolder.create(issuer: CreditBankService.Settings().issuerName)
            }
            return try sealFolder.load()
        } catch let error as SealError { throw CLIError(error.description) }
    }

    /// The seal when there is one, for commands that only check signatures.
    func sealIfAny() throws -> any DocumentSealing {
        sealFolder.exists ? try seal() : NoSeal()
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
