/// Area under the ROC curve by the rank-sum (Mann–Whitney) identity, with tied scores given their
/// average rank — the same value as scikit-learn's `roc_auc_score`.
public enum ROCAUC {
    /// `nil` when only one class is present (the AUC is undefined).
    public static func compute(scores: [Double], labels: [Bool]) -> Double? {
        precondition(scores.count == labels.count, "one label per score")
        let positives = labels.lazy.filter { $0 }.count
        let negatives = labels.count - positives
        guard positives > 0, negatives > 0 else { return nil }
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var rankSumOfPositives = 0.0
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count, scores[order[end + 1]] == scores[order[start]] { end += 1 }
            let averageRank = Double(start + end) / 2 + 1
            for position in start...end where labels[order[position]] { rankSumOfPositives += averageRank }
            start = end + 1
        }
        let p = Double(positives), n = Double(negatives)
        return (rankSumOfPositives - p * (p + 1) / 2) / (p * n)
    }
}
