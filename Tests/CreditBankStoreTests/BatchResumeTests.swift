import CreditBankCore
import CreditBankStore
import Foundation
import Testing

/// Prints a batch of 200 certificates with the real executable, killing it with SIGKILL at random
/// moments until a run finishes; the result must be byte-identical to an uninterrupted run.
@Suite("Batch printing")
struct BatchResumeTests {
    static let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try tool(CrashTests.executable.path, arguments + ["--resources", resources])
    }

    static func launch(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = CrashTests.executable
        process.arguments = arguments + ["--resources", resources]
        process.standardOutput = FileHandle.nullDevice
        _ = FileManager.default.createFile(atPath: errorLog, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: errorLog)
        try process.run()
        return process
    }

    static let errorLog = FileManager.default.temporaryDirectory.appendingPathComponent("creditbank-batch-stderr-\(UUID().uuidString)").path

    static func bytes(_ path: String) -> [UInt8] { [UInt8](FileManager.default.contents(atPath: path) ?? Data()) }

    /// Kills `batch … --out output` with SIGKILL at random points of its progress, read from the work
    /// folder (the plan written, some parts finished, assembly begun), until a run ends by itself;
    /// returns how many runs were killed. Watching progress, not the clock, makes the kills land
    /// however fast or loaded the machine is.
    static func killRepeatedly(_ arguments: [String], output: String, parts total: Int) throws -> Int {
        let work = output + ".parts"
        var killed = 0
        for attempt in 0..<6 {
            let process = try launch(arguments)
            let partsBefore = partCount(work)
            // A random stage the run can still reach with work after it: 0 = as soon as the plan exists,
            // k = after k more parts, total = once assembly began (only from the third attempt, since a
            // fast assembly can end before it is seen). The fifth run is left to finish.
            let remaining = total - partsBefore
            var stages = [0] + Array(1..<max(1, remaining))
            if attempt >= 2 { stages.append(total) }
            let stage = attempt < 4 ? stages.randomElement()! : nil
            while process.isRunning, let stage {
                let parts = partCount(work) - partsBefore
                let reached =
                    switch stage {
                    case 0: FileManager.default.fileExists(atPath: work + "/plan.json")
                    case total: FileManager.default.fileExists(atPath: work + "/output.tmp")
                    default: parts >= stage
                    }
                if reached {
                    kill(process.processIdentifier, SIGKILL)
                    killed += 1
                    break
                }
                // A blocking wait on purpose: under the parallel suite the cooperative pool is busy with other
                // tests' process waits, and an awaited sleep could wake only after the run has finished.
                usleep(500)
            }
            process.waitUntilExit()
            if process.terminationReason == .exit {
                #expect(process.terminationStatus == 0, "\((try? String(contentsOfFile: errorLog, encoding: .utf8)) ?? "")")
                return killed
            }
        }
        Issue.record("the batch never finished")
        return killed
    }

    static func partCount(_ work: String) -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: work)) ?? []).filter { $0.hasSuffix(".pdf") || $0.hasSuffix(".zipdata") }.count
    }

    @Test("200 certificates killed at random points resume to byte-identical PDF and ZIP; the manifest's hashes match the files")
    func killedAndResumed() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("creditbank-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("bank.sqlite").path
        let seeded = try Self.run(["seed-certificates", "--db", db, "--count", "200"])
        #expect(seeded.status == 0, "\(seeded.output)")

        for format in ["pdf", "zip"] {
            let reference = folder.appendingPathComponent("reference.\(format)").path
            let resumed = folder.appendingPathComponent("resumed.\(format)").path
            let common = ["batch", "--db", db, "--kind", "conversion-certificate", "--format", format]
            // Given an uninterrupted run,
            let clean = try Self.run(common + ["--out", reference])
            #expect(clean.status == 0, "\(clean.output)")
            #expect(clean.output.contains("200 conversion-certificate"))
            // when the same batch to another file is killed again and again until a run finishes,
            // (200 documents in parts of 64: 4 parts.)
            let killed = try Self.killRepeatedly(common + ["--out", resumed], output: resumed, parts: 4)
            #expect(killed >= 2, "too few kills landed to test resumption")
            // then the output is the same bytes, and no work folder is left behind.
            let expected = Self.bytes(reference)
            #expect(!expected.isEmpty)
            #expect(Self.bytes(resumed) == expected, "\(format): resumed output differs after \(killed) kills")
            #expect(!FileManager.default.fileExists(atPath: resumed + ".parts"))
        }

        // The PDF has 200 pages and passes qpdf; the ZIP's manifest lists every file with its SHA-256.
        let pdf = folder.appendingPathComponent("reference.pdf").path
        let qpdf = try Self.tool("/usr/bin/qpdf", ["--check", pdf])
        #expect(qpdf.status == 0 && qpdf.output.contains("No syntax or stream encoding errors"), "\(qpdf.output)")
        let info = try Self.tool("/usr/bin/pdfinfo", [pdf]).output
        #expect(info.contains("Pages:           200"))
        let unzipped = folder.appendingPathComponent("unzipped")
        let unzip = try Self.tool("/usr/bin/unzip", ["-q", folder.appendingPathComponent("reference.zip").path, "-d", unzipped.path])
        #expect(unzip.status == 0, "\(unzip.output)")
        let manifest = try String(contentsOf: unzipped.appendingPathComponent("manifest.csv"), encoding: .utf8)
        let rows = manifest.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(rows.count == 200)
        let database = try AppDatabase(path: db)
        for row in rows {
            let file = Self.bytes(unzipped.appendingPathComponent(row[0]).path)
            #expect(CreditBankService.sha256(file) == row[4], "\(row[0])")
            let code = try VerificationCode(parsing: row[1])
            let document = try await database.read { db in try db.document(code: code) }
            #expect(document?.sha256 == row[4] && document?.kind.rawValue == row[3])
        }
        // The PDF's pages follow the ZIP's order: page 137 shows the 137th code.
        let page = try Self.tool("/usr/bin/pdftotext", ["-f", "137", "-l", "137", pdf, "-"]).output
        #expect(page.contains(rows[136][1]))
    }

    @Test("Ctrl-C says how to resume; a different batch into the same work folder is refused; a revoked document stops the resume; no match is a clear error")
    func interruptAndRefusals() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("creditbank-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("bank.sqlite").path
        #expect(try Self.run(["seed-certificates", "--db", db, "--count", "130"]).status == 0)
        let out = folder.appendingPathComponent("out.pdf").path
        // Interrupted by SIGINT once the plan exists,
        let process = Process()
        process.executableURL = CrashTests.executable
        process.arguments = ["batch", "--db", db, "--kind", "conversion-certificate", "--out", out, "--renderers", "1", "--resources", Self.resources]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        while process.isRunning && !FileManager.default.fileExists(atPath: out + ".parts/plan.json") { try await Task.sleep(for: .milliseconds(5)) }
        kill(process.processIdentifier, SIGINT)
        let said = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 130 {
            #expect(said.contains("run the same command again to resume"))
            // a batch with other options is refused while the interrupted one waits,
            let other = try Self.run(["batch", "--db", db, "--kind", "conversion-certificate", "--out", out, "--from", "2020-01-01"])
            #expect(other.status != 0 && other.output.contains("--restart"), "\(other.output)")
            // A certificate of the plan revoked meanwhile stops the resume (it must not be printed),
            let planned = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + ".parts/plan.json")))
            let first = try #require(((planned as? [String: Any])?["documents"] as? [Int])?.first)
            let database = try AppDatabase(path: db)
            try await database.write { db in
                var document = try #require(try db.document(DocumentID(Int64(first))))
                let staff = try #require(try db.staff(username: "seed-reviewer"))
                document.revocation = .init(reason: "issued in error", at: Date(), by: staff.id)
                try db.updateStatus(of: document)
            }
            let refused = try Self.run(["batch", "--db", db, "--kind", "conversion-certificate", "--out", out])
            #expect(refused.status != 0 && refused.output.contains("1 document(s)") && refused.output.contains("--restart"), "\(refused.output)")
            // and --restart prints the 129 still valid.
            let again = try Self.run(["batch", "--db", db, "--kind", "conversion-certificate", "--out", out, "--restart"])
            #expect(again.status == 0, "\(again.output)")
            #expect(try Self.tool("/usr/bin/pdfinfo", [out]).output.contains("Pages:           129"))
        } else {
            #expect(process.terminationStatus == 0, "finished before the signal: \(said)")
        }
        // Nothing matches: a clear error naming the field, no file.
        let none = try Self.run(["batch", "--db", db, "--kind", "transcript", "--out", folder.appendingPathComponent("t.pdf").path])
        #expect(none.status == 65 && none.output.contains("kind") && none.output.contains("no valid transcript"), "\(none.output)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("t.pdf.parts").path))
        let badDay = try Self.run(["batch", "--db", db, "--kind", "transcript", "--out", out, "--to", "2026-02-30"])
        #expect(badDay.status == 65 && badDay.output.contains("to"), "\(badDay.output)")
    }

    static func tool(_ path: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
