/// Assigns train / validation / test to the rows of a snapshot.
enum SplitAssigner {
    /// What was decided, for the manifest.
    struct Result {
        var splits: [DataSplit]
        var method: String
        var validationStart: Double?
        var testStart: Double?
    }

    /// Temporal when every row has a creation time, else stratified random by `keys` (stable hashes).
    static func assign(plan: SplitPlan, created: [Double?], labels: [Bool], keys: [UInt64]) -> Result {
        let count = labels.count
        if count > 0, created.allSatisfy({ $0 != nil }) {
            let times = created.map { $0! }
            switch plan {
            case let .dates(validationStart, testStart):
                let splits = times.map { $0 >= testStart ? DataSplit.test : $0 >= validationStart ? .validation : .train }
                return Result(splits: splits, method: "temporal_dates", validationStart: validationStart, testStart: testStart)
            case let .fractions(train, validation):
                let order = (0..<count).sorted { times[$0] != times[$1] ? times[$0] < times[$1] : $0 < $1 }
                let trainEnd = Int((Double(count) * train).rounded())
                let validationEnd = min(count, trainEnd + Int((Double(count) * validation).rounded()))
                var splits = [DataSplit](repeating: .train, count: count)
                for (rank, row) in order.enumerated() where rank >= trainEnd {
                    splits[row] = rank >= validationEnd ? .test : .validation
                }
                return Result(splits: splits, method: "temporal_fractions",
                              validationStart: trainEnd < count ? times[order[trainEnd]] : nil,
                              testStart: validationEnd < count ? times[order[validationEnd]] : nil)
            }
        }
        let (train, validation): (Double, Double)
        switch plan {
        case let .fractions(t, v): (train, validation) = (t, v)
        case .dates: (train, validation) = (0.70, 0.15)
        }
        var splits = [DataSplit](repeating: .train, count: count)
        for label in [false, true] {
            let rows = (0..<count).filter { labels[$0] == label }.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
            let trainEnd = Int((Double(rows.count) * train).rounded())
            let validationEnd = min(rows.count, trainEnd + Int((Double(rows.count) * validation).rounded()))
            for (rank, row) in rows.enumerated() where rank >= trainEnd {
                splits[row] = rank >= validationEnd ? .test : .validation
            }
        }
        return Result(splits: splits, method: "stratified_random", validationStart: nil, testStart: nil)
    }

    /// FNV-1a: a stable 64-bit hash (Swift's `Hasher` is seeded per process, so unusable here).
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
