import Foundation

/// One monitor pass over a window of the audit log: what each model version scored and how its
/// inputs and scores compare with its baseline, the service's health, and the findings with their
/// severities. Figures and field names only: nothing here identifies a lead.
public struct MonitorReport: Sendable, Codable, Equatable {
    public var from: Date
    public var to: Date
    /// Audit rows read in the window.
    public var auditRows: Int
    public var service: ServiceSection
    public var models: [ModelSection]
    /// Worst first.
    public var findings: [MonitorFinding]
    /// Model versions that scored in the window but whose bundle could not be read (moved or damaged):
    /// their traffic has no baseline.
    public var unreadableBundles: [String]
    /// Leads created in the window against leads scored in time; nil when no lead source was given.
    public var coverage: CoverageSection?

    public struct ServiceSection: Sendable, Codable, Equatable {
        public var decisions: Int
        public var rejected: Int
        public var errorRate: Double
        public var latencyP50Milliseconds: Double?
        public var latencyP95Milliseconds: Double?
        public var validationFailuresByField: [String: Int]
    }

    public struct ModelSection: Sendable, Codable, Equatable {
        public var version: String
        public var scored: Int
        /// Scored rows without a usable input profile (older rows, or a bundle without a baseline).
        public var unprofiled: Int
        public var hasBaseline: Bool
        public var fields: [FieldDrift]
        /// Score distribution by band (0–9 … 90–100) now and in the baseline, and their PSI.
        public var scoreShares: [Double]
        public var baselineScoreShares: [Double]?
        public var scorePSI: Double?
        public var tierShares: [String: Double]
        public var baselineTierShares: [String: Double]?
    }

    /// The coverage check: of the leads created from `from` until `coverage_minutes` before `to` (so
    /// each had its full allowance), how many were scored within it, late, only refused, or never.
    public struct CoverageSection: Sendable, Codable, Equatable {
        /// Where the created leads came from (the export's file name, or the org).
        public var source: String
        public var minutes: Int
        public var created: Int
        public var scoredInTime: Int
        public var scoredLate: Int
        /// Called for but every call refused (a validation failure, an unknown model…): never scored.
        public var refusedOnly: Int
        /// No scoring and no refusal in the audit log: nobody asked (a Flow off, a callout failing before us).
        public var neverScored: Int
        /// `scoredInTime / created`; nil when no lead was created.
        public var coverage: Double?
        /// Time from creation to first scoring among scored leads (nearest rank).
        public var delayP50Seconds: Double?
        public var delayP95Seconds: Double?
    }

    /// The worst severity found, nil without findings above info.
    public var worstSeverity: Severity? {
        findings.map(\.severity).filter { $0 > .info }.max()
    }
}
