import Foundation
import GRDB
import Testing

@testable import CreditBankStore

/// `LookupConnections.read` begins and ends its read transaction itself (issue 18): the promise of
/// `lookup` — one consistent view of the database, whatever the body reads — must hold.
@Suite("Look-up connections")
struct LookupConnectionsTests {
    @Test("a look-up reads one snapshot: a commit made between its two statements is not seen; a failed body leaves the connection usable; nothing is written")
    func oneSnapshot() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lookup-tx-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bank.sqlite").path
        _ = try AppDatabase(path: path)
        let writer = try DatabaseQueue(path: path)
        let connections = try LookupConnections(path: path, count: 1)
        let count = "SELECT count(*) FROM lease"

        let seen = try connections.read { db -> (Int?, Int?, Bool) in
            let before = try Int.fetchOne(db, sql: count)
            try writer.write { db in try db.execute(sql: "INSERT INTO lease (name, holder, until) VALUES ('a', 'node', 1)") }
            return (before, try Int.fetchOne(db, sql: count), db.isInsideTransaction)
        }
        #expect(seen?.0 == 0 && seen?.1 == 0, "the commit made during the look-up was seen: \(String(describing: seen))")
        #expect(seen?.2 == true)
        #expect(try connections.read { db in try Int.fetchOne(db, sql: count) } == 1)

        struct Refused: Error {}
        #expect(throws: Refused.self) { try connections.read { _ -> Int in throw Refused() } }
        let after = try connections.read { db in (try Int.fetchOne(db, sql: count), db.isInsideTransaction) }
        #expect(after?.0 == 1 && after?.1 == true)
        #expect(throws: DatabaseError.self) { try connections.read { db in try db.execute(sql: "DELETE FROM lease") } }
        #expect(try connections.read { db in try Int.fetchOne(db, sql: count) } == 1)
    }

    @Test("the writer and the look-up connections map the file; the pool's readers (batches, listings) do not")
    func whichConnectionsMap() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lookup-map-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try AppDatabase(path: folder.appendingPathComponent("bank.sqlite").path)
        let mapped = "PRAGMA mmap_size"
        let lookups = try #require(database.lookupConnections)
        #expect(try lookups.read { db in try Int.fetchOne(db, sql: mapped) } == AppDatabase.mappedBytes)
        #expect(try await database.writer.write { db in try Int.fetchOne(db, sql: mapped) } == AppDatabase.mappedBytes)
        // A batch reads every stored PDF through these: mapped, 10,000 certificates held 392 MB (issue 5).
        #expect(try await database.writer.read { db in try Int.fetchOne(db, sql: mapped) } == 0)
    }
}
