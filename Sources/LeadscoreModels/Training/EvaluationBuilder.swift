import Foundation
import LeadscoreData

/// The champion's test-slice views for the model card (importance, tiers, histogram, segments) and
/// the training-data references the scoring policy keeps (field weights, known values).
struct EvaluationBuilder {
    /// Exact contributions are computed on at most this many test leads: TreeSHAP costs ~0.5 ms a
    /// lead for a typical model on 2 cores, and mean |SHAP| is stable well before 5,000 leads.
    static let importanceSampleSize = 5_000
    /// Segments smaller than this are folded away: their metrics would be noise.
    static let minimumSegmentRows = 200

    let data: TrainingData
    let config: TrainingConfig
    let champion: ScoringModel

    private var testRows: [Int] { data.rows[.test]! }
    private var testLabels: [Bool] { data.labels[.test]! }

    /// Mean |contribution| per field on (a sample of) the test leads, largest first.
    func importance() throws -> [FieldImportance] {
        let inputs = data.inputs[.test]!.prefix(Self.importanceSampleSize)
        let contributions = try champion.contributions(inputs, groups: ContributionGroups(pipeline: data.pipeline))
        var sums: [String: Double] = [:]
        for lead in contributions {
            for (field, impact) in lead.byField { sums[field, default: 0] += abs(impact) }
        }
        let labels = ReasonBuilder(contract: data.snapshot.contract, settings: config.explanations)
        return sums.map { FieldImportance(field: $0.key, label: labels.label(of: $0.key),
                                          meanAbsoluteImpact: $0.value / Double(max(1, inputs.count))) }
            .sorted { $0.meanAbsoluteImpact != $1.meanAbsoluteImpact ? $0.meanAbsoluteImpact > $1.meanAbsoluteImpact : $0.field < $1.field }
    }

    /// Field weights from the champion's importance; known values are those of `rows`, the leads the
    /// bundle's model learned from (train, plus validation after a refit), read through `pipeline`.
    func confidenceReference(importance: [FieldImportance], pipeline: FeaturePipeline, rows: [Int]) -> ConfidenceReference {
        let total = importance.reduce(0) { $0 + $1.meanAbsoluteImpact }
        var weights: [String: Double] = [:]
        for item in importance where total > 0 { weights[item.field] = item.meanAbsoluteImpact / total }
        var known: [String: [String]] = [:]
        let table = data.snapshot.table
        for step in pipeline.steps where step.kind == .oneHot || step.kind == .multiHot || step.kind == .sourceGroup {
            guard case let .categorical(column)? = table.column(step.column) else { continue }
            var seen = Set<Int32>()
            for row in rows where column.codes[row] >= 0 { seen.insert(column.codes[row]) }
            var values = Set<String>()
            for code in seen {
                let level = column.levels[Int(code)]
                values.formUnion(step.kind == .multiHot ? MultiSelect.values(of: level) : [level])
            }
            if values.count <= 2_000 { known[step.column] = values.sorted() }
        }
        return ConfidenceReference(fieldWeights: weights, knownValues: known, borderlineDistance: 0.02)
    }

    func scoreHistogram(probabilities: [Double], policy: ScoringPolicy) -> [ScoreBand] {
        var bands = (0..<10).map { ScoreBand(lower: $0 * 10, upper: $0 == 9 ? 100 : $0 * 10 + 9, countsByTier: [:]) }
        for probability in probabilities {
            let score = Int((probability * 100).rounded())
            bands[min(9, score / 10)].countsByTier[policy.tier(for: probability).name, default: 0] += 1
        }
        return bands
    }

    func tierOutcomes(probabilities: [Double], policy: ScoringPolicy) -> [TierOutcome] {
        let totalPositives = testLabels.filter { $0 }.count
        var counts: [String: Int] = [:], positivesByTier: [String: Int] = [:]
        for (probability, label) in zip(probabilities, testLabels) {
            let name = policy.tier(for: probability).name
            counts[name, default: 0] += 1
            if label { positivesByTier[name, default: 0] += 1 }
        }
        var cumulativeCount = 0, cumulativePositives = 0
        return policy.tiers.map { tier in
            let count = counts[tier.name] ?? 0, positives = positivesByTier[tier.name] ?? 0
            cumulativeCount += count
            cumulativePositives += positives
            return TierOutcome(
                name: tier.name, label: tier.label, route: tier.route, minProbability: tier.minProbability, count: count,
                conversionRate: count > 0 ? Double(positives) / Double(count) : 0,
                cumulativePrecision: cumulativeCount > 0 ? Double(cumulativePositives) / Double(cumulativeCount) : 0,
                cumulativeRecall: totalPositives > 0 ? Double(cumulativePositives) / Double(totalPositives) : 0,
                leadsPerDay: data.arrivalPerDay * Double(count) / Double(max(1, probabilities.count)))
        }
    }

