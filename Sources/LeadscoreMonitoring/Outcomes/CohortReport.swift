import Foundation

/// `leadscore outcomes`: each weekly cohort of first scorings joined with what happened to its leads,
/// once the label window has closed for all of them. Figures only: lead ids appear solely as a few
/// examples of leads the outcome source does not know.
public struct CohortReport: Sendable, Codable, Equatable {
    /// The report's "now": cohorts close against it and outcomes are judged as of it.
    public var asOf: Date
    /// Where the outcomes came from (a file name, or the org's instance).
    public var source: String
    public var auditRows: Int
    /// Distinct leads with a scoring before ``asOf``.
    public var leadsScored: Int
    /// Closed cohorts, oldest first.
    public var cohorts: [Cohort]
    /// Cohorts held back until their label window closes, oldest first.
    public var pending: [PendingCohort]
    /// Leads of the closed cohorts the source does not know (deleted, merged, outside the export), and a few.
    public var missingOutcomes: Int
    public var missingExamples: [String]
    /// Routed against control over every closed cohort; nil when no closed cohort has control leads.
    public var control: ControlComparison?
    /// What the reader should know: default windows used, columns missing, fields disagreeing.
    public var notes: [String]

    /// One ISO week of first scorings.
    public struct Cohort: Sendable, Codable, Equatable {
        /// `2024-W27`, and its Monday 00:00 UTC.
        public var week: String
        public var weekStart: Date
        /// Model versions that first scored its leads, and their label windows.
        public var versions: [String]
        public var windowDays: [Int]
        /// Leads first scored this week.
        public var leads: Int
        /// Leads the outcome source does not know.
        public var missingOutcomes: Int
        /// Left out because the outcome was settled before the model saw the lead: converted on an
        /// earlier day than the first scoring, or created more than the label window before it.
        public var convertedBeforeScoring: Int
        public var windowClosedBeforeScoring: Int
        /// Over the leads with an outcome; nil when none has one.
        public var metrics: CohortMetrics?
        public var tiers: [TierOutcome]
        /// nil when the cohort has no control lead in its top tier.
        public var control: ControlComparison?
    }

    /// A cohort whose label window is still open for some of its leads.
    public struct PendingCohort: Sendable, Codable, Equatable {
        public var week: String
        public var weekStart: Date
        public var leads: Int
        /// When its last lead's window closes (and the week is over).
        public var closesAt: Date
    }
}
