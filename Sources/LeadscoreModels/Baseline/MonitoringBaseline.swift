import LeadscoreData

/// What a model bundle remembers about the leads it learned from, so a monitor can later tell whether
/// today's leads and scores still look like them: each monitored input field's binned distribution,
/// the score distribution in ten bands and the tier mix.
public struct MonitoringBaseline: Sendable, Codable, Equatable {
    /// Score bands 0–9, 10–19, …, 80–89, 90–100.
    public static let scoreBandCount = 10

    /// One per monitored field, in the order the builder was given them (first occurrence kept).
    public var fields: [FieldBaseline]
    /// How many training leads the field distributions were built from.
    public var rows: Int
    /// How many scored leads the score bands and tier mix were built from.
    public var scoredLeads: Int
    /// Share of scored leads per score band (``scoreBand(score:)``); sums to 1.
    public var scoreBands: [Double]
    /// Share of scored leads per tier name; sums to 1.
    public var tierMix: [String: Double]

    public init(fields: [FieldBaseline], rows: Int, scoredLeads: Int, scoreBands: [Double], tierMix: [String: Double]) {
        self.fields = fields
        self.rows = rows
        self.scoredLeads = scoredLeads
        self.scoreBands = scoreBands
        self.tierMix = tierMix
    }

    private enum CodingKeys: String, CodingKey {
        case fields, rows, scoredLeads, scoreBands, tierMix
    }

    /// Reads a baseline from a bundle's JSON, refusing one whose score bands or field names do not fit
    /// (each field checks its own bins).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        fields = try container.decode([FieldBaseline].self, forKey: .fields)
        rows = try container.decode(Int.self, forKey: .rows)
        scoredLeads = try container.decode(Int.self, forKey: .scoredLeads)
        scoreBands = try container.decode([Double].self, forKey: .scoreBands)
        tierMix = try container.decode([String: Double].self, forKey: .tierMix)
        if Set(fields.map(\.name)).count != fields.count {
            throw DecodingError.dataCorruptedError(forKey: .fields, in: container, debugDescription: "field names must be distinct")
        }
        if rows < 1 || scoredLeads < 1 {
            throw DecodingError.dataCorruptedError(
                forKey: rows < 1 ? .rows : .scoredLeads, in: container, debugDescription: "a baseline is built from at least one lead")
        }
        for (key, shares) in [(CodingKeys.scoreBands, scoreBands), (.tierMix, Array(tierMix.values))] {
            if shares.contains(where: { !($0 >= 0 && $0 <= 1) }) || abs(shares.reduce(0, +) - 1) > 1e-6 {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "shares must lie in 0…1 and sum to 1")
            }
        }
        if scoreBands.count != Self.scoreBandCount {
            throw DecodingError.dataCorruptedError(
                forKey: .scoreBands, in: container, debugDescription: "\(scoreBands.count) score bands; there are \(Self.scoreBandCount)")
        }
    }

    public func field(named name: String) -> FieldBaseline? {
        fields.first { $0.name == name }
    }

    /// The band of a 0–100 score: `score / 10`, with 100 in the top band (90–100) and anything outside
    /// 0…100 clamped into the first or last band.
    public static func scoreBand(score: Int) -> Int {
        min(max(score, 0) / 10, scoreBandCount - 1)
    }

    /// The 0–100 score of a probability, rounded as the scorer rounds it.
    public static func score(probability: Double) -> Int {
        Int((min(max(probability, 0), 1) * 100).rounded())
    }

    /// Builds the baseline of a training table.
    ///
    /// - Parameters:
    ///   - rows: the training leads (train, plus validation after a refit): the field distributions.
    ///   - fields: the snapshot columns that feed the model (the feature pipeline's `steps.map(\.column)`);
    ///     duplicates are ignored.
    ///   - probabilities: calibrated probabilities of the leads the score baseline should describe, usually
    ///     the test slice (held out, and the most recent period of a temporal split).
    ///   - tiers: the tier name of a probability (the scoring policy's `tier(for:).name`).
    /// - Throws: ``MonitoringBaselineError`` when there are no rows or scores, a column is not in the
    ///   table, or a probability is not a number in 0…1.
    public static func build(table: LeadTable, rows: [Int], fields: [String], probabilities: [Double],
                             tiers: (Double) -> String) throws -> MonitoringBaseline {
        guard !rows.isEmpty else { throw MonitoringBaselineError.noTrainingRows }
        guard !probabilities.isEmpty else { throw MonitoringBaselineError.noScores }
        var names: [String] = []
        var seen = Set<String>()
        for name in fields where seen.insert(name).inserted { names.append(name) }
        let baselines = try names.map { name in
            guard let column = table.column(name) else {
                throw MonitoringBaselineError.unknownColumn(name: name, available: table.columnNames)
            }
            return FieldBaseline.build(name: name, column: column, rows: rows)
        }

        var bandCounts = [Int](repeating: 0, count: scoreBandCount)
        var tierCounts: [String: Int] = [:]
        for (position, probability) in probabilities.enumerated() {
            guard probability >= 0, probability <= 1 else {
                throw MonitoringBaselineError.invalidProbability(position: position, value: probability)
            }
            bandCounts[scoreBand(score: score(probability: probability))] += 1
            tierCounts[tiers(probability), default: 0] += 1
        }
        let scored = Double(probabilities.count)
        return MonitoringBaseline(
            fields: baselines, rows: rows.count, scoredLeads: probabilities.count,
            scoreBands: bandCounts.map { Double($0) / scored }, tierMix: tierCounts.mapValues { Double($0) / scored })
    }
}
