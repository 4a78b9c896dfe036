extension FieldBaseline {
    private enum CodingKeys: String, CodingKey {
        case name, kind, edges, minimum, maximum, levels, knownValues, knownValuesComplete, multiSelect, shares, nullRate
    }

    /// Reads a baseline from a bundle's JSON and checks that its parts fit together, so a hand-edited or
    /// truncated file is refused with the key at fault instead of binning leads into bins that do not exist.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        kind = try container.decode(Kind.self, forKey: .kind)
        edges = try container.decodeIfPresent([Double].self, forKey: .edges) ?? []
        minimum = try container.decodeIfPresent(Double.self, forKey: .minimum)
        maximum = try container.decodeIfPresent(Double.self, forKey: .maximum)
        levels = try container.decodeIfPresent([String].self, forKey: .levels) ?? []
        knownValues = try container.decodeIfPresent([String].self, forKey: .knownValues) ?? []
        knownValuesComplete = try container.decodeIfPresent(Bool.self, forKey: .knownValuesComplete) ?? false
        multiSelect = try container.decodeIfPresent(Bool.self, forKey: .multiSelect) ?? false
        shares = try container.decode([Double].self, forKey: .shares)
        nullRate = try container.decode(Double.self, forKey: .nullRate)

        func refuse(_ key: CodingKeys, _ problem: String) -> DecodingError {
            DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "field \(name): \(problem)")
        }
        if name.isEmpty { throw refuse(.name, "the field name is empty") }
        switch kind {
        case .numeric:
            if !levels.isEmpty { throw refuse(.levels, "a numeric field has no levels") }
            if zip(edges, edges.dropFirst()).contains(where: { !($0 < $1) }) || edges.contains(where: { !$0.isFinite }) {
                throw refuse(.edges, "edges must be finite and strictly increasing")
            }
            if (minimum == nil) != (maximum == nil) || (minimum.flatMap { low in maximum.map { low > $0 } } ?? false) {
                throw refuse(.maximum, "minimum and maximum go together, minimum ≤ maximum")
            }
        case .categorical:
            if !edges.isEmpty { throw refuse(.edges, "a categorical field has no edges") }
            if Set(levels).count != levels.count { throw refuse(.levels, "levels must be distinct") }
            if zip(knownValues, knownValues.dropFirst()).contains(where: { !($0 < $1) }) {
                throw refuse(.knownValues, "known values must be sorted and distinct")
            }
        }
        if shares.count != binCount {
            throw refuse(.shares, "\(shares.count) shares for \(binCount) bins (value or level bins, other for categorical, missing)")
        }
        if shares.contains(where: { !($0 >= 0 && $0 <= 1) }) || abs(shares.reduce(0, +) - 1) > 1e-6 {
            throw refuse(.shares, "shares must lie in 0…1 and sum to 1")
        }
        if !(nullRate >= 0 && nullRate <= 1) { throw refuse(.nullRate, "the null rate must lie in 0…1") }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(kind, forKey: .kind)
        try container.encode(edges, forKey: .edges)
        try container.encodeIfPresent(minimum, forKey: .minimum)
        try container.encodeIfPresent(maximum, forKey: .maximum)
        try container.encode(levels, forKey: .levels)
        try container.encode(knownValues, forKey: .knownValues)
        try container.encode(knownValuesComplete, forKey: .knownValuesComplete)
        try container.encode(multiSelect, forKey: .multiSelect)
        try container.encode(shares, forKey: .shares)
        try container.encode(nullRate, forKey: .nullRate)
    }
}
