import CreditBankCore
import CreditBankStore
import Foundation
import GRDB
import Testing

/// Kills a process that issues certificates in a loop with SIGKILL at random moments, then checks
/// that the database is sound and that every document whose issue call returned is there intact.
@Suite("Crash safety")
struct CrashTests {
    /// The `creditbank` executable built beside the test bundle.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent(
            "creditbank")
    }

    static func launch(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test("SIGKILL at 24 random moments loses no acknowledged document and leaves no orphan bytes")
    func killedWhileIssuing() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("creditbank-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("bank.sqlite").path
        let log = folder.appendingPathComponent("issued.log").path
        FileManager.default.createFile(atPath: log, contents: nil)
        let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .path
        let common = ["--db", db, "--log", log, "--resources", resources]
        // Given a seeded database,
        let seed = try Self.launch(["crash-worker", "--seed"] + common)
        seed.waitUntilExit()
        #expect(seed.terminationStatus == 0)
        // when a worker issuing certificates is killed 24 times at random moments,
        var killed = 0
        for _ in 0..<24 {
            let worker = try Self.launch(["crash-worker"] + common)
            try await Task.sleep(for: .milliseconds(Int.random(in: 250...1200)))
            if worker.isRunning {
                kill(worker.processIdentifier, SIGKILL)
                killed += 1
            }
            worker.waitUntilExit()
        }
        #expect(killed >= 20)
        // then the file is sound,
        let database = try AppDatabase(path: db)
        #expect(try database.integrityProblems() == [])
        // every acknowledged document is present with bytes matching its hash,
        let acknowledged = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").filter {
            $0.split(separator: " ").count == 3
        }
        #expect(acknowledged.count >= 20, "the worker issued too few documents to test anything")
        for line in acknowledged {
            let parts = line.split(separator: " ").map(String.init)
            let id = DocumentID(Int64(parts[0])!)
            let (document, pdf) = try await database.read { db in (try db.document(id), try db.pdf(of: id)) }
            #expect(document?.code.canonical == parts[1] && document?.sha256 == parts[2])
            #expect(pdf.map(CreditBankService.sha256) == parts[2])
        }
        // and no row lacks its bytes, no bytes lack their row, and every stored hash matches.
        let (orphans, mismatched) = try await database.execute { db in
            let orphans =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT (SELECT count(*) FROM issued_document d LEFT JOIN document_pdf p ON p.document_id = d.id WHERE p.document_id IS NULL)
                             + (SELECT count(*) FROM document_pdf p LEFT JOIN issued_document d ON d.id = p.document_id WHERE d.id IS NULL)
                        """) ?? -1
            let rows = try Row.fetchAll(
                db, sql: "SELECT d.sha256, p.bytes FROM issued_document d JOIN document_pdf p ON p.document_id = d.id")
            let mismatched = rows.filter { CreditBankService.sha256([UInt8]($0["bytes"] as Data)) != $0["sha256"] as String }.count
            return (orphans, mismatched)
        }
        #expect(orphans == 0 && mismatched == 0)
        // Every succeeded application has its outcome and certificate (the CHECK constraint), and vice versa.
        let unlinked = try await database.execute { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM issued_document d WHERE NOT EXISTS (SELECT 1 FROM conversion_application a WHERE a.certificate_id = d.id)
                    """) ?? -1
        }
        #expect(unlinked == 0)
    }
}