    /// SLA impact: the test leads, the most recent period of a temporal split, by the tier the champion
    /// puts them in and the UTC weekday-hour they were created, so the card shows whether the top
    /// tier would flood the SDR queue at peak hours. `nil` with a one-line reason when the data
    /// cannot say when leads arrived.
    func arrivalForecast(probabilities: [Double], policy: ScoringPolicy) -> (forecast: ArrivalForecast?, note: String?) {
        guard let createdField = data.snapshot.contract.createdField else {
            return (nil, "The data contract names no creation field (created_field in contract.yaml), so arrivals by hour cannot be shown.")
        }
        guard let column = data.snapshot.table.column(createdField) else {
            return (nil, "The snapshot has no \(createdField) column, so arrivals by hour cannot be shown.")
        }
        guard data.snapshot.manifest.split.method.hasPrefix("temporal") else {
            return (nil, "Some leads have no \(createdField), so the split is not by creation time and the test leads are "
                + "not a period of arrivals; arrivals by hour cannot be shown.")
        }
        var arrivals: [(at: Date, tier: String)] = []
        arrivals.reserveCapacity(testRows.count)
        for (row, probability) in zip(testRows, probabilities) {
            guard let created = column.value(at: row).numeric else { continue }
            arrivals.append((Date(timeIntervalSince1970: created), policy.tier(for: probability).name))
        }
        // A date-only export (or a field declared as a date) puts every lead at midnight: no hour to show.
        if !arrivals.isEmpty, arrivals.allSatisfy({ $0.at.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400) == 0 }) {
            return (nil, "\(createdField) holds days without a time of day, so arrivals by hour cannot be shown; "
                + "export it as a date-time (e.g. 2025-03-04T15:22:10.000+0000).")
        }
        let utc = TimeZone(identifier: "UTC") ?? .gmt
        return (ArrivalForecast(arrivals: arrivals, tiers: policy.tiers.map(\.name), timeZone: utc), nil)
    }

    /// Test metrics per value of each segment field; a segment is flagged when its AUC is 0.05 or
    /// more below the overall AUC, or its mean probability is off its observed rate by more than
    /// 5 points and a quarter of the rate.
    func segments(probabilities: [Double], overallAUC: Double?) -> [SegmentMetrics] {
        let table = data.snapshot.table
        var result: [SegmentMetrics] = []
        for field in config.segments {
            guard let column = table.column(field) else { continue }
            var groups: [String: [Int]] = [:]
            for (position, row) in testRows.enumerated() {
                let key: String
                switch column.value(at: row) {
                case let .text(text): key = text
                case .missing: key = "(blank)"
                case let other: key = other.numeric.map { String($0) } ?? "(blank)"
                }
                groups[key, default: []].append(position)
            }
            for (value, positions) in groups.sorted(by: { $0.value.count > $1.value.count }) where positions.count >= Self.minimumSegmentRows {
                let labels = positions.map { testLabels[$0] }
                let scores = positions.map { probabilities[$0] }
                let positives = labels.filter { $0 }.count
                let auc = ROCAUC.compute(scores: scores, labels: labels)
                let meanProbability = scores.reduce(0, +) / Double(scores.count)
                let observed = Double(positives) / Double(labels.count)
                var notes: [String] = []
                if let auc, let overallAUC, positives >= 30, labels.count - positives >= 30, auc < overallAUC - 0.05 {
                    notes.append("AUC \(rounded(auc)) vs \(rounded(overallAUC)) overall")
                }
                let gap = abs(meanProbability - observed)
                if gap > 0.05 && gap > 0.25 * observed {
                    notes.append("predicts \(rounded(meanProbability * 100))% but \(rounded(observed * 100))% converted")
                }
                result.append(SegmentMetrics(field: field, value: value, rows: labels.count, positives: positives, rocAUC: auc,
                                             meanProbability: meanProbability, observedRate: observed,
                                             disparity: !notes.isEmpty, note: notes.isEmpty ? nil : notes.joined(separator: "; ")))
            }
        }
        return result
    }

    func dataSummary() -> DataSummary {
        let manifest = data.snapshot.manifest
        let contract = data.snapshot.contract
        var rows: [String: Int] = [:], positives: [String: Int] = [:]
        for split in DataSplit.allCases {
            rows[split.rawValue] = data.rows[split]!.count
            positives[split.rawValue] = data.labels[split]!.filter { $0 }.count
        }
        var label = "\(contract.label.field) is true"
        if let dateField = contract.label.dateField, let window = contract.label.windowDays {
            label += " with \(dateField) within \(window) days of creation; leads younger than \(window) days at \(manifest.window.asOf) are left out"
        }
        return DataSummary(snapshotId: manifest.snapshotId, contractName: contract.name, contractRevision: contract.revision,
                           labelDescription: label, rows: rows, positives: positives, windows: data.windows,
                           featureColumns: data.pipeline.columnNames.count, excludedFields: Self.excludedFields(contract),
                           arrivalPerDay: data.arrivalPerDay)
    }

    func limitations(rules: RulesModel, notes: [String]) -> [String] {
        var items = notes
        let fitted = data.fittedWindow(refit: config.refit)
        if fitted.count == 2, let test = data.windows["test"] {
            let slices = config.refit ? " (train and validation, refitted after the test evaluation)" : ""
            items.append("Trained on leads created \(fitted[0]) to \(fitted[1])\(slices) and tested on \(test[0]) to \(test[1]); "
                + "changes in lead sources, forms or sales process after that are not reflected until retraining.")
        }
        if rules.isDefault {
            items.append("The rules baseline is leadscore's default point set, not your team's own rules: "
                + "add `rules:` to leadscore.yaml for a like-for-like comparison.")
        }
        let testPositives = data.labels[.test]!.filter { $0 }.count
        if testPositives < 200 {
            items.append("Only \(testPositives) converted leads in the test slice: metrics carry wide intervals.")
        }
        items.append("Scores describe leads \(data.pipeline.observationDays) days after creation, as the model saw them in training; "
            + "scores of brand-new leads use less engagement data.")
        return items
    }

    static func excludedFields(_ contract: DataContract) -> [String: String] {
        var fields: [String: String] = [:]
        for field in contract.fields {
            switch field.scoring {
            case .leakage: fields[field.name] = "leakage: " + (field.note ?? "known only after the outcome")
            case .excluded: fields[field.name] = "excluded: " + (field.note ?? "not a feature")
            case .allowed: if field.pii && field.derive.isEmpty { fields[field.name] = "personal data" }
            }
        }
        return fields
    }

    private func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
