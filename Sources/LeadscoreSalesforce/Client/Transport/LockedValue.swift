import Foundation

/// A value read synchronously from any thread while an actor or task updates it (the instance URL shown
/// by `SalesforceClient.instanceDescription`). Foundation's lock keeps the module free of extra dependencies.
final class LockedValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func get() -> Value {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    func set(_ newValue: Value) {
        lock.lock()
        defer { lock.unlock() }
        value = newValue
    }
}
