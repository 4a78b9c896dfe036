import Foundation

/// L2-regularised logistic regression on dense rows, solved on all cores.
///
/// The objective is LIBLINEAR's `L2R_LR` (the one scikit-learn's `solver="liblinear"` minimises):
/// ½‖w‖² + C Σᵢ log(1 + e^(−yᵢ wᵀxᵢ)), the bias a constant-1 column regularised like the weights. The
/// method is LIBLINEAR's primal one (Galli & Lin, "A study on truncated Newton methods for linear
/// classification", 2021): Newton steps from preconditioned conjugate gradients, a backtracking line
/// search, stop when ‖∇f(w)‖ ≤ ε‖∇f(0)‖ with ε scaled by the minority class share as LIBLINEAR scales
/// it. LIBLINEAR stores each value as a 16-byte sparse node and runs on one core; here rows are dense
/// float32, every pass over them (gradient, Hessian-vector product, line search) runs on fixed row
/// blocks across the cores, and block sums are added in block order, so a fit is identical on any
/// machine. Tests hold it to scikit-learn and to LIBLINEAR itself.
struct LogisticSolver {
    struct Fit: Sendable, Equatable {
        var weights: [Double]
        var bias: Double
    }

    /// Rows a block holds: blocks are the unit of parallel work and of summation order.
    static let blockRows = 2_048
    /// Newton iterations at most (LIBLINEAR's default too).
    static let maxNewtonIterations = 1_000
    /// Conjugate gradients stop once the residual is this share of the gradient (an inexact Newton step;
    /// the stopping rule above, not this, sets the fit's accuracy).
    static let cgTolerance = 0.1

    let rows: Int
    /// Model columns plus the bias column.
    let width: Int
    /// Row-major values, the bias column last (1).
    private let x: DenseRows
    private let y: [Double]
    private let positives: Int

    /// `values` row-major without missing values, `columns` per row; one label per row.
    init(values: [Float], rows: Int, columns: Int, labels: [Bool]) {
        precondition(values.count == rows * columns && labels.count == rows, "LogisticSolver: one label per row")
        self.rows = rows
        width = columns + 1
        let x = DenseRows(count: rows * (columns + 1))
        values.withUnsafeBufferPointer { source in
            for row in 0..<rows {
                (x.base + row * (columns + 1)).initialize(from: source.baseAddress! + row * columns, count: columns)
                x.base[row * (columns + 1) + columns] = 1
            }
        }
        self.x = x
        y = labels.map { $0 ? 1 : -1 }
        positives = labels.lazy.filter { $0 }.count
    }

    /// Fits once per value of `cs`, each fit starting from the previous one's weights (a regularisation
    /// path, as scikit-learn's `warm_start`); the stopping rule does not depend on the start.
    func fit(cs: [Double], tolerance: Double = 0.001) -> [Fit] {
        var start = [Double](repeating: 0, count: width)
        return cs.map { c in
            start = minimise(c: c, tolerance: tolerance, from: start)
            return Fit(weights: Array(start.prefix(width - 1)), bias: start[width - 1])
        }
    }

    /// Newton-CG with line search from `w`.
    func minimise(c: Double, tolerance: Double, from initial: [Double]) -> [Double] {
        let epsilon = tolerance * Double(max(min(positives, rows - positives), 1)) / Double(max(rows, 1))
        var w = initial
        var state = evaluate(w, c: c)
        let gradientNormAtZero = initial.allSatisfy { $0 == 0 } ? norm(state.gradient)
            : norm(evaluate([Double](repeating: 0, count: width), c: c).gradient)
        for _ in 0..<Self.maxNewtonIterations {
            let gradientNorm = norm(state.gradient)
            if gradientNorm <= epsilon * gradientNormAtZero || !gradientNorm.isFinite { break }
            let step = newtonStep(state, c: c)
            guard let next = lineSearch(from: w, state: state, step: step, c: c) else { break }
            w = next
            state = evaluate(w, c: c)
        }
        return w
    }

