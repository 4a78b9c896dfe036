import LeadscoreModels

/// Counts per bin of one field's baseline layout, added one scored lead at a time, so a monitor pass
/// streams through the audit log without holding it.
public struct BinCounts: Sendable, Equatable {
    public private(set) var counts: [Int]
    /// Bin numbers outside the layout (a profile written against another baseline), counted here and
    /// in no bin, so they cannot fake a shift.
    public private(set) var ignored = 0

    public init(binCount: Int) {
        counts = [Int](repeating: 0, count: max(binCount, 0))
    }

    /// Counts sized to `baseline`'s bins.
    public init(for baseline: FieldBaseline) {
        self.init(binCount: baseline.binCount)
    }

    public mutating func add(bin: Int) {
        if counts.indices.contains(bin) { counts[bin] += 1 } else { ignored += 1 }
    }

    /// How many values were counted in a bin.
    public var total: Int { counts.reduce(0, +) }

    /// Share of the counted values per bin; all zero before anything was counted.
    public var shares: [Double] {
        let total = total
        return counts.map { total > 0 ? Double($0) / Double(total) : 0 }
    }
}
