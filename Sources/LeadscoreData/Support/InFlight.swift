import Foundation

/// Work started on a background thread now and waited for later: a streaming loop hands one chunk to
/// the cores and reads the next while it runs.
public final class InFlight<Value>: @unchecked Sendable {
    private let done = DispatchGroup()
    private var outcome: Result<Value, any Error>?

    public init(_ work: @escaping @Sendable () throws -> Value) {
        done.enter()
        DispatchQueue.global().async { [self] in
            outcome = Result(catching: work)
            done.leave()
        }
    }

    /// The work's value (or error), once it has finished.
    public func wait() throws -> Value {
        done.wait()
        return try outcome!.get()
    }
}
