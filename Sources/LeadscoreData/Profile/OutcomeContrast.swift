/// How often something holds in two groups of leads (converted and not, or holding a value and not),
/// with a two-proportion z-test so that a large gap on a handful of leads is not read as evidence.
struct OutcomeContrast: Sendable, Equatable {
    var firstCount = 0
    var firstTotal = 0
    var secondCount = 0
    var secondTotal = 0

    var firstShare: Double { firstTotal == 0 ? 0 : Double(firstCount) / Double(firstTotal) }
    var secondShare: Double { secondTotal == 0 ? 0 : Double(secondCount) / Double(secondTotal) }
    /// `firstShare − secondShare`.
    var gap: Double { firstShare - secondShare }

    /// The pooled two-proportion z statistic; 0 when either group is empty or nothing varies.
    var z: Double {
        guard firstTotal > 0, secondTotal > 0 else { return 0 }
        let pooled = Double(firstCount + secondCount) / Double(firstTotal + secondTotal)
        let variance = pooled * (1 - pooled) * (1 / Double(firstTotal) + 1 / Double(secondTotal))
        return variance > 0 ? gap / variance.squareRoot() : 0
    }

    /// A gap of at least `minimumGap` (absolute) that is also significant at `minimumZ`.
    func differs(minimumGap: Double, minimumZ: Double) -> Bool {
        abs(gap) >= minimumGap && abs(z) >= minimumZ
    }

    /// Missing values among converted leads (first) and among the others (second).
    static func missingness(present: [Bool], labels: [Bool]) -> OutcomeContrast {
        var contrast = OutcomeContrast()
        for (isPresent, positive) in zip(present, labels) {
            if positive {
                contrast.firstTotal += 1
                if !isPresent { contrast.firstCount += 1 }
            } else {
                contrast.secondTotal += 1
                if !isPresent { contrast.secondCount += 1 }
            }
        }
        return contrast
    }
}
