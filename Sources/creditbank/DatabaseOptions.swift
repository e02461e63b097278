import ArgumentParser
import CreditBankCore
import CreditBankDocuments
import CreditBankSeal
import CreditBankStore
import Foundation

/// `--db` and `--data-dir` (docs/product.md §6, docs/deploy.md): a SQLite file path, or a PostgreSQL
/// URL; the seal, evidence files and batch outputs live in the data folder — the SQLite file's own
/// folder by default, and with PostgreSQL a folder every node shares, named by `--data-dir`.
struct DatabaseOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The database: a SQLite file, or postgresql://user[:password]@host[:port]/dbname.",
            discussion: "With a PostgreSQL URL, libpq's PG* environment variables (PGHOST, PGPASSWORD, …) fill in what it leaves out."))
    var db: String = "data/creditbank.sqlite"

    @Option(help: "Folder of the seal, evidence files and batch outputs (default: the SQLite file's folder; required with PostgreSQL).")
    var dataDir: String?

    @Option(help: "Base URL printed in QR codes (<base>/v/<code>).")
    var baseURL: String = "http://localhost:8080"

    /// Where the database is.
    enum Location: Equatable {
        case sqlite(path: String)
        case postgresql(url: String)
    }

    /// `--db` read: a `scheme://` value is a URL (PostgreSQL's or refused), anything else a file path.
    /// - Throws: `ValidationError` naming the scheme it does not serve.
    static func location(of db: String) throws -> Location {
        if let colon = db.firstIndex(of: ":"), db[colon...].hasPrefix("://") {
            let scheme = db[..<colon].lowercased()
            guard scheme == "postgresql" || scheme == "postgres" else {
                throw ValidationError(
                    "--db: '\(scheme)://' is not a database this service runs on; give a SQLite file path or a postgresql:// URL")
            }
            return .postgresql(url: db)
        }
        return .sqlite(path: db)
    }

    func validate() throws {
        if case .postgresql = try Self.location(of: db), dataDir == nil {
            throw ValidationError(
                "--data-dir is required with PostgreSQL: the folder (shared by every node) of the seal, evidence files and batch outputs")
        }
    }

    var location: Location {
        get throws { try Self.location(of: db) }
    }

    /// The folder of the seal, evidence files and batch outputs.
    var dataFolder: URL {
        if let dataDir { return URL(fileURLWithPath: dataDir) }
        return URL(fileURLWithPath: db).deletingLastPathComponent()
    }

    /// Opens (creating and migrating) the database.
    func open() async throws -> any CreditBankStorage {
        switch try location {
        case .sqlite: return try openSQLite()
        case .postgresql(let url):
            do { return try await PostgresDatabase(url: url) } catch {
                throw CLIError("cannot open database \(Self.redacted(url)): \(error)")
            }
        }
    }

    /// Opens a SQLite file, for the tools that work on one only.
    /// - Throws: `CLIError` for a PostgreSQL URL or a file that cannot be opened.
    func openSQLite() throws -> AppDatabase {
        guard case .sqlite(let path) = try location else { throw CLIError("this command works on a SQLite file only (--db PATH)") }
        do { return try AppDatabase(path: path) } catch { throw CLIError("cannot open database \(path): \(error)") }
    }

    /// The URL without its password, for messages and logs.
    static func redacted(_ url: String) -> String {
        guard var parts = URLComponents(string: url), parts.password != nil else { return url }
        parts.password = "***"
        return parts.string ?? url
    }

    /// The service over the database, the project's templates, a renderer per core and the bank's
    /// seal (made first when `makeSeal` and there is none: demo and benchmark databases).
    func service(resources: ResourceOptions, threads: Int = ProcessInfo.processInfo.activeProcessorCount, makeSeal: Bool = false) async throws
        -> CreditBankService
    {
        let database = try await open()
        let renderer = try TemplateDocumentRenderer(resources: try resources.root(), threads: threads)
        return CreditBankService(
            storage: database, renderer: renderer, settings: .init(baseURL: baseURL), subtypes: try resources.outcomeTypes(),
            evidenceFiles: evidenceFiles, sealer: try seal(make: makeSeal))
    }

    /// The evidence files in the data folder.
    var evidenceFiles: EvidenceDirectory { EvidenceDirectory(root: dataFolder.appendingPathComponent("evidence")) }

    /// The batch outputs in the data folder.
    var batchFolder: URL { dataFolder.appendingPathComponent("batches") }

    /// The seal folder in the data folder.
    var sealFolder: SealFolder { SealFolder(url: dataFolder.appendingPathComponent("seal")) }

    /// The bank's seal (docs/seal.md); with `make`, one is set up when the data folder has none.
    /// - Throws: `CLIError` naming `creditbank seal init` when there is none.
    func seal(make: Bool = false) throws -> BankSeal {
        do {
            if make && !sealFolder.exists {
                try FileManager.default.createDirectory(at: dataFolder, withIntermediateDirectories: true)
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
