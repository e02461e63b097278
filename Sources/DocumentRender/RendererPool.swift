import Foundation

/// Renderers on dedicated threads, one per core by default: each thread creates its own
/// `DocumentRenderer` (a Pango font map must not be shared between threads) and keeps it for its
/// life, so rendering never runs on an event loop or the cooperative pool and both cores are used.
public final class RendererPool: Sendable {
    private let jobs = JobQueue()
    /// Number of renderer threads.
    public let size: Int

    /// Starts `size` threads, each with a renderer on the fonts in `fontsDirectory`. A positive
    /// `niceness` lowers the threads' scheduling priority (Linux), so that in a server the event
    /// loops answering requests preempt long renders and batches.
    /// - Throws: `RenderError.fonts` when a renderer cannot be created.
    public init(size: Int = ProcessInfo.processInfo.activeProcessorCount, fontsDirectory: URL, niceness: Int32 = 0) throws(RenderError) {
        self.size = max(1, size)
        let started = StartReport()
        for index in 0..<self.size {
            let jobs = self.jobs
            let thread = Thread {
                #if os(Linux)
                    // On Linux the nice value is per thread, and `who == 0` names the calling thread.
                    if niceness > 0 { _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness) }
                #endif
                let renderer: DocumentRenderer
                do {
                    renderer = try DocumentRenderer(fontsDirectory: fontsDirectory)
                    started.report(nil)
                } catch let error as RenderError {
                    started.report(error)
                    return
                } catch {
                    started.report(.fonts("\(error)"))
                    return
                }
                while let job = jobs.take() { job(renderer) }
            }
            thread.name = "renderer-\(index)"
            thread.start()
        }
        if let error = started.wait(count: self.size) {
            jobs.close()
            throw error
        }
    }

    deinit { jobs.close() }

    /// Runs `work` on the next free renderer and returns its result.
    public func run<T: Sendable>(_ work: @escaping @Sendable (DocumentRenderer) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            submit { renderer in
                continuation.resume(with: Result { try work(renderer) })
            }
        }
    }

    /// Queues `job` for the next free renderer (for callers that collect results themselves).
    public func submit(_ job: @escaping @Sendable (DocumentRenderer) -> Void) {
        jobs.put(job)
    }

    /// Stops the threads once the queued jobs are done.
    public func shutdown() { jobs.close() }
}

/// A blocking FIFO of jobs shared by the renderer threads.
final class JobQueue: @unchecked Sendable {  // @unchecked: all state is guarded by `condition`.
    typealias Job = @Sendable (DocumentRenderer) -> Void
    private let condition = NSCondition()
    /// Queued jobs; a taken slot is cleared at once so that what a job captured (snapshots, PDF
    /// bytes) is freed when it finishes, not when the queue is next compacted.
    private var pending: [Job?] = []
    private var head = 0
    private var closed = false

    func put(_ job: @escaping Job) {
        condition.lock()
        pending.append(job)
        condition.signal()
        condition.unlock()
    }

    /// The next job, waiting for one; nil once closed and drained.
    func take() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while head == pending.count && !closed { condition.wait() }
        guard head < pending.count else { return nil }
        let job = pending[head]
        pending[head] = nil
        head += 1
        if head > 1024, head * 2 > pending.count {
            pending.removeFirst(head)
            head = 0
        }
        return job
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}

/// Collects the start-up outcome of every renderer thread.
final class StartReport: @unchecked Sendable {  // @unchecked: all state is guarded by `condition`.
    private let condition = NSCondition()
    private var count = 0
    private var error: RenderError?

    func report(_ failure: RenderError?) {
        condition.lock()
        count += 1
        if let failure, error == nil { error = failure }
        condition.broadcast()
        condition.unlock()
    }

    func wait(count expected: Int) -> RenderError? {
        condition.lock()
        defer { condition.unlock() }
        while count < expected { condition.wait() }
        return error
    }
}
