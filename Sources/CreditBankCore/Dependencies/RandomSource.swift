import Synchronization

/// Where the core gets randomness: injected so that tests are reproducible and production uses a CSPRNG.
public protocol RandomSource: Sendable {
    /// Returns `count` random bytes.
    func bytes(_ count: Int) -> [UInt8]
}

/// The system's cryptographically secure generator (`SystemRandomNumberGenerator`, getrandom(2) on Linux).
public struct SystemRandomSource: RandomSource {
    /// Creates the live random source.
    public init() {}

    /// Returns `count` bytes from the system CSPRNG.
    public func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}

/// A deterministic source for tests: a splitmix64 stream from a seed.
public struct SeededRandomSource: RandomSource {
    private let state: LockedCounter

    /// Creates a source that yields the same bytes for the same seed.
    public init(seed: UInt64) { state = LockedCounter(seed) }

    /// Returns the next `count` bytes of the stream.
    public func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: state.next()) }
    }
}

/// A splitmix64 generator behind a mutex, so a seeded source can be shared by tasks.
final class LockedCounter: Sendable {
    private let value: Mutex<UInt64>

    init(_ seed: UInt64) { value = Mutex(seed) }

    func next() -> UInt64 {
        value.withLock { value in
            value &+= 0x9E37_79B9_7F4A_7C15
            var z = value
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
