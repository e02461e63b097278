import CreditBankCore
import CreditBankStore
import Foundation
import GRDB
import Testing

/// The SQLite adapter itself: the file's settings, the schema's own rules, transactions.
@Suite("Storage: file settings, schema constraints, all-or-nothing writes")
struct StoreTests {
    @Test("a database file is in WAL mode with synchronous FULL and foreign keys on, and passes its integrity checks")
    func fileSettings() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("creditbank-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try AppDatabase(path: folder.appendingPathComponent("bank.sqlite").path)
        let (journal, synchronous, foreignKeys) = try await database.execute { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"),
                try Int.fetchOne(db, sql: "PRAGMA foreign_keys")
            )
        }
        #expect(journal == "wal")
        #expect(synchronous == 2, "FULL")
        #expect(foreignKeys == 1)
        #expect(try database.integrityProblems().isEmpty)
    }

    @Test("the schema refuses what the core never writes: an outcome of no learner, negative credits", arguments: Backend.all)
    func schemaRules(backend: Backend) async throws {
        let f = try await Fixture(backend: backend)
        _ = try await f.storedNCRE()
        var refusals: [String] = []
        for sql in ["UPDATE outcome SET learner_id = 999999", "UPDATE outcome SET credits = -100"] {
            do {
                try await f.storage.execute(sql)
                refusals.append("accepted")
            } catch let error as DatabaseError {
                refusals.append(
                    error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY
                        ? "foreign key" : error.extendedResultCode == .SQLITE_CONSTRAINT_CHECK ? "check" : "\(error)")
            } catch let error as PostgresError {
                refusals.append(error.state == "23503" ? "foreign key" : error.state == "23514" ? "check" : "\(error)")
            }
        }
        #expect(refusals == ["foreign key", "check"])
    }

    @Test("a write that fails part-way leaves nothing behind", arguments: Backend.all)
    func allOrNothing(backend: Backend) async throws {
        let f = try await Fixture(backend: backend)
        let before = try await f.count("message")
        await #expect(throws: CreditBankError.conflict("stop")) {
            try await f.storage.write { db in
                _ = try db.insert(Message(id: 0, learnerID: f.learner.id, text: "first", createdAt: Date()))
                throw CreditBankError.conflict("stop")
            }
        }
        #expect(try await f.count("message") == before)
    }

    @Test("a learner is read back as stored: a name, ID number or phone that today's input rules would refuse still reads", arguments: Backend.all)
    func storedValuesReadAsStored(backend: Backend) async throws {
        let f = try await Fixture(backend: backend)
        // Rules change; rows written under older ones must stay readable (else every signed-in request of that learner fails).
        try await f.storage.execute(
            "UPDATE learner SET name = 'Older Rule 2', id_number = '00000000000000000A', phone = '29999999999' WHERE id = \(f.learner.id.rawValue)")
        let learner = try #require(try await f.storage.read { db in try db.learner(f.learner.id) })
        #expect(learner.name.value == "Older Rule 2" && learner.idNumber.value == "00000000000000000A" && learner.phone?.value == "29999999999")
        #expect(learner.idNumber.birthDate == nil && learner.idNumber.masked == "0000**********000A")
        #expect(try await f.storage.read { db in try db.learner(f.otherLearner.id) } == f.otherLearner)
    }
}
