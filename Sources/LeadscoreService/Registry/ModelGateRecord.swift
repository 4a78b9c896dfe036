import Foundation

/// The retraining gates' verdict on one model version, as `leadscore retrain` stored it: the full
/// report (JSON, written and read by the monitoring module) and whether every gate passed. `promote`
/// reads `passed`; a version registered by hand has no record and is promoted as before.
public struct ModelGateRecord: Sendable, Equatable {
    public var version: String
    /// The gate report as JSON: each gate with its figures.
    public var report: String
    public var passed: Bool
    /// When the gates were evaluated.
    public var at: Date

    public init(version: String, report: String, passed: Bool, at: Date) {
        self.version = version
        self.report = report
        self.passed = passed
        self.at = at
    }
}
