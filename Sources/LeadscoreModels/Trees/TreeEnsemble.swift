import Foundation
import LeadscoreData

/// A binary-logistic XGBoost `gbtree` model compiled for evaluation in Swift: every tree's nodes in
/// flat arrays (struct of arrays, children as absolute indices), read from the JSON XGBoost wrote, which
/// stays the bundle's source of truth. Margins follow XGBoost's predictor exactly: features compared as
/// `Float` (`value < threshold` goes left, NaN takes the node's default direction), leaf values summed
/// in `Float` in tree order onto the base margin. Exact TreeSHAP contributions come from
/// ``TreeSHAPTables``.
public struct TreeEnsemble: Sendable {
    /// Inputs the model was trained on (`num_feature`); rows must have exactly this many columns.
    public let featureCount: Int
    /// `base_score` as a margin: `logit(base_score)` for `binary:logistic`, as written for `binary:logitraw`.
    public let baseMargin: Float
    /// Index of each tree's root in the node arrays; the trees' nodes are contiguous, in tree order.
    let roots: PinnedArray<Int32>
    /// Per node. A leaf has `left == -1`, and `threshold` holds its value, as in XGBoost's JSON.
    let feature: PinnedArray<Int32>
    let threshold: PinnedArray<Float>
    let left: PinnedArray<Int32>
    let right: PinnedArray<Int32>
    let defaultLeft: PinnedArray<Bool>
    /// The node's hessian sum (XGBoost's "cover"): TreeSHAP weighs the unseen branch by it.
    let cover: PinnedArray<Float>
    /// The same nodes packed for the margin kernel, and each tree's depth (see ``MarginKernel``).
    let packed: PinnedArray<MarginKernel.Node>
    let depths: PinnedArray<Int32>

    public var treeCount: Int { roots.count }
    var nodeCount: Int { left.count }

    /// Compiles `jsonModel` (XGBoost's JSON model, as ``Booster/jsonModel()`` or Python's
    /// `save_model("model.json")` writes it).
    public init(jsonModel: Data) throws {
        let model: XGBoostModelJSON
        do {
            model = try JSONDecoder().decode(XGBoostModelJSON.self, from: jsonModel)
        } catch {
            throw TreeEnsembleError.unreadable("\(error)")
        }
        let learner = model.learner
        guard learner.gradientBooster.name == "gbtree", let trees = learner.gradientBooster.model?.trees else {
            throw TreeEnsembleError.unsupported("booster '\(learner.gradientBooster.name)' (only gbtree)")
        }
        let param = learner.learnerModelParam
        for (name, value) in [("num_class", param.numClass), ("num_target", param.numTarget)] {
            if let value, let count = Int(value), count > 1 { throw TreeEnsembleError.unsupported("\(name) \(count)") }
        }
        guard let features = Int(param.numFeature), features > 0 else {
            throw TreeEnsembleError.unreadable("num_feature '\(param.numFeature)'")
        }
        guard let baseScore = XGBoostModelJSON.number(param.baseScore) else {
            throw TreeEnsembleError.unreadable("base_score '\(param.baseScore)'")
        }
        switch learner.objective.name {
        case "binary:logistic", "reg:logistic":
            // XGBoost's ProbToMargin, in single precision as its predictor holds it.
            let probability = Float(baseScore)
            baseMargin = -logf(1 / probability - 1)
        case "binary:logitraw":
            baseMargin = Float(baseScore)
        default:
            throw TreeEnsembleError.unsupported("objective '\(learner.objective.name)' (binary:logistic, reg:logistic or binary:logitraw)")
        }
        featureCount = features
        var builder = Builder()
        for (index, tree) in trees.enumerated() { try builder.append(tree, index: index, featureCount: features) }
        roots = PinnedArray(builder.roots)
        feature = PinnedArray(builder.feature)
        threshold = PinnedArray(builder.threshold)
        left = PinnedArray(builder.left)
        right = PinnedArray(builder.right)
        defaultLeft = PinnedArray(builder.defaultLeft)
        cover = PinnedArray(builder.cover)
        let kernel = MarginKernel.pack(roots: builder.roots, feature: builder.feature, threshold: builder.threshold,
                                       left: builder.left, right: builder.right, defaultLeft: builder.defaultLeft)
        packed = PinnedArray(kernel.nodes)
        depths = PinnedArray(kernel.depths)
    }

