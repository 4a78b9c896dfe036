import Foundation
import LeadscoreData
import LeadscoreModels
import LeadscoreService

/// What one `leadscore retrain` run produced: the snapshot, the candidate, its gate report and what
/// the registry now says about it.
public struct RetrainOutcome: Sendable {
    /// What became of the candidate in the registry.
    public enum Registration: Sendable, Equatable {
        /// Registered and scored beside production on every lead (`shadow`); the rollout after it.
        case shadow(RolloutState)
        /// The registry had no production model: the candidate, whose gates passed, became production.
        case production
        /// The candidate scores exactly as production does (same content hash): nothing to register.
        case sameAsProduction
        /// Not registered, with why (a first model whose gates failed would have become production).
        case notRegistered(String)
    }

    public var snapshot: SnapshotManifest
    public var snapshotPath: URL
    public var candidate: ModelBundle
    public var bundlePath: URL
    public var report: GateReport
    /// Where the report was written beside the bundle (`gates.json`).
    public var reportPath: URL
    public var registration: Registration
}
