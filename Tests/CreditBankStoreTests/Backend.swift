import CreditBankCore
import CreditBankStore
import Foundation
import Testing

/// The databases the storage contract suite runs on (docs/storage.md): SQLite always, PostgreSQL
/// when `CREDITBANK_TEST_POSTGRES` names a server (`scripts/test.sh` starts one; CI must have it).
enum Backend: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite
    case postgresql

    static var postgresURL: String? { ProcessInfo.processInfo.environment["CREDITBANK_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 } }

    /// Every backend this run can reach.
    static var all: [Backend] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgresql] }

    var testDescription: String { rawValue }

    /// Two handles on one fresh bank, as two nodes (two processes) have: on SQLite two connections
    /// pools on one file, on PostgreSQL two connection pools on one schema.
    func makeTwoNodes() async throws -> (any TestStorage, any TestStorage) {
        switch self {
        case .sqlite:
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("creditbank-nodes-\(UUID().uuidString).sqlite").path
            return (try AppDatabase(path: file), try AppDatabase(path: file))
        case .postgresql:
            let first = try #require(try await makeStorage() as? PostgresDatabase)
            return (first, try await PostgresDatabase(url: try #require(Self.postgresURL), schema: first.schema, connections: 4))
        }
    }

    /// A fresh, empty bank: SQLite in memory, or a new schema on the PostgreSQL server.
    func makeStorage() async throws -> any TestStorage {
        switch self {
        case .sqlite: return try AppDatabase()
        case .postgresql:
            let url = try #require(Self.postgresURL)
            let schema = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
            return try await PostgresDatabase(url: url, schema: schema, connections: 4)
        }
    }
}

/// Storage a test can also poke with raw SQL (to prove the schema's own refusals).
protocol TestStorage: CreditBankStorage {
    func execute(_ sql: String) async throws
    func integer(_ sql: String) async throws -> Int64?
}

extension AppDatabase: TestStorage {
    func execute(_ sql: String) async throws {
        try await execute { db in try db.execute(sql: sql) }
    }
}

extension PostgresDatabase: TestStorage {}

@Suite("Storage contract: where it runs")
struct BackendTests {
    @Test("in CI the contract suite reaches a PostgreSQL server (CREDITBANK_TEST_POSTGRES)")
    func postgresInCI() {
        if ProcessInfo.processInfo.environment["CI"] != nil {
            #expect(Backend.postgresURL != nil, "scripts/test.sh starts PostgreSQL and sets CREDITBANK_TEST_POSTGRES")
        }
    }
}
