/// Which registered versions serve traffic.
///
/// - production answers every lead not in the canary;
/// - canary answers `canaryPercent`% of leads, chosen deterministically by lead id;
/// - shadow is scored on every lead and logged, never returned.
public struct RolloutState: Sendable, Codable, Equatable {
    public var production: String?
    public var canary: String?
    public var canaryPercent: Int
    public var shadow: String?

    public init(production: String? = nil, canary: String? = nil, canaryPercent: Int = 0, shadow: String? = nil) {
        self.production = production
        self.canary = canary
        self.canaryPercent = canary == nil ? 0 : canaryPercent
        self.shadow = shadow
    }

    /// Every version this state needs loaded.
    public var activeVersions: [String] {
        var versions: [String] = []
        for version in [production, canary, shadow].compactMap({ $0 }) where !versions.contains(version) {
            versions.append(version)
        }
        return versions
    }
}
