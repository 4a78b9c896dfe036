/// One closed weekly cohort as the dashboard's cohort chart shows it: how much better the model's
/// top-scored tenth of the cohort's leads converted than the cohort as a whole, once the label window
/// had closed. Deliberately two plain values, so whatever computes delayed-label performance can feed
/// the dashboard without the dashboard knowing its report type.
public struct CohortLift: Sendable, Equatable {
    /// The cohort's name as people say it, e.g. `2025-W14`.
    public var cohort: String
    /// Conversion rate of the top score decile ÷ the cohort's conversion rate: 1 is no better than random.
    public var topDecileLift: Double

    public init(cohort: String, topDecileLift: Double) {
        self.cohort = cohort
        self.topDecileLift = topDecileLift
    }
}
