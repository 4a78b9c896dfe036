import Foundation

/// A few large independent jobs (model fits, column profiles) run side by side on at most `workers`
/// threads, each worker taking the next job when it finishes one. Results come back in job order.
public enum ParallelJobs {
    public static func map<Result>(_ count: Int, workers: Int, _ job: (Int) -> Result) -> [Result] {
        let width = max(1, min(workers, count))
        guard width > 1 else { return (0..<count).map(job) }
        let queue = JobQueue(count: count)
        return [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            nonisolated(unsafe) let slots = buffer.baseAddress!
            withoutActuallyEscaping(job) { job in
                nonisolated(unsafe) let job = job
                DispatchQueue.concurrentPerform(iterations: width) { _ in
                    while let index = queue.take() { (slots + index).initialize(to: job(index)) }
                }
            }
            initialized = count
        }
    }

    /// The same for jobs that may fail: every job runs to its end, then the first error (in job order)
    /// is thrown.
    public static func run<Value>(_ count: Int, workers: Int, _ job: (Int) throws -> Value) throws -> [Value] {
        try map(count, workers: workers) { index in Result { try job(index) } }.map { try $0.get() }
    }

    /// Hands out job indices once each.
    private final class JobQueue: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private let count: Int

        init(count: Int) { self.count = count }

        func take() -> Int? {
            lock.withLock {
                guard next < count else { return nil }
                defer { next += 1 }
                return next
            }
        }
    }
}
