import LeadscoreData

/// A fitted logistic regression: standardised inputs, one weight per model column and a bias.
///
/// Scoring is a dot product, so each lead's explanation is exact: column j contributes
/// `weight[j] × z[j]`, where `z[j] = (x[j] − mean[j]) / scale[j]` (0 when missing — the column's
/// `=missing` indicator carries that signal), and the contributions plus the bias are the margin.
public struct LinearModel: Sendable, Codable, Equatable {
    public var columnNames: [String]
    public var means: [Double]
    public var scales: [Double]
    public var weights: [Double]
    public var bias: Double
    /// The L2 penalty per training lead chosen on validation.
    public var l2: Double

    /// Standardised inputs, row-major, as the solver sees them.
    static func standardised(_ matrix: FeatureMatrix, means: [Double], scales: [Double]) -> [Float] {
        var values = matrix.values
        let width = matrix.columns
        for row in 0..<matrix.rows {
            let base = row * width
            for column in 0..<width {
                let x = values[base + column]
                values[base + column] = x.isNaN ? 0 : Float((Double(x) - means[column]) / scales[column])
            }
        }
        return values
    }

    /// Mean and standard deviation per column over the present values (scale 1 for constants).
    static func moments(_ matrix: FeatureMatrix) -> (means: [Double], scales: [Double]) {
        var sums = [Double](repeating: 0, count: matrix.columns)
        var squares = sums
        var counts = sums
        for row in 0..<matrix.rows {
            let base = row * matrix.columns
            for column in 0..<matrix.columns {
                let x = matrix.values[base + column]
                guard !x.isNaN else { continue }
                sums[column] += Double(x)
                squares[column] += Double(x) * Double(x)
                counts[column] += 1
            }
        }
        let means = zip(sums, counts).map { $1 > 0 ? $0 / $1 : 0 }
        let scales = (0..<matrix.columns).map { column -> Double in
            guard counts[column] > 1 else { return 1 }
            let variance = squares[column] / counts[column] - means[column] * means[column]
            return variance > 1e-12 ? variance.squareRoot() : 1
        }
        return (means, scales)
    }

    /// Per-column contributions for one row of raw model inputs.
    public func contributions(_ row: ArraySlice<Float>) -> [Double] {
        var result = [Double](repeating: 0, count: weights.count)
        for (offset, x) in row.enumerated() where !x.isNaN {
            result[offset] = weights[offset] * (Double(x) - means[offset]) / scales[offset]
        }
        return result
    }

    /// The log-odds for one row of raw model inputs.
    public func margin(_ row: ArraySlice<Float>) -> Double {
        var total = bias
        for (offset, x) in row.enumerated() where !x.isNaN {
            total += weights[offset] * (Double(x) - means[offset]) / scales[offset]
        }
        return total
    }

    /// Log-odds for every row.
    public func margins(_ matrix: FeatureMatrix) -> [Double] {
        (0..<matrix.rows).map { margin(matrix.row($0)) }
    }
}
