import Foundation

/// Routed against control leads in the top tier: the lift routing brings. Intention to treat: "routed"
/// is every top-tier lead the sync wrote outside the control group (`sync:write`), whether or not its
/// owner let the sync move it; "control" every top-tier lead it held back (`sync:control`). Both are
/// chosen by the lead id's hash, so they differ only by the treatment.
///
/// Intervals are 95 %: Wilson score intervals for each group's rate, and for their ratio MOVER-R
/// (Donner & Zou 2012), which combines the two Wilson intervals in closed form. It stays sensible with
/// the few control leads a weekly cohort holds; with no control conversion the ratio has no upper bound.
public struct ControlComparison: Sendable, Codable, Equatable {
    public static let intervalMethod = "95% intervals: Wilson score per group; the ratio's by MOVER-R (Donner & Zou 2012)"

    /// The top tier's name (several when the cohort's models name it differently).
    public var topTiers: [String]
    public var routed: GroupRate
    public var control: GroupRate
    /// routed rate / control rate; nil when the control group has no lead or no conversion.
    public var lift: Double?
    public var liftLower: Double?
    /// nil: unbounded (no control conversion) or undefined.
    public var liftUpper: Double?

    public init(topTiers: [String], routed: GroupRate, control: GroupRate) {
        self.topTiers = topTiers
        self.routed = routed
        self.control = control
        guard let p1 = routed.rate, let p2 = control.rate, let first = routed.interval, let second = control.interval else { return }
        lift = p2 > 0 ? p1 / p2 : nil
        let (lower, upper) = Self.moverRatio(p1: p1, l1: first.lower, u1: first.upper, p2: p2, l2: second.lower, u2: second.upper)
        liftLower = lower
        liftUpper = upper
    }

    /// MOVER-R limits of p1 / p2 from each rate's own limits (Donner & Zou 2012, eq. for a ratio):
    /// L = (p1·p2 − √((p1·p2)² − l1·u2·(2p1 − l1)·(2p2 − u2))) / (u2·(2p2 − u2)),
    /// U = (p1·p2 + √((p1·p2)² − u1·l2·(2p1 − u1)·(2p2 − l2))) / (l2·(2p2 − l2)).
    /// A zero denominator means that limit is unbounded (upper) or zero (lower).
    static func moverRatio(p1: Double, l1: Double, u1: Double, p2: Double, l2: Double, u2: Double) -> (Double?, Double?) {
        let product = p1 * p2
        let lowerDenominator = u2 * (2 * p2 - u2)
        let upperDenominator = l2 * (2 * p2 - l2)
        let lower = lowerDenominator == 0 ? nil
            : (product - max(0, product * product - l1 * u2 * (2 * p1 - l1) * (2 * p2 - u2)).squareRoot()) / lowerDenominator
        let upper = upperDenominator <= 0 ? nil
            : (product + max(0, product * product - u1 * l2 * (2 * p1 - u1) * (2 * p2 - l2)).squareRoot()) / upperDenominator
        return (lower.map { max(0, $0) }, upper)
    }
}

/// Conversions of one group with its Wilson score interval.
public struct GroupRate: Sendable, Codable, Equatable {
    public var leads: Int
    public var conversions: Int
    /// nil for an empty group.
    public var rate: Double?
    public var interval: RateInterval?

    public init(leads: Int, conversions: Int) {
        self.leads = leads
        self.conversions = conversions
        guard leads > 0 else { return }
        rate = Double(conversions) / Double(leads)
        interval = Self.wilson(successes: conversions, trials: leads)
    }

    /// 1.96: the normal quantile of a two-sided 95 % interval.
    static let z = 1.959963984540054

    /// Wilson score interval without continuity correction (scipy's `proportion_ci(method="wilson")`).
    static func wilson(successes: Int, trials: Int) -> RateInterval {
        let n = Double(trials), p = Double(successes) / n, z2 = z * z
        let center = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        // The limits at 0 and n successes are exactly 0 and 1; rounding would leave a crumb that MOVER-R
        // would turn into a huge but finite bound.
        return RateInterval(lower: successes == 0 ? 0 : max(0, center - half), upper: successes == trials ? 1 : min(1, center + half))
    }
}

/// A two-sided interval of a rate.
public struct RateInterval: Sendable, Codable, Equatable {
    public var lower: Double
    public var upper: Double
}
