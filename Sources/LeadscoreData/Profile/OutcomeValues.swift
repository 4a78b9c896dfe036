/// The values of a text column that record an outcome or a step of sales work ("Closed - Won",
/// "Not interested"), how many leads hold them, and the one whose leads convert most differently
/// from the rest — the difference that turns a suspicious picklist into a leaking one.
struct OutcomeValues: Sendable, Equatable {
    /// Matched values, most frequent first.
    var values: [String]
    /// Leads holding one of them, and leads with any value at all.
    var rows: Int
    var filledRows: Int
    /// The matched value whose leads convert most differently from the others, by z; `nil` when no
    /// matched value is held by enough leads to judge.
    var strongest: ValueConversion?

    /// Conversion among the leads holding `value` (first) against the other leads (second).
    struct ValueConversion: Sendable, Equatable {
        var value: String
        var conversion: OutcomeContrast
    }

    /// Matched values held by fewer leads than this are not compared by outcome (too noisy).
    static let minimumLeadsPerValue = SingleFeatureAUC.minimumBinCount

    var share: Double { filledRows == 0 ? 0 : Double(rows) / Double(filledRows) }

    /// `nil` when no value of the column matches the vocabulary.
    static func scan(_ column: CategoricalColumn, labels: [Bool]) -> OutcomeValues? {
        let matched = column.levels.indices.filter { LeakageVocabulary.isOutcomeValue(column.levels[$0]) }
        guard !matched.isEmpty else { return nil }
        var counts = [Int](repeating: 0, count: column.levels.count)
        var positives = [Int](repeating: 0, count: column.levels.count)
        var filled = 0
        for (code, positive) in zip(column.codes, labels) where code >= 0 {
            counts[Int(code)] += 1
            if positive { positives[Int(code)] += 1 }
            filled += 1
        }
        let held = matched.filter { counts[$0] > 0 }.sorted { counts[$0] > counts[$1] }
        guard !held.isEmpty else { return nil }
        let allPositives = labels.filter { $0 }.count
        var strongest: ValueConversion?
        for level in held where counts[level] >= minimumLeadsPerValue {
            let conversion = OutcomeContrast(
                firstCount: positives[level], firstTotal: counts[level],
                secondCount: allPositives - positives[level], secondTotal: labels.count - counts[level])
            if abs(conversion.z) > abs(strongest?.conversion.z ?? 0) {
                strongest = ValueConversion(value: column.levels[level], conversion: conversion)
            }
        }
        return OutcomeValues(values: held.map { column.levels[$0] }, rows: held.reduce(0) { $0 + counts[$1] },
                             filledRows: filled, strongest: strongest)
    }
}
