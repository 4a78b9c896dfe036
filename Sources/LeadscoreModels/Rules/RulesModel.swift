import Foundation
import LeadscoreData

/// One line of a points-based scoring sheet: "Demo requested: +30", "Free-mail domain: −10",
/// "+5 per pricing-page visit, at most 20".
public struct PointRule: Sendable, Codable, Equatable {
    public var condition: FieldCondition
    /// Points when the condition holds (negative points penalise).
    public var points: Double
    /// Points per unit of a numeric value instead of fixed points.
    public var pointsEach: Double?
    /// The most (absolute) points this rule can give.
    public var cap: Double?
    /// Engagement points fade with time since the last activity (see `RulesModel.halfLifeDays`).
    public var engagement: Bool

    public init(condition: FieldCondition, points: Double = 0, pointsEach: Double? = nil, cap: Double? = nil,
                engagement: Bool = false) {
        self.condition = condition
        self.points = points
        self.pointsEach = pointsEach
        self.cap = cap
        self.engagement = engagement
    }

    /// This rule's points for `value`, before decay.
    public func points(for value: FieldValue) -> Double {
        guard condition.matches(value) else { return 0 }
        var result = points
        if let pointsEach {
            result = (FieldCondition.number(value) ?? 0) * pointsEach
        }
        if let cap { result = max(-abs(cap), min(abs(cap), result)) }
        return result
    }
}

/// The points-based lead scoring admins run today, as code, so a model can be compared with it on
/// the same leads. Its "margin" is the point total; calibration turns points into a probability.
public struct RulesModel: Sendable, Codable, Equatable {
    public var rules: [PointRule]
    /// A date field (e.g. `LastActivityDate`); engagement points halve every `halfLifeDays` after it.
    public var decayField: String?
    public var halfLifeDays: Double
    public var minTotal: Double?
    public var maxTotal: Double?
    /// True when leadscore chose the points because the config had none.
    public var isDefault: Bool

    public init(rules: [PointRule], decayField: String? = nil, halfLifeDays: Double = 30, minTotal: Double? = 0,
                maxTotal: Double? = 100, isDefault: Bool = false) {
        self.rules = rules
        self.decayField = decayField
        self.halfLifeDays = halfLifeDays
        self.minTotal = minTotal
        self.maxTotal = maxTotal
        self.isDefault = isDefault
    }

    /// The columns the rules read.
    public var fields: [String] {
        var seen = Set<String>()
        return (rules.map(\.condition.field) + [decayField].compactMap { $0 }).filter { seen.insert($0).inserted }
    }

    /// Points per field for one lead (`value(column)` reads the lead), decayed, before the total's
    /// bounds. Fields without points are absent.
    public func pointsByField(value: (String) -> FieldValue, scoringMoment: Double) -> [String: Double] {
        let decay = decayFactor(value: value, scoringMoment: scoringMoment)
        var points: [String: Double] = [:]
        for rule in rules {
            let raw = rule.points(for: value(rule.condition.field))
            guard raw != 0 else { continue }
            points[rule.condition.field, default: 0] += rule.engagement ? raw * decay : raw
        }
        return points
    }

    /// The lead's point total, within `minTotal...maxTotal`: the points of `pointsByField`, added in rule
    /// order (no dictionary per lead, and the same sum in every process).
    public func total(value: (String) -> FieldValue, scoringMoment: Double) -> Double {
        let decay = decayFactor(value: value, scoringMoment: scoringMoment)
        var sum = 0.0
        for rule in rules {
            let raw = rule.points(for: value(rule.condition.field))
            guard raw != 0 else { continue }
            sum += rule.engagement ? raw * decay : raw
        }
        return bounded(sum)
    }

    public func bounded(_ total: Double) -> Double {
        var result = total
        if let minTotal { result = max(minTotal, result) }
        if let maxTotal { result = min(maxTotal, result) }
        return result
    }

    /// 0.5^(days since the decay field / half-life); 1 when the date is missing or after the scoring
    /// moment (features treat such dates as unknown too).
    private func decayFactor(value: (String) -> FieldValue, scoringMoment: Double) -> Double {
        guard let decayField, case let .time(date) = value(decayField), date <= scoringMoment, halfLifeDays > 0 else {
            return 1
        }
        return pow(0.5, (scoringMoment - date) / 86_400 / halfLifeDays)
    }
}
