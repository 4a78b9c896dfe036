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
    /// By field name, in name order (the order unseen fields are reported in).
    private let knownValues: [(field: String, values: Set<String>)]
    private let thresholds: [Double]

    public init(policy: ScoringPolicy) {
        reference = policy.confidence
        knownValues = policy.confidence.knownValues.sorted { $0.key < $1.key }.map { ($0.key, Set($0.value)) }
        thresholds = policy.tiers.dropLast().map(\.minProbability)
    }

    public func assess(probability: Double, value: (String) -> FieldValue) -> Assessment {
        var present = 0.0, total = 0.0
        for (field, weight) in reference.fieldWeights {
            total += weight
            if value(field) != .missing { present += weight }
        }
        let completeness = total > 0 ? present / total : 1
        var unseen: [String] = []
        for (field, known) in knownValues {
            // A known single value needs no splitting; a multi-select value is judged selection by selection.
            guard case let .text(text) = value(field), !known.contains(text) else { continue }
            if MultiSelect.values(of: text).contains(where: { !known.contains($0) }) { unseen.append(field) }
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
