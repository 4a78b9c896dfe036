/// Every threshold of `monitoring.thresholds`, each defaulting to ``ThresholdName/defaultThreshold``.
public struct MonitoringThresholds: Sendable, Equatable {
    /// Filled with every default, so two settings with the same levels compare equal.
    private var levels = Dictionary(uniqueKeysWithValues: ThresholdName.allCases.map { ($0, $0.defaultThreshold) })

    public init() {}

    /// The threshold configured for `name`, or its default.
    public subscript(_ name: ThresholdName) -> Threshold {
        get { levels[name] ?? name.defaultThreshold }
        set { levels[name] = newValue }
    }
}
