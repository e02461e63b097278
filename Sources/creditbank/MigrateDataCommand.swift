import ArgumentParser
import CreditBankStore
import Foundation

/// `creditbank migrate-data --from PATH --to postgresql://…` (docs/deploy.md): moves a bank from its
/// SQLite file to an empty PostgreSQL database, in one transaction, and checks the copy.
struct MigrateDataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-data",
        abstract: "Copy a SQLite bank into an empty PostgreSQL database and check every table's count and every PDF's hash.")

    @Option(help: "The SQLite file of the bank.")
    var from: String
    @Option(help: "The empty PostgreSQL database: postgresql://user[:password]@host[:port]/dbname.")
    var to: String

    func validate() throws {
        guard FileManager.default.fileExists(atPath: from) else { throw ValidationError("--from: no file at \(from)") }
        guard case .postgresql = try DatabaseOptions.location(of: to) else { throw ValidationError("--to must be a postgresql:// URL") }
    }

    func run() async throws {
        let source = try DatabaseOptions.parse(["--db", from]).openSQLite()
        let target: PostgresDatabase
        do { target = try await PostgresDatabase(url: to) } catch {
            throw CLIError("cannot open database \(DatabaseOptions.redacted(to)): \(error)")
        }
        let started = Date()
        do {
            let report = try await DataMigration.copy(from: source, to: target) { print("migrate-data: \($0)") }
            let rows = report.rows.reduce(0) { $0 + $1.count }
            print(
                String(
                    format: "migrate-data: %d rows in %d tables copied to %@ and checked (%d PDF hashes) in %.1f s", rows, report.rows.count,
                    DatabaseOptions.redacted(to), report.pdfsChecked, Date().timeIntervalSince(started)))
            print("migrate-data: copy the seal and evidence folders beside \(from) into the --data-dir the nodes share (docs/deploy.md)")
        } catch let failure as DataMigration.Failure {
            throw CLIError(failure.description)
        }
    }
}
