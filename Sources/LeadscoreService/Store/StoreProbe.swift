import NIOConcurrencyHelpers

/// Asks a store whether it answers, giving up after a deadline without waiting for the attempt to
/// end: a connection pool waiting on an unreachable database may ignore cancellation for a minute,
/// and `/ready` must answer a probe within its own timeout.
enum StoreProbe {
    /// True when `ping` succeeded within `deadline`; a ping still running then is cancelled and left behind.
    static func answers(within deadline: Duration, _ ping: @escaping @Sendable () async throws -> Void) async -> Bool {
        let waiter = NIOLockedValueBox<CheckedContinuation<Bool, Never>?>(nil)
        let finish: @Sendable (Bool) -> Void = { answered in waiter.withLockedValue { $0.take() }?.resume(returning: answered) }
        return await withCheckedContinuation { continuation in
            waiter.withLockedValue { $0 = continuation }
            let attempt = Task {
                let answered = (try? await ping()) != nil
                finish(answered)
            }
            Task {
                try? await Task.sleep(for: deadline)
                attempt.cancel()
                finish(false)
            }
        }
    }
}
