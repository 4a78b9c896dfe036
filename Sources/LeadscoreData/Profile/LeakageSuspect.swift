/// A field that may hold information from after the lead arrived, with what points to it.
///
/// The profile, `contract check`, the model bundle and the model card's checklist ("Were these known when
/// the lead arrived?") all carry the same value, so the question asked of the user reads the same
/// everywhere. A statistic alone cannot tell a rep's judgement from an honest engagement field, so a
/// suspect is a question with evidence, not a verdict, unless the evidence is strong.
public struct LeakageSuspect: Codable, Sendable, Equatable {
    /// How strongly the evidence points at leakage.
    public enum Level: String, Codable, Sendable, CaseIterable, Comparable {
        /// One weaker signal: ask whether the field was known when the lead arrived.
        case review
        /// Strong or combined evidence: the field should be marked `scoring: leakage`.
        case leakage

        public static func < (lhs: Level, rhs: Level) -> Bool {
            lhs == .review && rhs == .leakage
        }

        /// What the user should do about a suspect at this level, for reports and the model card checklist.
        public var suggestedAction: String {
            switch self {
            case .leakage:
                return "mark `scoring: leakage` in the contract unless you can show it was known when the lead arrived"
            case .review:
                return "confirm it was known when the lead arrived, or mark `scoring: leakage`"
            }
        }
    }

    /// The snapshot column or contract field, e.g. `Lead_Rating_By_Rep__c`.
    public var name: String
    public var level: Level
    /// Plain-language evidence items, most decisive first, e.g. "single-feature ROC AUC 0.81".
    public var evidence: [String]

    public init(name: String, level: Level, evidence: [String]) {
        self.name = name
        self.level = level
        self.evidence = evidence
    }
}
