import LeadscoreData
import Yams

/// Reads `rules:`, the points sheet of the rules baseline:
///
/// ```yaml
/// rules:
///   decay_field: LastActivityDate   # engagement points halve every half_life_days after it
///   half_life_days: 30
///   max_total: 100
///   points:
///     - {field: Demo_Requested__c, equals: "true", points: 30, engagement: true}
///     - {field: Pricing_Page_Visits__c, each: 5, cap: 20, engagement: true}
///     - {field: Email.domain_class, equals: free, points: -10}
/// ```
enum RulesConfigReader {
    static func read(_ node: Node, reader: YAMLNodeReader) -> RulesModel? {
        guard let map = reader.mapping(node, "rules", allowed: ["decay_field", "half_life_days", "min_total", "max_total", "points"]),
              let items = reader.sequence(map["points"], "rules.points") else {
            if node.null == nil, reader.errors.isEmpty {
                reader.fail(node, "rules.points", "is required", fix: "list the point rules under rules.points")
            }
            return nil
        }
        var model = RulesModel(rules: [])
        model.decayField = reader.string(map["decay_field"], "rules.decay_field")
        model.halfLifeDays = reader.double(map["half_life_days"], "rules.half_life_days", range: 0.1...3650) ?? model.halfLifeDays
        model.minTotal = reader.double(map["min_total"], "rules.min_total", range: -1e9...1e9) ?? model.minTotal
        model.maxTotal = reader.double(map["max_total"], "rules.max_total", range: -1e9...1e9) ?? model.maxTotal
        for (index, item) in items.enumerated() {
            let path = "rules.points[\(index)]"
            guard let entry = reader.mapping(item, path, allowed: FieldConditionReader.testKeys + ["field", "points", "each", "cap", "engagement"]),
                  let condition = FieldConditionReader.read(entry, node: item, path: path, reader: reader) else { continue }
            let points = reader.double(entry["points"], "\(path).points", range: -1e6...1e6)
            let each = reader.double(entry["each"], "\(path).each", range: -1e6...1e6)
            if (points == nil) == (each == nil) {
                reader.fail(item, path, "needs exactly one of 'points' (fixed) or 'each' (per unit)",
                            fix: "e.g. `points: 10` when the test holds, or `each: 5` per unit of a number")
                continue
            }
            model.rules.append(PointRule(condition: condition, points: points ?? 0, pointsEach: each,
                                         cap: reader.double(entry["cap"], "\(path).cap", range: 0...1e6),
                                         engagement: reader.bool(entry["engagement"], "\(path).engagement") ?? false))
        }
        return model
    }
}
