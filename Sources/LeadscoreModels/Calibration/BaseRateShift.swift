import Foundation

/// Whether the most recent leads convert at another rate than the leads the model was calibrated on.
/// A calibrator sets the probabilities' level to its rows' base rate (Platt's fit makes the mean
/// prediction equal the mean label), so those rows — validation, or with a refit on a random split
/// all of train + validation — are the reference. The test slice of a temporal split is the latest
/// period: when its base rate differs, calibrated probabilities carry the older rate and run high
/// (or low) on new leads even if the ranking holds. The
/// card says so; `prior_correction: recent` shifts every probability to the recent rate on the logit
/// scale, the standard correction for a changed prior (Saerens, Latinne & Decaestecker, 2002), which
/// keeps the ranking and moves the level.
public struct BaseRateShift: Sendable, Codable, Equatable {
    /// Positive share of the leads the probabilities were calibrated on (see the type's comment).
    public let fittedRate: Double
    /// Positive share of the test slice (the most recent leads in a temporal split).
    public let recentRate: Double
    /// Two-proportion z statistic of the difference.
    public let z: Double
    /// The logit offset that moves probabilities from the fitted rate to the recent one.
    public let logitShift: Double
    /// Set when `prior_correction: recent` applied `logitShift` to the bundle's scores.
    public var applied = false

    /// |z| ≥ 3 and at least 15% apart, relative: a difference that is real and large enough to move tiers.
    public var isMaterial: Bool {
        abs(z) >= 3 && abs(recentRate - fittedRate) >= 0.15 * fittedRate
    }

    public init?(fitted: [Bool], recent: [Bool]) {
        guard !fitted.isEmpty, !recent.isEmpty else { return nil }
        let fittedPositives = Double(fitted.filter { $0 }.count), recentPositives = Double(recent.filter { $0 }.count)
        fittedRate = fittedPositives / Double(fitted.count)
        recentRate = recentPositives / Double(recent.count)
        let pooled = (fittedPositives + recentPositives) / Double(fitted.count + recent.count)
        let spread = (pooled * (1 - pooled) * (1 / Double(fitted.count) + 1 / Double(recent.count))).squareRoot()
        z = spread > 0 ? (recentRate - fittedRate) / spread : 0
        logitShift = Self.logit(recentRate) - Self.logit(fittedRate)
    }

    /// `probability` moved by `shift` on the logit scale.
    public static func shifted(_ probability: Double, by shift: Double) -> Double {
        1 / (1 + exp(-(logit(probability) + shift)))
    }

    static func logit(_ p: Double) -> Double {
        let clamped = min(max(p, 1e-6), 1 - 1e-6)
        return log(clamped / (1 - clamped))
    }

    /// The card's sentence.
    public var sentence: String {
        let direction = recentRate > fittedRate ? "low" : "high"
        let rates = "The most recent leads (the test period) convert at \(percent(recentRate)) against \(percent(fittedRate)) "
            + "in the leads the probabilities were calibrated on (z = \(String(format: "%.1f", z)))"
        if applied {
            return rates + ": `prior_correction: recent` shifted every probability to the recent rate "
                + "(logit \(String(format: "%+.3f", logitShift))) and the tiers were cut on the shifted probabilities; "
                + "the ranking is unchanged. The test metrics are the model's before the shift, which was estimated on "
                + "the test period itself."
        }
        return rates + ": probabilities carry the older rate and may run \(direction) on new leads. `prior_correction: recent` "
            + "in leadscore.yaml shifts them to the recent rate (logit \(String(format: "%+.3f", logitShift))) and keeps the ranking."
    }

    private func percent(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }
}
