import Foundation

/// Who let a version serve traffic (a promotion or a canary), when and why, and whether they
/// overrode failed retraining gates to do it. Kept forever beside the registry's history, so an
/// audit can ask of any version that ever served: was it checked, and who vouched for it?
public struct ModelApproval: Sendable, Codable, Equatable {
    /// What the stored gate report said when the version was approved.
    public enum Gates: String, Sendable, Codable {
        case passed, failed
        /// Registered by hand (`leadscore models register`): never gated.
        case none
    }

    /// Assigned by the store, increasing.
    public var id: Int64?
    public var version: String
    public var at: Date
    public var actor: String
    /// `promote` or `canary`.
    public var action: RegistryEvent.Action
    public var reason: String
    public var gates: Gates
    /// Approved although its gates failed (`models promote --force`).
    public var forced: Bool
    /// The registry event this approval produced.
    public var eventId: Int64?

    public init(id: Int64? = nil, version: String, at: Date, actor: String, action: RegistryEvent.Action, reason: String,
                gates: Gates, forced: Bool, eventId: Int64?) {
        self.id = id
        self.version = version
        self.at = at
        self.actor = actor
        self.action = action
        self.reason = reason
        self.gates = gates
        self.forced = forced
        self.eventId = eventId
    }
}