    /// What one pass over the rows gives at `w`: objective, gradient, the loss curvature per row and
    /// the Hessian's diagonal (the preconditioner), and the margins for the line search.
    struct State {
        var objective: Double
        var gradient: [Double]
        var curvature: [Double]
        var hessianDiagonal: [Double]
        var margins: [Double]
    }

    func evaluate(_ w: [Double], c: Double) -> State {
        var margins = [Double](repeating: 0, count: rows)
        var curvature = [Double](repeating: 0, count: rows)
        let partials = margins.withUnsafeMutableBufferPointer { marginBuffer in
            curvature.withUnsafeMutableBufferPointer { curvatureBuffer in
                nonisolated(unsafe) let marginOut = marginBuffer.baseAddress!
                nonisolated(unsafe) let curvatureOut = curvatureBuffer.baseAddress!
                return blockSums(length: 2 * width + 1) { block, sums in
                    for row in block {
                        let values = rowValues(row)
                        let margin = Self.dot(values, w, width)
                        let signed = y[row] * margin
                        let sigma = 1 / (1 + exp(-signed))
                        let d = sigma * (1 - sigma)
                        marginOut[row] = margin
                        curvatureOut[row] = d
                        sums[2 * width] += Self.logistic(signed)
                        let coefficient = c * (sigma - 1) * y[row]
                        let weight = c * d
                        for column in 0..<width {
                            let value = Double(values[column])
                            sums[column] += coefficient * value
                            sums[width + column] += weight * value * value
                        }
                    }
                }
            }
        }
        var gradient = Array(partials[0..<width]), diagonal = Array(partials[width..<(2 * width)])
        for column in 0..<width {
            gradient[column] += w[column]
            diagonal[column] += 1
        }
        let objective = 0.5 * dot(w, w) + c * partials[2 * width]
        return State(objective: objective, gradient: gradient, curvature: curvature, hessianDiagonal: diagonal,
                     margins: margins)
    }

    /// (I + C Xᵀ D X) v, one pass over the rows.
    func hessianTimes(_ v: [Double], curvature: [Double], c: Double) -> [Double] {
        var result = blockSums(length: width) { block, sums in
            for row in block {
                let values = rowValues(row)
                let scaled = c * curvature[row] * Self.dot(values, v, width)
                for column in 0..<width { sums[column] += scaled * Double(values[column]) }
            }
        }
        for column in 0..<width { result[column] += v[column] }
        return result
    }

    /// Solves H s = −g by conjugate gradients preconditioned with H's diagonal.
    func newtonStep(_ state: State, c: Double) -> [Double] {
        var step = [Double](repeating: 0, count: width)
        var residual = state.gradient.map { -$0 }
        var preconditioned = zip(residual, state.hessianDiagonal).map { $0 / $1 }
        var direction = preconditioned
        var product = dot(residual, preconditioned)
        let target = Self.cgTolerance * norm(state.gradient)
        for _ in 0..<width {
            if norm(residual) <= target { break }
            let hd = hessianTimes(direction, curvature: state.curvature, c: c)
            let alpha = product / dot(direction, hd)
            for i in 0..<width {
                step[i] += alpha * direction[i]
                residual[i] -= alpha * hd[i]
            }
            preconditioned = zip(residual, state.hessianDiagonal).map { $0 / $1 }
            let next = dot(residual, preconditioned)
            let beta = next / product
            product = next
            for i in 0..<width { direction[i] = preconditioned[i] + beta * direction[i] }
        }
        return step
    }

