import CreditBankCore
import CreditBankStore
import Foundation
import Testing

/// `lookup` runs on the calling thread (issue 18). It once waited there for the pool's readers while
/// the tasks holding them waited for a cooperative thread: the server hung under a download
/// benchmark (look-ups mixed with ordinary reads). Hundreds of both at once must all finish.
@Suite("Look-ups beside reads")
struct LookupDeadlockTests {
    @Test("800 look-ups and 800 reads at once on a file database all finish (a hang is reported, not waited out)")
    func mixedLoadFinishes() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lookup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try AppDatabase(path: folder.appendingPathComponent("bank.sqlite").path)
        let finished = Watchdog(seconds: 120, "look-ups and reads did not finish: the cooperative threads are blocked (deadlock)")
        defer { finished.stop() }
        let results = try await withThrowingTaskGroup(of: Int64.self) { group in
            for i in 0..<1600 {
                group.addTask {
                    if i % 2 == 0 {
                        return try await database.lookup { db in try db.staff(username: "nobody-\(i)") == nil ? 1 : 0 }
                    }
                    return try await database.read { db in
                        try db.staff(username: "nobody-\(i)") == nil ? 1 : 0
                    }
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(results == 1600)
    }
}

/// Ends the test process with a message when `stop` is not called in time: a deadlocked run has no
/// free thread to fail the test itself.
final class Watchdog: Sendable {
    private let done = DispatchSemaphore(value: 0)

    init(seconds: Int, _ message: String) {
        let done = self.done
        Thread.detachNewThread {
            if done.wait(timeout: .now() + .seconds(seconds)) == .timedOut {
                FileHandle.standardError.write(Data("FAILED: \(message)\n".utf8))
                exit(70)
            }
        }
    }

    func stop() { done.signal() }
}
