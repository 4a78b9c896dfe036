import LeadscoreData

/// High / Medium / Low confidence in one score, from three signals a reviewer understands: how
/// complete the lead's data is (weighted by how much the model relies on each field), whether it
/// carries values the model never saw in training, and whether its probability sits on a tier edge.
public struct ConfidenceAssessor: Sendable {
    public enum Level: String, Sendable, Codable, CaseIterable {
        case high = "High", medium = "Medium", low = "Low"
    }

    public struct Assessment: Sendable, Equatable {
        public var level: Level
        /// Importance-weighted share of fields present, 0–1.
        public var completeness: Double
        public var unseenValues: [String]
        public var borderline: Bool
        /// Plain-language notes for the response's `warnings`.
        public var notes: [String]
    }

    private let reference: ConfidenceReference
    /// The columns an assessment reads, by position: `weights` for the first, then the known-value
    /// fields. A batch resolves them to its own slots once (`assess(probability:valueAt:)`).
    public let fields: [String]
    /// Importance weight of `fields[i]`, in name order (so completeness adds up the same way each run).
    private let weights: [Double]
    /// Position in `fields` and the values seen in training, by field name (the order unseen fields are
    /// reported in).
    private let knownValues: [(position: Int, values: Set<String>)]
    private let thresholds: [Double]

    public init(policy: ScoringPolicy) {
        reference = policy.confidence
        let weighted = policy.confidence.fieldWeights.sorted { $0.key < $1.key }
        let known = policy.confidence.knownValues.sorted { $0.key < $1.key }
        fields = weighted.map(\.key) + known.map(\.key)
        weights = weighted.map(\.value)
        knownValues = known.enumerated().map { (weighted.count + $0.offset, Set($0.element.value)) }
        thresholds = policy.tiers.dropLast().map(\.minProbability)
    }

    public func assess(probability: Double, value: (String) -> FieldValue) -> Assessment {
        assess(probability: probability) { value(fields[$0]) }
    }

    /// The same with each value given by its position in `fields`.
    public func assess(probability: Double, valueAt value: (_ position: Int) -> FieldValue) -> Assessment {
        var present = 0.0, total = 0.0
        for (position, weight) in weights.enumerated() {
            total += weight
            if case .missing = value(position) {} else { present += weight }
        }
        let completeness = total > 0 ? present / total : 1
        var unseen: [String] = []
        for (position, known) in knownValues {
            // A known single value needs no splitting; a multi-select value is judged selection by selection.
            guard case let .text(text) = value(position), !known.contains(text) else { continue }
            if MultiSelect.values(of: text).contains(where: { !known.contains($0) }) { unseen.append(fields[position]) }
        }
        let borderline = thresholds.contains { abs(probability - $0) < reference.borderlineDistance }
        var notes: [String] = []
        var concerns = 0
        if completeness < 0.8 {
            concerns += completeness < 0.5 ? 2 : 1
            notes.append("Only \(Int((completeness * 100).rounded()))% of the data the model relies on is filled in.")
        }
        if !unseen.isEmpty {
            concerns += 1
            notes.append("Values not seen in training: \(unseen.joined(separator: ", ")).")
        }
        if borderline {
            concerns += 1
            notes.append("The probability is close to a tier threshold.")
        }
        let level: Level = concerns == 0 ? .high : concerns == 1 ? .medium : .low
        return Assessment(level: level, completeness: completeness, unseenValues: unseen, borderline: borderline, notes: notes)
    }
}
