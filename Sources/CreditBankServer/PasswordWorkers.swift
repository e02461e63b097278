import CreditBankAccess
import Dispatch
import Synchronization

/// Runs bcrypt on a few dedicated threads: never on the event loop nor the Swift concurrency pool,
/// and never more at once than `threads`, so a burst of logins cannot starve other requests.
final class PasswordWorkers: Sendable {
    private let queues: [DispatchQueue]
    private let next = Mutex(0)
    /// A hash checked when the login name is unknown, so that answer takes as long as a wrong password.
    let decoy: String

    init(threads: Int) {
        queues = (0..<max(1, threads)).map { DispatchQueue(label: "creditbank.passwords.\($0)") }
        decoy = Passwords.hash("decoy-password-\(threads)-never-valid")
    }

    func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        let queue = queues[
            next.withLock { index in
                defer { index = (index + 1) % queues.count }
                return index
            }]
        return await withCheckedContinuation { continuation in queue.async { continuation.resume(returning: work()) } }
    }

    func verify(_ password: String, against hash: String?) async -> Bool {
        let decoy = self.decoy
        return await run { Passwords.verify(password, against: hash ?? decoy) && hash != nil }
    }

    func hash(_ password: String) async -> String {
        await run { Passwords.hash(password) }
    }
}
