import Foundation
import Synchronization

/// Where the core gets the time: injected, so tests can fix it and move it.
public protocol Clock: Sendable {
    /// The current instant.
    func now() -> Date
}

extension Clock {
    /// Today in China Standard Time.
    public func today() -> LocalDate { LocalDate(now()) }
}

/// The system clock.
public struct SystemClock: Clock {
    /// Creates the live clock.
    public init() {}
    /// `Date()`.
    public func now() -> Date { Date() }
}

/// A clock for tests: stands still until moved.
public final class TestClock: Clock {
    private let instant: Mutex<Date>

    /// Starts at `start`.
    public init(_ start: Date) { instant = Mutex(start) }
    /// Starts at noon China time on `day`.
    public convenience init(day: LocalDate) {
        self.init(Calendar.chinaStandard.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12))!)
    }

    public func now() -> Date { instant.withLock { $0 } }

    /// Moves the clock forward.
    public func advance(by seconds: TimeInterval) { instant.withLock { $0 += seconds } }
}
