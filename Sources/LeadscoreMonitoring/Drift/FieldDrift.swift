import LeadscoreModels

/// How one field's current values compare with its training baseline: the drift figures and the data
/// quality shares a monitor pass reports. Only figures, never a lead's values; thresholds and
/// severities are applied elsewhere.
public struct FieldDrift: Sendable, Codable, Equatable {
    public var field: String
    /// How many current values were counted.
    public var rows: Int
    /// Population stability index against the baseline's shares (``DriftMeasures/psi(expected:actual:epsilon:)``).
    public var psi: Double
    /// Jensen–Shannon divergence, base 2, 0…1 (``DriftMeasures/jensenShannon(_:_:)``).
    public var jensenShannon: Double
    /// Share of current values missing, and the same share in training.
    public var nullRate: Double
    public var baselineNullRate: Double
    /// Share of current values never seen in training (categorical fields with a complete list of
    /// known values; 0 otherwise).
    public var unseenShare: Double
    /// Share of current values below the training minimum or above its maximum (numeric fields).
    public var outOfRangeShare: Double
    /// Current share per bin, in the baseline's layout, for charts and for naming the bin that moved.
    public var shares: [Double]

    public init(field: String, rows: Int, psi: Double, jensenShannon: Double, nullRate: Double, baselineNullRate: Double,
                unseenShare: Double, outOfRangeShare: Double, shares: [Double]) {
        self.field = field
        self.rows = rows
        self.psi = psi
        self.jensenShannon = jensenShannon
        self.nullRate = nullRate
        self.baselineNullRate = baselineNullRate
        self.unseenShare = unseenShare
        self.outOfRangeShare = outOfRangeShare
        self.shares = shares
    }

    /// Compares the counted bins with the baseline. `unseen` and `outOfRange` are how many of the counted
    /// values ``FieldBaseline/isUnseen(_:)`` and ``FieldBaseline/isOutOfRange(_:)`` flagged. `nil` when
    /// nothing was counted: no current values, no drift figure.
    ///
    /// `counts` must use the baseline's layout (``BinCounts/init(for:)``).
    public static func measure(baseline: FieldBaseline, counts: BinCounts, unseen: Int, outOfRange: Int) -> FieldDrift? {
        precondition(counts.counts.count == baseline.binCount, "counts made for \(baseline.name)'s bins")
        let total = counts.total
        guard total > 0 else { return nil }
        let shares = counts.shares
        return FieldDrift(
            field: baseline.name, rows: total,
            psi: DriftMeasures.psi(expected: baseline.shares, actual: shares),
            jensenShannon: DriftMeasures.jensenShannon(baseline.shares, shares),
            nullRate: shares[baseline.missingBin], baselineNullRate: baseline.nullRate,
            unseenShare: Double(min(max(unseen, 0), total)) / Double(total),
            outOfRangeShare: Double(min(max(outOfRange, 0), total)) / Double(total),
            shares: shares)
    }
}
