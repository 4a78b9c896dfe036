import Foundation
import LeadscoreData

/// A snapshot's rows prepared for training: the split row lists, labels, the fitted feature
/// pipeline and model inputs per slice, checked for enough positives to learn from.
struct TrainingData: Sendable {
    let snapshot: Snapshot
    let pipeline: FeaturePipeline
    let dataAsOf: Double
    let rows: [DataSplit: [Int]]
    let labels: [DataSplit: [Bool]]
    let inputs: [DataSplit: ScoringInputs]
    /// Leads created per day over the snapshot's span (for capacity tiers).
    let arrivalPerDay: Double
    /// First and last creation day (ISO 8601) per split name.
    let windows: [String: [String]]

    init(snapshot: Snapshot, minimumTrainPositives: Int) throws {
        self.snapshot = snapshot
        let table = snapshot.table
        var rows: [DataSplit: [Int]] = [:]
        for split in DataSplit.allCases { rows[split] = table.rows(in: split) }
        var labels: [DataSplit: [Bool]] = [:]
        for split in DataSplit.allCases { labels[split] = rows[split]!.map { table.labels[$0] == 1 } }
        let trainPositives = labels[.train]!.filter { $0 }.count
        if trainPositives < minimumTrainPositives {
            throw InputError(
                source: snapshot.directory.path, field: "label",
                problem: "the training slice has \(trainPositives) positive leads; at least \(minimumTrainPositives) are needed for a reliable model",
                fix: "snapshot a longer period (--from earlier), widen the label window in contract.yaml, "
                    + "or score with the rules baseline until more conversions are recorded")
        }
        for split in [DataSplit.validation, .test] {
            let positives = labels[split]!.filter { $0 }.count
            if positives == 0 || positives == labels[split]!.count {
                throw InputError(
                    source: snapshot.directory.path, field: "_split",
                    problem: "the \(split.rawValue) slice has \(positives) positives out of \(labels[split]!.count) leads; it cannot be evaluated",
                    fix: "snapshot a longer period or change the split fractions so each slice holds both outcomes")
            }
        }
        self.rows = rows
        self.labels = labels
        dataAsOf = SalesforceDate.parse(snapshot.manifest.window.asOf) ?? Date().timeIntervalSince1970
        pipeline = FeaturePipelineFitter.fit(table: table, contract: snapshot.contract, trainingRows: rows[.train]!)
        var inputs: [DataSplit: ScoringInputs] = [:]
        for split in DataSplit.allCases {
            inputs[split] = ScoringInputs(table: table, rows: rows[split]!, pipeline: pipeline, dataAsOf: dataAsOf)
        }
        self.inputs = inputs
        arrivalPerDay = Self.arrivalRate(table: table, createdField: snapshot.contract.createdField)
        windows = Self.windows(table: table, createdField: snapshot.contract.createdField, rows: rows)
    }

    /// Whether validation and test are later than train (a temporal or row-order split), not a random
    /// draw from the same period.
    var isTimeOrdered: Bool {
        let method = snapshot.manifest.split.method
        return method.hasPrefix("temporal") || method.hasPrefix("row_order")
    }

    /// First and last creation day (ISO 8601) of the leads the bundle's model learned from: the train
    /// slice, plus validation when the champion is refitted on both.
    func fittedWindow(refit: Bool) -> [String] {
        let slices = ([windows["train"]] + (refit ? [windows["validation"]] : [])).compactMap { $0 }
        guard let first = slices.map({ $0[0] }).min(), let last = slices.map({ $0[1] }).max() else { return [] }
        return [first, last]
    }

    private static func windows(table: LeadTable, createdField: String?, rows: [DataSplit: [Int]]) -> [String: [String]] {
        guard let createdField, let column = table.column(createdField) else { return [:] }
        var result: [String: [String]] = [:]
        for (split, splitRows) in rows {
            let times = splitRows.compactMap { column.value(at: $0).numeric }
            if let first = times.min(), let last = times.max() {
                result[split.rawValue] = [SalesforceDate.formatDate(first), SalesforceDate.formatDate(last)]
            }
        }
        return result
    }

    private static func arrivalRate(table: LeadTable, createdField: String?) -> Double {
        guard let createdField, let column = table.column(createdField) else { return 0 }
        let times = (0..<table.rowCount).compactMap { column.value(at: $0).numeric }
        guard let first = times.min(), let last = times.max(), last > first else { return 0 }
        return Double(times.count) / ((last - first) / 86_400 + 1)
    }
}
