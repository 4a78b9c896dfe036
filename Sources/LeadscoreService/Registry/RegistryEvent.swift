import Foundation

/// One change to the registry, kept forever: who did what, when, why, and the rollout after it.
/// The newest event's `state` is what serves now; the newest event before a date is what served then.
public struct RegistryEvent: Sendable, Codable, Equatable {
    public enum Action: String, Sendable, Codable {
        case register, promote, canary, shadow, rollback, clearShadow = "clear-shadow"
    }

    /// Assigned by the store, increasing.
    public var id: Int64?
    public var at: Date
    public var actor: String
    public var action: Action
    public var version: String?
    public var reason: String
    /// The rollout after this event.
    public var state: RolloutState

    public init(id: Int64? = nil, at: Date, actor: String, action: Action, version: String?, reason: String,
                state: RolloutState) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.version = version
        self.reason = reason
        self.state = state
    }
}
