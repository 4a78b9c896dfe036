/// How well one field alone separates positives from negatives: each row scored by the positive
/// rate of its bin (target encoding), then ROC AUC. Bins: deciles for numbers, values for text,
/// rare values pooled, missing its own bin — so "filled in only for converted leads" shows too.
public enum SingleFeatureAUC {
    /// Values seen fewer times than this share one bin, so identifiers cannot score a perfect AUC.
    public static let minimumBinCount = 30

    /// AUC of target-encoded `bins` (any integer per row; equal integers are one bin).
    public static func compute(bins: [Int], labels: [Bool]) -> Double? {
        var positives: [Int: Int] = [:], totals: [Int: Int] = [:]
        for (bin, label) in zip(bins, labels) {
            totals[bin, default: 0] += 1
            if label { positives[bin, default: 0] += 1 }
        }
        let scores = bins.map { Double(positives[$0] ?? 0) / Double(totals[$0] ?? 1) }
        return ROCAUC.compute(scores: scores, labels: labels)
    }

    /// Bins for a column: decile bins for numbers (missing = -1); category codes for text with rare
    /// codes pooled into -2 (missing = -1).
    public static func bins(for column: TableColumn) -> [Int] {
        switch column {
        case let .numeric(numbers):
            let edges = PopulationStability.decileEdges(numbers.values.filter { !$0.isNaN })
            return numbers.values.map { value in
                value.isNaN ? -1 : PopulationStability.histogram([value], edges: edges).firstIndex(of: 1) ?? 0
            }
        case let .categorical(text):
            var counts = [Int](repeating: 0, count: text.levels.count)
            for code in text.codes where code >= 0 { counts[Int(code)] += 1 }
            return text.codes.map { code in
                code < 0 ? -1 : counts[Int(code)] < minimumBinCount ? -2 : Int(code)
            }
        }
    }
}
