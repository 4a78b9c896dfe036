import Foundation

/// numpy / SciPy reference values from scripts/fixtures/make_monitoring_fixtures.py.
enum MonitoringFixtures {
    /// Shares per bin on both sides and the reference PSI and Jensen–Shannon divergence; the shifted
    /// normal case also carries the raw values, numpy's decile edges and its bin counts.
    struct DriftCase: Decodable {
        var expected: [Double]
        var actual: [Double]
        var numpy_psi: Double
        var scipy_js_divergence: Double
        var baseline_values: [Double?]?
        var current_values: [Double?]?
        var edges: [Double]?
        var baseline_counts: [Int]?
        var current_counts: [Int]?
    }

    /// Training values (nil = missing), numpy's inverted-CDF decile edges and bin counts, and probe
    /// values with the bin `np.searchsorted(edges, v, side="left")` puts them in.
    struct BaselineCase: Decodable {
        var values: [Double?]
        var numpy_edges: [Double]
        var numpy_counts: [Int]
        var minimum: Double
        var maximum: Double
        var probes: [Double]
        var probe_bins: [Int]
    }

    static let driftCaseNames = ["identical", "shifted_normal", "categorical_shift", "empty_bins", "disjoint", "score_bands"]
    static let baselineCaseNames = [
        "one_value", "two_values", "seven_values", "ten_values", "eleven_values", "all_equal", "flag_30_percent",
        "integers_with_ties", "lognormal_with_missing", "negative_and_skewed",
    ]

    static func drift(_ name: String) throws -> DriftCase {
        try load("drift")[name].unwrap(name)
    }

    static func baseline(_ name: String) throws -> BaselineCase {
        try load("baseline")[name].unwrap(name)
    }

    private static func load<Case: Decodable>(_ file: String) throws -> [String: Case] {
        guard let url = Bundle.module.url(forResource: file, withExtension: "json", subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try JSONDecoder().decode([String: Case].self, from: Data(contentsOf: url))
    }
}

private extension Optional {
    func unwrap(_ name: String) throws -> Wrapped {
        guard let self else { throw CocoaError(.coderValueNotFound, userInfo: [NSDebugDescriptionErrorKey: "no fixture case \(name)"]) }
        return self
    }
}
