import Foundation
import Testing

/// No subcommand traps: on a demo database, an empty one and bad input, every command ends with an
/// exit code and a sentence, never a signal (a force-unwrapped `nil` is SIGILL/SIGTRAP).
@Suite("Command line: no traps on any database or input")
struct CommandLineTests {
    struct Outcome {
        var status: Int32
        var signalled: Bool
        /// Standard error, then standard output (`verify` answers on standard output).
        var errorText: String
    }

    static func run(_ arguments: [String], input: String? = nil, in directory: URL? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = CrashTests.executable
        if let directory { process.currentDirectoryURL = directory }
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        let errors = Pipe()
        process.standardError = errors
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            + String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal, errorText: text)
    }

    @Test("seed-certificates, batch, verify, import, staff and render on demo, empty and missing data end with a code, not a signal")
    func noTraps() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("creditbank-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let resources = ["--resources", URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path]
        let demo = folder.appendingPathComponent("demo/bank.sqlite").path
        let empty = folder.appendingPathComponent("empty/bank.sqlite").path
        let badCSV = folder.appendingPathComponent("bad.csv")
        try "institutionCode,category\nOUC,hobby\n".write(to: badCSV, atomically: true, encoding: .utf8)
        #expect(try Self.run(["demo", "--db", demo] + resources).status == 0)

        // The case of the report: seed-certificates on a demo database issues certificates.
        let seeded = try Self.run(["seed-certificates", "--db", demo, "--count", "3"] + resources)
        #expect(seeded.status == 0 && !seeded.signalled, "\(seeded.errorText)")

        for db in [demo, empty] {
            let commands: [([String], String?)] = [
                (["seed-certificates", "--db", db, "--count", "1"] + resources, nil),
                (["batch", "--db", db, "--kind", "transcript", "--out", folder.appendingPathComponent("t.pdf").path] + resources, nil),
                (["batch", "--db", db, "--kind", "nope", "--out", folder.appendingPathComponent("n.pdf").path] + resources, nil),
                (["verify", "--db", db, "ABCD-EFGH-JKMN-PQRS"], nil),
                (["verify", "--db", db, badCSV.path], nil),
                (["import", "catalog", badCSV.path, "--db", db] + resources, nil),
                (["import", "rules", folder.appendingPathComponent("missing.csv").path, "--db", db] + resources, nil),
                (["staff", "add", "--db", db, "--role", "institution", "--username", "x1", "--institution", "NOPE"], "Passw0rd2026\n"),
                (["staff", "add", "--db", db, "--role", "admin", "--username", "x2"], ""),
                (["render", "--template", "nope", "--out", folder.appendingPathComponent("r.pdf").path] + resources, nil),
                (["render", "--template", "transcript.zh", "--template-version", "99", "--out", folder.appendingPathComponent("r.pdf").path]
                    + resources, nil),
            ]
            for (arguments, input) in commands {
                let outcome = try Self.run(arguments, input: input)
                #expect(!outcome.signalled, "\(arguments.prefix(2).joined(separator: " ")) on \(db): signal \(outcome.status)\n\(outcome.errorText)")
                if outcome.status != 0 {
                    #expect(!outcome.errorText.isEmpty, "\(arguments.prefix(2)) says why it failed")
                }
            }
        }
    }

    @Test("--db: a URL scheme not served is refused naming it and makes no folder; PostgreSQL without --data-dir is refused; an unreachable server is a sentence")
    func databaseLocations() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("creditbank-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let mysql = try Self.run(["staff", "add", "--db", "mysql://bank@db/bank", "--username", "x", "--role", "admin"], input: "Passw0rd2026\n", in: folder)
        #expect(mysql.status == 64 && mysql.errorText.contains("'mysql://' is not a database this service runs on"), "\(mysql.errorText)")
        let noDataDir = try Self.run(["demo", "--db", "postgresql://bank@127.0.0.1:1/bank"], in: folder)
        #expect(noDataDir.status == 64 && noDataDir.errorText.contains("--data-dir is required with PostgreSQL"), "\(noDataDir.errorText)")
        let unreachable = try Self.run(["verify", "0000-0000-0000-0000", "--db", "postgresql://bank:secret@127.0.0.1:1/bank", "--data-dir", "d"], in: folder)
        #expect(unreachable.status != 0 && !unreachable.signalled)
        #expect(unreachable.errorText.contains("cannot open database postgresql://bank:***@127.0.0.1:1/bank"), "\(unreachable.errorText)")
        #expect(!unreachable.errorText.contains("secret"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "no folder named after the URL")
    }
}
