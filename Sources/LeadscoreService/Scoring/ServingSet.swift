import Crypto
import Foundation

/// The models serving at one moment: immutable, swapped whole when the registry changes, so a
/// request sees one consistent rollout from start to end.
public struct ServingSet: Sendable {
    public let state: RolloutState
    /// The registry event this set reflects (nil when serving a single bundle without a registry).
    public let generation: Int64?
    public let production: ServingModel
    public let canary: ServingModel?
    public let shadow: ServingModel?

    public init(state: RolloutState, generation: Int64?, production: ServingModel, canary: ServingModel?,
                shadow: ServingModel?) {
        self.state = state
        self.generation = generation
        self.production = production
        self.canary = canary
        self.shadow = shadow
    }

    /// Production or canary for this lead. Deterministic: the same lead id always lands in the same
    /// arm for a given percentage, and raising the percentage only moves leads into the canary.
    public func model(forLeadKey key: String) -> ServingModel {
        guard let canary, state.canaryPercent > 0 else { return production }
        return Self.bucket(of: key) < state.canaryPercent ? canary : production
    }

    /// 0–99 from the SHA-256 of the key.
    static func bucket(of key: String) -> Int {
        let digest = SHA256.hash(data: Data(key.utf8))
        let prefix = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Int(prefix % 100)
    }

    /// Versions loaded, for `/ready` and the metrics.
    public var versions: [String] {
        [production.version, canary?.version, shadow?.version].compactMap { $0 }
    }
}
