import NIOConcurrencyHelpers

/// Holds the current `ServingSet`; requests read it without waiting on a reload in progress.
public final class ServingSetHolder: Sendable {
    private let current: NIOLockedValueBox<ServingSet?>

    public init(_ set: ServingSet? = nil) {
        current = NIOLockedValueBox(set)
    }

    public var set: ServingSet? { current.withLockedValue { $0 } }

    public func replace(with set: ServingSet) {
        current.withLockedValue { $0 = set }
    }
}
