import CreditBankCore
import Foundation
import GRDB
import Testing

@testable import CreditBankStore

/// Reads bind and step through SQLite's own functions (`GRDBSession.readRows`, issue 18); they must
/// give what GRDB's own path gives, for every kind of value.
@Suite("SQLite session")
struct GRDBSessionTests {
    static let values: [SQLValue] = [
        .null, .integer(-9_007_199_254_740_993), .integer(0), .real(2.5), .real(-0.0), .text(""), .text("王\u{30000}𠮷 \"'\\"),
        .text("with\u{0}nul"), .blob([]), .blob([0, 1, 254, 255]),
    ]

    @Test("a read returns each bound value as it was bound: null, integers, reals, text (empty, rare characters, NUL), blobs")
    func roundTrip() throws {
        let queue = try DatabaseQueue()
        let placeholders = Array(repeating: "?", count: Self.values.count).joined(separator: ", ")
        let rows = try queue.read { db in try GRDBSession(db: db).rows("SELECT \(placeholders)", Self.values) }
        #expect(rows.count == 1)
        #expect(rows.first?.values == Self.values)
        // The same statement through GRDB's path (a write's) gives the same.
        let written = try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (\((0..<Self.values.count).map { "c\($0)" }.joined(separator: ", ")))")
            return try GRDBSession(db: db).rows("INSERT INTO t VALUES (\(placeholders)) RETURNING *", Self.values)
        }
        #expect(written.first?.values.enumerated().allSatisfy { i, value in
            // GRDB reads text up to a NUL.
            i == 7 ? value == .text("with") : value == Self.values[i]
        } == true)
    }

    @Test("several rows in order, none, and a wrong number of arguments refused with an error, not a crash")
    func rowsAndArguments() throws {
        let queue = try DatabaseQueue()
        let rows = try queue.read { db in
            try GRDBSession(db: db).rows("SELECT value FROM json_each(?) ORDER BY key", [.text("[3,1,2]")])
        }
        #expect(rows.map(\.values) == [[.integer(3)], [.integer(1)], [.integer(2)]])
        let none = try queue.read { db in try GRDBSession(db: db).rows("SELECT 1 WHERE ? = 2", [.integer(1)]) }
        #expect(none.isEmpty)
        #expect(throws: DatabaseError.self) { try queue.read { db in try GRDBSession(db: db).rows("SELECT ?, ?", [.integer(1)]) } }
        // The statement is usable again after the refusal.
        let again = try queue.read { db in try GRDBSession(db: db).rows("SELECT ?, ?", [.integer(1), .text("a")]) }
        #expect(again.first?.values == [.integer(1), .text("a")])
    }

    @Test("stored bytes read in place: a value over many overflow pages, an empty one, and none for a missing row")
    func bytesInPlace() throws {
        let queue = try DatabaseQueue()
        let large = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE file (id INTEGER PRIMARY KEY, bytes BLOB NOT NULL)")
            try db.execute(sql: "INSERT INTO file VALUES (7, ?), (8, zeroblob(0))", arguments: [Data(large)])
        }
        let (read, empty, missing) = try queue.read { db in
            let session = GRDBSession(db: db)
            return (
                try session.bytes(of: "bytes", in: "file", key: "id", 7, BytesMakers.array),
                try session.bytes(of: "bytes", in: "file", key: "id", 8, BytesMakers.array),
                try session.bytes(of: "bytes", in: "file", key: "id", 9, BytesMakers.array)
            )
        }
        #expect(read == large)
        #expect(empty == [])
        #expect(missing == nil)
    }
}