    /// The node arrays as raw pointers, for the kernels (valid while this ensemble lives).
    var nodes: Nodes {
        Nodes(feature: feature.pointer, threshold: threshold.pointer, left: left.pointer, right: right.pointer,
              defaultLeft: defaultLeft.pointer)
    }

    struct Nodes: @unchecked Sendable {
        let feature: UnsafeMutablePointer<Int32>
        let threshold: UnsafeMutablePointer<Float>
        let left: UnsafeMutablePointer<Int32>
        let right: UnsafeMutablePointer<Int32>
        let defaultLeft: UnsafeMutablePointer<Bool>

        @inline(__always)
        func goesLeft(_ node: Int, _ row: UnsafePointer<Float>) -> Bool {
            let value = row[Int(feature[node])]
            return value.isNaN ? defaultLeft[node] : value < threshold[node]
        }
    }

    /// Margins (log-odds) of every row of `matrix`, as XGBoost's `output_margin` gives them, spread over
    /// the machine's cores.
    public func margins(_ matrix: FeatureMatrix) -> [Double] {
        precondition(matrix.columns == featureCount, "TreeEnsemble: \(matrix.columns) columns for a model of \(featureCount)")
        let kernel = MarginKernel(nodes: packed.pointer, roots: roots.pointer, depths: depths.pointer, treeCount: treeCount,
                                  baseMargin: baseMargin, columns: matrix.columns)
        var output = [Double](repeating: 0, count: matrix.rows)
        matrix.values.withUnsafeBufferPointer { values in
            output.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let (values, out) = (values, out)
                ParallelRows.forEachSlice(matrix.rows) { rows in
                    kernel.margins(rows: values.baseAddress! + rows.lowerBound * matrix.columns, count: rows.count,
                                   into: out.baseAddress! + rows.lowerBound)
                }
            }
        }
        return output
    }

    /// Gathers the trees into the flat arrays, checking each tree's arrays against each other.
    private struct Builder {
        var roots: [Int32] = []
        var feature: [Int32] = []
        var threshold: [Float] = []
        var left: [Int32] = []
        var right: [Int32] = []
        var defaultLeft: [Bool] = []
        var cover: [Float] = []

        mutating func append(_ tree: XGBoostModelJSON.Tree, index: Int, featureCount: Int) throws {
            let count = tree.leftChildren.count
            let lengths = [tree.rightChildren.count, tree.splitIndices.count, tree.splitConditions.count,
                           tree.defaultLeft.count, tree.sumHessian.count]
            guard count > 0, lengths.allSatisfy({ $0 == count }) else {
                throw TreeEnsembleError.malformed(tree: index, "node arrays of different lengths (\(count), \(lengths))")
            }
            if let types = tree.splitType, types.contains(where: { $0 != 0 }) {
                throw TreeEnsembleError.unsupported("categorical splits in tree \(index)")
            }
            let offset = feature.count
            guard offset + count < Int(Int32.max) else { throw TreeEnsembleError.unsupported("more than 2^31 nodes") }
            roots.append(Int32(offset))
            var reached = [Bool](repeating: false, count: count)
            reached[0] = true
            for node in 0..<count {
                let (l, r) = (tree.leftChildren[node], tree.rightChildren[node])
                if l == -1 {
                    guard r == -1 else { throw TreeEnsembleError.malformed(tree: index, "node \(node) has one child") }
                    left.append(-1)
                    right.append(-1)
                    feature.append(0)
                } else {
                    // No node is the root's child or has two parents: then no path from the root can loop.
                    guard l > 0, r > 0, l < count, r < count, l != r, !reached[l], !reached[r] else {
                        throw TreeEnsembleError.malformed(tree: index, "node \(node) has children \(l) and \(r)")
                    }
                    reached[l] = true
                    reached[r] = true
                    guard (0..<featureCount).contains(tree.splitIndices[node]) else {
                        throw TreeEnsembleError.malformed(tree: index, "node \(node) splits on feature \(tree.splitIndices[node]) "
                            + "of \(featureCount)")
                    }
                    left.append(Int32(offset + l))
                    right.append(Int32(offset + r))
                    feature.append(Int32(tree.splitIndices[node]))
                }
                threshold.append(tree.splitConditions[node])
                defaultLeft.append(tree.defaultLeft[node])
                cover.append(tree.sumHessian[node])
            }
        }
    }
}
