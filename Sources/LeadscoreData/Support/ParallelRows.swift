import Foundation

/// Per-row work of a batch spread over the machine's cores: rows are cut into a few contiguous slices
/// per core and each slice writes only its own rows, so results keep the input's order. Batches smaller
/// than `minimumParallel` rows run on the calling thread (a single API lead pays no thread hand-off).
public enum ParallelRows {
    /// Rows below which a batch is not worth spreading.
    public static let minimumParallel = 512

    /// `transform(row)` for every row in `0..<count`, in order.
    public static func map<Result>(_ count: Int, _ transform: (Int) -> Result) -> [Result] {
        guard count >= minimumParallel else { return (0..<count).map(transform) }
        return [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            nonisolated(unsafe) let base = buffer.baseAddress!
            forEachSlice(count) { rows in
                for row in rows { (base + row).initialize(to: transform(row)) }
            }
            initialized = count
        }
    }

    /// Calls `body` once per slice of `0..<count`; slices run concurrently and cover every row once.
    public static func forEachSlice(_ count: Int, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let slices = count < minimumParallel ? 1 : min(count / 64, ProcessInfo.processInfo.activeProcessorCount * 4)
        guard slices > 1 else { return body(0..<count) }
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: slices) { slice in
                body((count * slice / slices)..<(count * (slice + 1) / slices))
            }
        }
    }
}
