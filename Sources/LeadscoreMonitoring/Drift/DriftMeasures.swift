import Foundation

/// How far a current distribution over a baseline's bins has moved from the baseline's: the two
/// figures the drift check compares with its thresholds. Both take shares per bin, same bins in the
/// same order on both sides.
public enum DriftMeasures {
    /// The floor PSI puts under every share, so an empty bin gives a large but finite term.
    public static let defaultEpsilon = 1e-4

    /// The population stability index, Σ (a − e) · ln(a / e) over bins, with every expected share e and
    /// actual share a first floored at `epsilon` (shares are not renormalised after the floor, as in the
    /// usual credit-scoring formulation and in numpy's `np.maximum(shares, epsilon)`).
    ///
    /// Convention: below 0.1 the population is stable, 0.1–0.25 a moderate shift worth a look, above
    /// 0.25 a major shift. It is symmetric in its two arguments and 0 for identical shares.
    public static func psi(expected: [Double], actual: [Double], epsilon: Double = defaultEpsilon) -> Double {
        precondition(expected.count == actual.count, "PSI compares the same bins on both sides")
        var index = 0.0
        for (expectedShare, actualShare) in zip(expected, actual) {
            let e = max(expectedShare, epsilon), a = max(actualShare, epsilon)
            index += (a - e) * log(a / e)
        }
        return index
    }

    /// The Jensen–Shannon divergence with base-2 logarithms: ½ KL(p ‖ m) + ½ KL(q ‖ m), m = (p + q) / 2,
    /// with 0 · log 0 = 0, so it is finite even where one side has an empty bin. It lies in 0…1: 0 for
    /// identical distributions, 1 for disjoint ones. Both inputs are normalised to sum to 1 first, as
    /// SciPy does; each must have a positive sum.
    ///
    /// SciPy's `scipy.spatial.distance.jensenshannon(p, q, base=2)` returns the Jensen–Shannon
    /// *distance*, the square root of this value.
    public static func jensenShannon(_ p: [Double], _ q: [Double]) -> Double {
        precondition(p.count == q.count, "Jensen–Shannon compares the same bins on both sides")
        let pTotal = p.reduce(0, +), qTotal = q.reduce(0, +)
        precondition(pTotal > 0 && qTotal > 0, "Jensen–Shannon needs two distributions with positive mass")
        var divergence = 0.0
        for (pMass, qMass) in zip(p, q) {
            let pShare = pMass / pTotal, qShare = qMass / qTotal
            let middle = (pShare + qShare) / 2
            if pShare > 0 { divergence += pShare * log2(pShare / middle) }
            if qShare > 0 { divergence += qShare * log2(qShare / middle) }
        }
        return min(max(divergence / 2, 0), 1)
    }
}