    /// Backtracking (halving) from the full Newton step until the objective falls by Armijo's rule
    /// (η = 0.01, as LIBLINEAR); nil when no step decreases it (already at the float limit).
    func lineSearch(from w: [Double], state: State, step: [Double], c: Double) -> [Double]? {
        let stepMargins = blockMap { row in Self.dot(rowValues(row), step, width) }
        let slope = dot(state.gradient, step)
        let wStep = dot(w, step), stepStep = dot(step, step), ww = dot(w, w)
        var alpha = 1.0
        for _ in 0..<60 {
            var loss = 0.0
            for row in 0..<rows {
                loss += Self.logistic(y[row] * (state.margins[row] + alpha * stepMargins[row]))
            }
            let objective = 0.5 * (ww + 2 * alpha * wStep + alpha * alpha * stepStep) + c * loss
            if objective - state.objective <= 0.01 * alpha * slope {
                return zip(w, step).map { $0 + alpha * $1 }
            }
            alpha /= 2
        }
        return nil
    }

    // MARK: - Passes over row blocks

    /// Per-block sums of `length` values, added in block order.
    private func blockSums(length: Int, _ body: (Range<Int>, UnsafeMutablePointer<Double>) -> Void) -> [Double] {
        let blocks = (rows + Self.blockRows - 1) / Self.blockRows
        var partials = [Double](repeating: 0, count: blocks * length)
        partials.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let base = buffer.baseAddress!
            forEachBlock(blocks) { block in
                body(block * Self.blockRows..<min(rows, (block + 1) * Self.blockRows), base + block * length)
            }
        }
        var total = [Double](repeating: 0, count: length)
        for block in 0..<blocks {
            for i in 0..<length { total[i] += partials[block * length + i] }
        }
        return total
    }

    /// `transform(row)` for every row.
    private func blockMap(_ transform: (Int) -> Double) -> [Double] {
        let blocks = (rows + Self.blockRows - 1) / Self.blockRows
        var result = [Double](repeating: 0, count: rows)
        result.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer.baseAddress!
            forEachBlock(blocks) { block in
                for row in block * Self.blockRows..<min(rows, (block + 1) * Self.blockRows) { out[row] = transform(row) }
            }
        }
        return result
    }

    @inline(__always)
    private func rowValues(_ row: Int) -> UnsafePointer<Float> {
        UnsafePointer(x.base + row * width)
    }

    private func forEachBlock(_ blocks: Int, _ body: (Int) -> Void) {
        guard blocks > 1 else { return blocks == 1 ? body(0) : () }
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: blocks) { body($0) }
        }
    }

    // MARK: - Vectors

    /// log(1 + e^(−t)) without overflow for large |t|.
    @inline(__always)
    static func logistic(_ t: Double) -> Double {
        t >= 0 ? log1p(exp(-t)) : -t + log1p(exp(t))
    }

    /// Σ values[i] × vector[i] in double, four running sums.
    @inline(__always)
    static func dot(_ values: UnsafePointer<Float>, _ vector: UnsafePointer<Double>, _ count: Int) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var i = 0
        while i + 4 <= count {
            s0 += Double(values[i]) * vector[i]
            s1 += Double(values[i + 1]) * vector[i + 1]
            s2 += Double(values[i + 2]) * vector[i + 2]
            s3 += Double(values[i + 3]) * vector[i + 3]
            i += 4
        }
        while i < count {
            s0 += Double(values[i]) * vector[i]
            i += 1
        }
        return (s0 + s1) + (s2 + s3)
    }

    @inline(__always)
    static func dot(_ values: UnsafePointer<Float>, _ vector: [Double], _ count: Int) -> Double {
        vector.withUnsafeBufferPointer { dot(values, $0.baseAddress!, count) }
    }

    private func dot(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
    }

    private func norm(_ a: [Double]) -> Double { dot(a, a).squareRoot() }
}

/// The solver's rows in one allocation, read-only once filled, freed with the solver.
private final class DenseRows: @unchecked Sendable {
    let base: UnsafeMutablePointer<Float>

    init(count: Int) {
        base = .allocate(capacity: max(count, 1))
    }

    deinit { base.deallocate() }
}
