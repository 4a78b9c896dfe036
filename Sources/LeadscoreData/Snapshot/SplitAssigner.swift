/// Assigns train / validation / test to the rows of a snapshot.
///
/// With a creation time on every row the split is temporal. Without one, the contract's `split:`
/// decides. `row_order` takes the rows as read to be sorted oldest first and cuts them by position.
/// `random` (the default) orders each class (converted or not) by a well-mixed hash of the row's key
/// and cuts it at the plan's shares, so the shares hold exactly per class while the slices are
/// scattered evenly over the export: a split that silently followed row order would make validation
/// and test a few particular weeks when the order means time, and a biased sample when it does not.
enum SplitAssigner {
    /// What was decided, for the manifest.
    struct Result {
        var splits: [DataSplit]
        var method: String
        var validationStart: Double?
        var testStart: Double?
        /// Things the snapshot's reader must know about the split.
        var warnings: [String] = []
    }

    /// The manifest's name for the random split. Manifests written before issue 11 say
    /// `stratified_random`: rows were ordered by a bare FNV-1a hash of the id or line number, which
    /// keeps neighbouring line numbers together, so their slices came out as long runs of rows.
    static let randomMethod = "stratified_random_v2"
    /// The manifest's name for the split by row position (`split: row_order`).
    static let rowOrderMethod = "row_order_fractions"

    /// Mixed into every key so that the order is leadscore's own, not one another tool that also
    /// hashes ids with FNV-1a would share. Changing it reshuffles every random split.
    static let seed: UInt64 = 0x6c65_6164_7363_6f72  // "leadscor"

    /// Temporal when every row has a creation time; otherwise by row position when `order` is
    /// `.rowOrder` (rows as read, oldest first), else stratified random by `keys` (see ``rowKey``).
    /// A `.dates` plan needs creation times, so it cannot be combined with a split by row order.
    static func assign(plan: SplitPlan, created: [Double?], labels: [Bool], keys: [UInt64],
                       order: SplitOrder) throws -> Result {
        guard order == .rowOrder else {
            return assign(plan: plan, created: created, labels: labels, keys: keys)
        }
        guard !everyRowHasATime(created) else {
            var result = assign(plan: plan, created: created, labels: labels, keys: keys)
            result.warnings.append("every row has a creation time, so the split is temporal and the contract's "
                + "`split: row_order` is ignored (it only applies to rows without one)")
            return result
        }
        switch plan {
        case let .fractions(train, validation):
            return Result(splits: cut(count: labels.count, train: train, validation: validation),
                          method: rowOrderMethod, validationStart: nil, testStart: nil)
        case .dates:
            throw InputError(
                source: "--split", field: "split",
                problem: "validation and test start dates need a creation time on every row, but these rows have none "
                    + "and the contract splits them by row order (`split: row_order`)",
                fix: "give shares instead (e.g. --split 0.7,0.15,0.15: the last 15% of rows are test), "
                    + "or set created_field in contract.yaml to a date every row has")
        }
    }

    /// Temporal when every row has a creation time, else stratified random by `keys` (see ``rowKey``).
    static func assign(plan: SplitPlan, created: [Double?], labels: [Bool], keys: [UInt64]) -> Result {
        let count = labels.count
        if everyRowHasATime(created) {
            return temporal(plan: plan, times: created.map { $0! })
        }
        let (train, validation): (Double, Double)
        switch plan {
        case let .fractions(t, v): (train, validation) = (t, v)
        case .dates: (train, validation) = (0.70, 0.15)
        }
        var splits = [DataSplit](repeating: .train, count: count)
        for label in [false, true] {
            let rows = (0..<count).filter { labels[$0] == label }.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
            for (rank, split) in cut(count: rows.count, train: train, validation: validation).enumerated() {
                splits[rows[rank]] = split
            }
        }
        return Result(splits: splits, method: randomMethod, validationStart: nil, testStart: nil)
    }

    private static func everyRowHasATime(_ created: [Double?]) -> Bool {
        !created.isEmpty && created.allSatisfy { $0 != nil }
    }

    /// The slices of `count` ordered rows: the first share train, the next validation, the rest test.
    private static func cut(count: Int, train: Double, validation: Double) -> [DataSplit] {
        let (trainEnd, validationEnd) = boundaries(count: count, train: train, validation: validation)
        return (0..<count).map { $0 < trainEnd ? .train : $0 < validationEnd ? .validation : .test }
    }

    private static func boundaries(count: Int, train: Double, validation: Double) -> (trainEnd: Int, validationEnd: Int) {
        let trainEnd = Int((Double(count) * train).rounded())
        return (trainEnd, min(count, trainEnd + Int((Double(count) * validation).rounded())))
    }

    private static func temporal(plan: SplitPlan, times: [Double]) -> Result {
        let count = times.count
        switch plan {
        case let .dates(validationStart, testStart):
            let splits = times.map { $0 >= testStart ? DataSplit.test : $0 >= validationStart ? .validation : .train }
            return Result(splits: splits, method: "temporal_dates", validationStart: validationStart, testStart: testStart)
        case let .fractions(train, validation):
            let order = (0..<count).sorted { times[$0] != times[$1] ? times[$0] < times[$1] : $0 < $1 }
            let (trainEnd, validationEnd) = boundaries(count: count, train: train, validation: validation)
            var splits = [DataSplit](repeating: .train, count: count)
            for (rank, split) in cut(count: count, train: train, validation: validation).enumerated() {
                splits[order[rank]] = split
            }
            return Result(splits: splits, method: "temporal_fractions",
                          validationStart: trainEnd < count ? times[order[trainEnd]] : nil,
                          testStart: validationEnd < count ? times[order[validationEnd]] : nil)
        }
    }

    /// The random split's key for one row: its lead id when the contract has one, else its content.
    ///
    /// Content rather than line number: snapshotting the same export twice gives the same keys
    /// either way, but a re-export sorted differently, or with rows added, moves line numbers while
    /// each row's content stays put, so every row keeps its slice. Identical rows share a key and so
    /// a slice, which keeps duplicates from sitting on both sides of the train/test line. Content is
    /// the snapshot form of the row (after PII hashing), so a new PII salt reshuffles the split.
    static func rowKey(leadId: String?, content: [String?]) -> UInt64 {
        if let leadId { return mixedHash(leadId) }
        var text = ""
        for value in content {
            // Each value with its length, "~" for a missing one: ["a", nil], ["a", ""] and ["a,0:"] stay apart.
            text += value.map { "\($0.utf8.count):\($0)" } ?? "~"
        }
        return mixedHash(text)
    }

    /// FNV-1a over the bytes, then the seed and the SplitMix64 finaliser. FNV-1a alone is stable
    /// across processes (Swift's `Hasher` is not) but barely stirs the high bits when only the last
    /// characters differ ("1233", "1234"), so sorting by it keeps neighbours together; the
    /// finaliser spreads every input bit over all 64 output bits.
    static func mixedHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return splitMix64(hash ^ seed)
    }

    /// The SplitMix64 output function (Steele, Lea & Flood 2014): a bijection with full avalanche.
    static func splitMix64(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
