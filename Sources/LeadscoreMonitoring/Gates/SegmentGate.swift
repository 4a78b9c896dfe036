import LeadscoreData
import LeadscoreModels

/// The segments gate: per value of each configured segment field (`segments:` in leadscore.yaml, as
/// the candidate was trained with), the candidate's ROC AUC on the segment's compared test leads may
/// fall at most a tolerance below the champion's on the same leads. A model that gains overall by
/// giving up on one region or source must not slip through.
enum SegmentGate {
    /// A segment needs this many conversions and as many non-conversions for its AUC to mean anything;
    /// below that it is listed as too small to judge.
    static let minimumClassCount = 20

    static func evaluate(_ compared: ComparedLeads, candidate: ModelBundle, settings: GateSettings) -> GateResult {
        guard let championScores = compared.champion else {
            return GateResult(gate: .segments, checks: [], notes: ["no production model: segments not compared"])
        }
        var checks: [GateCheck] = [], notes: [String] = []
        for field in candidate.metadata.settings.segments {
            guard let column = compared.table.column(field) else {
                notes.append("segment field \(field) is not in the snapshot")
                continue
            }
            var groups: [String: [Int]] = [:]
            for (position, row) in compared.rows.enumerated() {
                groups[key(column.value(at: row)), default: []].append(position)
            }
            var small: [String] = []
            for (value, positions) in groups.sorted(by: { $0.value.count != $1.value.count ? $0.value.count > $1.value.count
                                                           : $0.key < $1.key }) {
                let labels = positions.map { compared.labels[$0] }
                let positives = labels.count { $0 }
                guard positions.count >= settings.segmentMinimumLeads, positives >= minimumClassCount,
                      labels.count - positives >= minimumClassCount else {
                    small.append("\(value) (\(GateFormat.count(positions.count)) leads, \(GateFormat.count(positives)) converted)")
                    continue
                }
                let candidateAUC = ROCAUC.compute(scores: positions.map { compared.candidate[$0] }, labels: labels)
                let championAUC = ROCAUC.compute(scores: positions.map { championScores[$0] }, labels: labels)
                checks.append(check(field: field, value: value, leads: positions.count, positives: positives,
                                    candidate: candidateAUC, champion: championAUC, tolerance: settings.segmentAUCTolerance))
            }
            if !small.isEmpty {
                notes.append("\(field): too small to judge (under \(GateFormat.count(settings.segmentMinimumLeads)) leads or "
                    + "\(minimumClassCount) of either outcome): \(small.prefix(8).joined(separator: ", "))"
                    + (small.count > 8 ? ", and \(small.count - 8) more" : ""))
            }
        }
        return GateResult(gate: .segments, checks: checks, notes: notes)
    }

    /// A segment's name as the model card writes it: the text, `(blank)`, or the number.
    static func key(_ value: FieldValue) -> String {
        switch value {
        case let .text(text): return text
        case .missing: return "(blank)"
        case let other: return other.numeric.map { String($0) } ?? "(blank)"
        }
    }

    private static func check(field: String, value: String, leads: Int, positives: Int, candidate: Double?,
                              champion: Double?, tolerance: Double) -> GateCheck {
        let name = "segment_auc:\(field)=\(value)"
        let segment = "\(field) = \(value) (\(GateFormat.count(leads)) leads, \(GateFormat.count(positives)) converted)"
        guard let candidate, let champion else {
            return GateCheck(name: name, passed: false, value: candidate, reference: champion,
                             message: "\(segment): ROC AUC could not be measured")
        }
        let limit = champion - tolerance
        return GateCheck(
            name: name, passed: candidate >= limit, value: candidate, reference: champion, limit: limit,
            message: "\(segment): ROC AUC \(GateFormat.fixed(candidate)) vs \(GateFormat.fixed(champion)) for the champion; "
                + "must be at least \(GateFormat.fixed(limit))")
    }
}
