import CLiblinear
import Foundation

/// L2-regularised logistic regression through LIBLINEAR's C API (`L2R_LR`, primal Newton): the solver
/// scikit-learn's `LogisticRegression(solver="liblinear")` wraps, kept as an independent reference for
/// `LogisticSolver` on data too large for a fixture file.
enum Liblinear {
    struct Fit: Sendable {
        var weights: [Double]
        var bias: Double
    }

    /// Fits once per value of `cs` on dense row-major `values` (no missing values). `c` weighs the
    /// summed loss against ½‖w‖², as in LIBLINEAR and scikit-learn; the bias is a constant-1 column
    /// (regularised too, as in both). Deterministic.
    static func fitLogistic(values: [Float], rows: Int, columns: Int, labels: [Bool], cs: [Double],
                            tolerance: Double = 0.001) throws -> [Fit] {
        precondition(values.count == rows * columns && labels.count == rows, "Liblinear: one label per row")
        silenceOnce
        let stride = columns + 2  // features, the bias node, the terminator
        var nodes = [feature_node](repeating: feature_node(index: -1, value: 0), count: rows * stride)
        for row in 0..<rows {
            for column in 0..<columns {
                nodes[row * stride + column] = feature_node(index: Int32(column + 1), value: Double(values[row * columns + column]))
            }
            nodes[row * stride + columns] = feature_node(index: Int32(columns + 1), value: 1)
        }
        var targets = labels.map { $0 ? 1.0 : -1.0 }
        return try nodes.withUnsafeMutableBufferPointer { nodeBuffer in
            var rowPointers: [UnsafeMutablePointer<feature_node>?] = (0..<rows).map { nodeBuffer.baseAddress! + $0 * stride }
            return try targets.withUnsafeMutableBufferPointer { targetBuffer in
                try rowPointers.withUnsafeMutableBufferPointer { rowBuffer in
                    var problem = CLiblinear.problem(l: Int32(rows), n: Int32(columns + 1), y: targetBuffer.baseAddress,
                                                     x: rowBuffer.baseAddress, bias: -1)
                    return try cs.map { c in
                        var parameter = CLiblinear.parameter(solver_type: Int32(L2R_LR), eps: tolerance, C: c, nr_weight: 0,
                                                             weight_label: nil, weight: nil, p: 0.1, init_sol: nil)
                        if let message = check_parameter(&problem, &parameter) {
                            throw LiblinearError(message: String(cString: message))
                        }
                        guard let trained = train(&problem, &parameter) else { throw LiblinearError(message: "no model returned") }
                        defer {
                            var owned: UnsafeMutablePointer<CLiblinear.model>? = trained
                            free_and_destroy_model(&owned)
                        }
                        // Coefficients are for the first label LIBLINEAR saw; flip them when that was -1.
                        var classLabels = [Int32](repeating: 0, count: 2)
                        get_labels(trained, &classLabels)
                        let sign: Double = classLabels[0] == 1 ? 1 : -1
                        let all = (1...(columns + 1)).map { sign * get_decfun_coef(trained, Int32($0), 0) }
                        return Fit(weights: Array(all.prefix(columns)), bias: all[columns])
                    }
                }
            }
        }
    }

    /// LIBLINEAR prints progress to stdout unless given a print function.
    private static let silenceOnce: Void = set_print_string_function { _ in }
}

/// A failure reported by LIBLINEAR.
struct LiblinearError: Error, CustomStringConvertible {
    let message: String
    var description: String { "LIBLINEAR failed: \(message)" }
}
