/// Sets tier thresholds from the config and the calibrated validation probabilities.
///
/// By capacity, tier k takes the share of leads its team can work per day (cumulative with the
/// tiers above it) at the historical arrival rate; the threshold is the validation probability at
/// that share. With a minimum top-tier precision, the top threshold rises until it holds.
public enum TierPlanner {
    public struct Plan: Sendable {
        public var tiers: [TierThreshold]
        public var notes: [String]
    }

    public static func plan(settings: TierSettings, probabilities: [Double], labels: [Bool], arrivalPerDay: Double) -> Plan {
        let sorted = probabilities.sorted(by: >)
        var notes: [String] = []
        var tiers: [TierThreshold] = []
        var cumulativeCapacity = 0.0
        for (index, level) in settings.levels.enumerated() {
            let isLast = index == settings.levels.count - 1
            var threshold = 0.0
            if !isLast {
                switch settings.method {
                case .probability:
                    threshold = level.minProbability ?? 0
                case .capacity:
                    cumulativeCapacity += level.capacityPerDay ?? 0
                    let share = arrivalPerDay > 0 ? min(1, cumulativeCapacity / arrivalPerDay) : 1
                    let count = Int((share * Double(sorted.count)).rounded(.down))
                    threshold = count == 0 ? (sorted.first ?? 1) + 1e-9 : sorted[count - 1]
                }
            }
            tiers.append(TierThreshold(name: level.name, label: level.label, minProbability: threshold, route: level.route))
        }
        if let minimum = settings.minimumTopPrecision, tiers.count > 1 {
            let raised = raiseForPrecision(tiers[0].minProbability, minimum: minimum, probabilities: probabilities, labels: labels)
            if raised != tiers[0].minProbability {
                notes.append("Tier \(tiers[0].name) threshold raised from \(rounded(tiers[0].minProbability)) to "
                    + "\(rounded(raised)) so its validation precision is at least \(rounded(minimum)).")
                tiers[0].minProbability = raised
            }
        }
        // Thresholds must not increase down the list: a lower tier never starts above a higher one.
        for index in tiers.indices.dropFirst() where tiers[index].minProbability > tiers[index - 1].minProbability {
            tiers[index].minProbability = tiers[index - 1].minProbability
            notes.append("Tier \(tiers[index].name) is empty: its threshold met the tier above.")
        }
        return Plan(tiers: tiers, notes: notes)
    }

    /// The lowest threshold ≥ `start` whose precision on validation reaches `minimum`.
    static func raiseForPrecision(_ start: Double, minimum: Double, probabilities: [Double], labels: [Bool]) -> Double {
        guard precision(above: start, probabilities, labels) < minimum else { return start }
        let order = probabilities.indices.sorted { probabilities[$0] > probabilities[$1] }
        var positives = 0, count = 0
        var best: Double?
        var position = 0
        while position < order.count {
            let value = probabilities[order[position]]
            while position < order.count, probabilities[order[position]] == value {
                count += 1
                if labels[order[position]] { positives += 1 }
                position += 1
            }
            if value >= start, Double(positives) / Double(count) >= minimum { best = value }
        }
        return best ?? 1.0
    }

    static func precision(above threshold: Double, _ probabilities: [Double], _ labels: [Bool]) -> Double {
        var positives = 0, count = 0
        for (probability, label) in zip(probabilities, labels) where probability >= threshold {
            count += 1
            if label { positives += 1 }
        }
        return count == 0 ? 0 : Double(positives) / Double(count)
    }

    static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
