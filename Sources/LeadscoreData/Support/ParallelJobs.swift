import Foundation

/// A few large independent jobs (model fits) run side by side on at most `workers` threads, each worker
/// taking the next job when it finishes one. Results come back in job order; the first error (in job
/// order) is thrown after every job has ended.
public enum ParallelJobs {
    public static func run<Result>(_ count: Int, workers: Int, _ job: (Int) throws -> Result) throws -> [Result] {
        let width = max(1, min(workers, count))
        guard width > 1 else { return try (0..<count).map(job) }
        var outcomes = [Swift.Result<Result, Error>?](repeating: nil, count: count)
        let queue = JobQueue(count: count)
        outcomes.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer.baseAddress!
            withoutActuallyEscaping(job) { job in
                nonisolated(unsafe) let job = job
                DispatchQueue.concurrentPerform(iterations: width) { _ in
                    while let index = queue.take() { slots[index] = Swift.Result { try job(index) } }
                }
            }
        }
        return try outcomes.map { try $0!.get() }
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
