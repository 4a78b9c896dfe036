import LeadscoreData
import Yams

/// Reads `tiers:` and `overrides:`:
///
/// ```yaml
/// tiers:
///   by: capacity                 # or probability
///   min_top_precision: 0.3
///   levels:
///     - {name: A, label: Hot, capacity: 200/day, route: SDR_Hot_Queue}
///     - {name: B, label: Warm, capacity: 600/day, route: SDR_Queue}
///     - {name: C, label: Nurture, route: Marketing_Nurture}
/// overrides:
///   - {field: LeadSource, equals: Partner Referral, route: Partner_Queue, reason: Partner leads go to the partner team}
/// ```
enum TierConfigReader {
    static func read(_ node: Node, reader: YAMLNodeReader) -> TierSettings? {
        guard let map = reader.mapping(node, "tiers", allowed: ["by", "min_top_precision", "levels"]) else { return nil }
        var settings = TierSettings()
        settings.method = reader.enumeration(map["by"], "tiers.by", as: TierSettings.Method.self) ?? settings.method
        settings.minimumTopPrecision = reader.double(map["min_top_precision"], "tiers.min_top_precision", range: 0...1)
        guard let items = reader.sequence(map["levels"], "tiers.levels") else { return settings }
        var levels: [TierLevel] = []
        for (index, item) in items.enumerated() {
            let path = "tiers.levels[\(index)]"
            guard let entry = reader.mapping(item, path, allowed: ["name", "label", "min_probability", "capacity", "route"]),
                  let name = reader.string(entry["name"], "\(path).name", required: true),
                  let route = reader.string(entry["route"], "\(path).route", required: true) else { continue }
            let isLast = index == items.count - 1
            var level = TierLevel(name: name, label: reader.string(entry["label"], "\(path).label") ?? name, route: route)
            level.minProbability = reader.double(entry["min_probability"], "\(path).min_probability", range: 0...1)
            level.capacityPerDay = capacity(entry["capacity"], path: "\(path).capacity", reader: reader)
            if !isLast {
                if settings.method == .probability, level.minProbability == nil {
                    reader.fail(item, "\(path).min_probability", "is required when tiers are by probability",
                                fix: "add e.g. `min_probability: 0.4` (the last tier takes the rest)")
                }
                if settings.method == .capacity, level.capacityPerDay == nil {
                    reader.fail(item, "\(path).capacity", "is required when tiers are by capacity",
                                fix: "add e.g. `capacity: 200/day` (the last tier takes the rest)")
                }
            }
            levels.append(level)
        }
        if levels.count < 2 {
            reader.fail(map["levels"], "tiers.levels", "needs at least two tiers", fix: "list a top tier and a tier for the rest")
        } else {
            settings.levels = levels
        }
        if settings.method == .probability {
            let thresholds = levels.dropLast().compactMap(\.minProbability)
            if zip(thresholds, thresholds.dropFirst()).contains(where: { $0 <= $1 }) {
                reader.fail(map["levels"], "tiers.levels", "min_probability must fall from the first tier to the last",
                            fix: "list the best tier first, e.g. A 0.5, B 0.2, C (rest)")
            }
        }
        return settings
    }

    /// `200/day`, `200` (per day) or `1000/week`.
    static func capacity(_ node: Node?, path: String, reader: YAMLNodeReader) -> Double? {
        guard let text = reader.string(node, path) else { return nil }
        let parts = text.replacingOccurrences(of: " ", with: "").lowercased().split(separator: "/")
        let divisor: Double? = parts.count == 1 ? 1 : ["day": 1, "week": 7, "month": 30][String(parts.last ?? "")]
        guard let count = parts.first.flatMap({ Double($0) }), count > 0, let divisor, parts.count <= 2 else {
            reader.fail(node, path, "'\(text)' is not a capacity", fix: "write leads per period, e.g. 200/day or 1000/week")
            return nil
        }
        return count / divisor
    }

    static func readOverride(_ node: Node, path: String, reader: YAMLNodeReader) -> RouteOverride? {
        guard let entry = reader.mapping(node, path, allowed: FieldConditionReader.testKeys + ["field", "route", "reason"]),
              let condition = FieldConditionReader.read(entry, node: node, path: path, reader: reader),
              let route = reader.string(entry["route"], "\(path).route", required: true) else { return nil }
        let reason = reader.string(entry["reason"], "\(path).reason") ?? "Routed to \(route) by rule on \(condition.field)"
        return RouteOverride(condition: condition, route: route, reason: reason)
    }
}
