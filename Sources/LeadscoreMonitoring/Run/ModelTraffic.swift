import LeadscoreModels

/// What one model version scored in the window, accumulated from its audit rows: the monitored
/// inputs' bins (from each row's input profile), the scores by band and the tiers.
struct ModelTraffic: Sendable {
    let version: String
    let baseline: MonitoringBaseline?
    private(set) var scored = 0
    /// Rows whose input profile was missing or did not fit the baseline (older rows, another model).
    private(set) var unprofiled = 0
    private(set) var fieldCounts: [BinCounts]
    /// Per field: present values never seen in training (categorical) or outside its range (numeric).
    private(set) var flagged: [Int]
    private(set) var scoreBands = [Int](repeating: 0, count: 10)
    private(set) var tiers: [String: Int] = [:]

    init(version: String, baseline: MonitoringBaseline?) {
        self.version = version
        self.baseline = baseline
        fieldCounts = baseline?.fields.map { BinCounts(for: $0) } ?? []
        flagged = [Int](repeating: 0, count: baseline?.fields.count ?? 0)
    }

    mutating func add(score: Int?, tier: String?, profile: String?) {
        scored += 1
        if let score { scoreBands[min(9, max(0, score / 10))] += 1 }
        if let tier { tiers[tier, default: 0] += 1 }
        guard let baseline, let profile, let bins = InputProfile.decode(profile, baseline: baseline) else {
            unprofiled += 1
            return
        }
        for (field, bin) in bins.enumerated() {
            fieldCounts[field].add(bin: bin.bin)
            if bin.flagged { flagged[field] += 1 }
        }
    }

    /// Each monitored field's drift and quality against the baseline (fields with no counted value left out).
    func fieldDrift() -> [FieldDrift] {
        guard let baseline else { return [] }
        return baseline.fields.indices.compactMap { index in
            let field = baseline.fields[index]
            // The flag means "never seen" for categories and "outside training's range" for numbers.
            return FieldDrift.measure(baseline: field, counts: fieldCounts[index],
                                      unseen: field.kind == .categorical ? flagged[index] : 0,
                                      outOfRange: field.kind == .numeric ? flagged[index] : 0)
        }
    }

    /// Share of scored leads per score band (0–9 … 90–100).
    var scoreShares: [Double] {
        let total = scoreBands.reduce(0, +)
        return scoreBands.map { total > 0 ? Double($0) / Double(total) : 0 }
    }

    /// Share of scored leads per tier name.
    var tierShares: [String: Double] {
        let total = tiers.values.reduce(0, +)
        return tiers.mapValues { total > 0 ? Double($0) / Double(total) : 0 }
    }
}
