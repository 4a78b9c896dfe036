import Foundation
import LeadscoreData

/// Exact path-dependent TreeSHAP (Lundberg et al., 2020: the algorithm behind XGBoost's `pred_contribs`)
/// for a ``TreeEnsemble``, arranged so that the work per lead is flat loops over precomputed leaf paths.
///
/// For a leaf with value `v` whose path splits on the distinct features `P` (`d = |P|`), each feature `j`
/// has a zero fraction `z_j` (the product of child/parent cover over its splits on the path: how often
/// training rows without `j` known reach the leaf) and a one fraction `o_j ∈ {0, 1}` (whether this lead
/// takes the path's direction at every split on `j`). The leaf adds to feature `i`
///
///     φ_i += v · (o_i − z_i) · Σ_k  k!(d−1−k)!/d! · [t^k] Π_{j≠i} (z_j + o_j·t)
///
/// Because `o` is 0 or 1, the product splits into the features the lead follows (`A`) and the others
/// (`B`): with `R(t) = Π_{j∈A}(z_j + t)` and `Z_B = Π_{j∈B} z_j`, every `i ∈ B` gets the same
/// `−v·Z_B·Σ_k w_k r_k`, and each `i ∈ A` gets `v·(1 − z_i)·Z_B·Σ_k w_k [R/(t + z_i)]_k`, the division
/// done synthetically as TreeSHAP's UNWIND does.
///
/// A leaf's shares depend on the lead only through its pattern `o`, so for leaves with at most
/// ``tableDepth`` distinct features they are computed for every pattern when the model is loaded (as
/// FastTreeSHAP v2 does) and looked up; deeper leaves compute them per lead. The tables hold float32
/// (as XGBoost's own TreeSHAP computes): half the memory a lead's lookups stream through, each share within
/// 2^-24 of its double value, summed in double. The patterns of all leaves
/// of a tree come from one pass over its nodes, parents first (``LeafPaths``). Per tree and lead this is
/// O(nodes + Σ leaf path features), with no recursion and no allocation. The bias is the trees' expected
/// values (cover-weighted leaf means) plus the base margin, so each lead's contributions add up to its margin.
///
/// docs/explanations.md compares this with Lundberg's recursive form, FastTreeSHAP v1/v2 and Linear
/// TreeShap, and gives the measurements that chose it.
public struct TreeSHAP: Sendable {
    public let ensemble: TreeEnsemble
    /// `baseMargin` plus every tree's expected value: the contribution column after the features.
    public let bias: Double
    private let tables: Tables
    private let longestPath: Int
    private let largestTree: Int

    /// Leaves with at most this many distinct features get their shares precomputed for every pattern:
    /// 2^8 patterns × 8 float32 values = 8 KB a leaf at most; depth-6 trees need 1.5 KB.
    public static let tableDepth = 8

    /// - Parameter tableDepth: the deepest leaves whose shares are precomputed (tests lower it to check
    ///   the per-lead path on the same trees; 0 computes every share per lead, in double precision).
    public init(_ ensemble: TreeEnsemble, tableDepth: Int = TreeSHAP.tableDepth) throws {
        self.ensemble = ensemble
        var paths = LeafPaths(nodeCount: ensemble.nodeCount)
        var expected = Double(ensemble.baseMargin)
        var treeLeafStart: [Int32] = [0]
        var largestTree = 0
        for tree in 0..<ensemble.treeCount {
            let root = Int(ensemble.roots[tree])
            let end = tree + 1 < ensemble.treeCount ? Int(ensemble.roots[tree + 1]) : ensemble.nodeCount
            expected += try paths.collect(ensemble, root: root)
            treeLeafStart.append(Int32(paths.leafValue.count))
            largestTree = max(largestTree, end - root)
        }
        bias = expected
        longestPath = paths.longestPath
        self.largestTree = largestTree
        // weights[d · stride + k] = k!(d−1−k)!/d!
        let stride = paths.longestPath + 1
        var weights = [Double](repeating: 0, count: stride * stride)
        for depth in 1..<max(1, stride) {
            for k in 0..<depth { weights[depth * stride + k] = Self.shapleyWeight(subset: k, of: depth) }
        }
        let (tableStart, table) = Self.shareTables(paths, weights: weights, stride: stride, depth: min(tableDepth, Self.tableDepth))
        tables = Tables(treeLeafStart: PinnedArray(treeLeafStart), order: PinnedArray(paths.order),
                        treeOrderStart: PinnedArray(paths.treeOrderStart), nodeSlot: PinnedArray(paths.nodeSlot),
                        leafNode: PinnedArray(paths.leafNode), leafValue: PinnedArray(paths.leafValue),
                        leafSlotStart: PinnedArray(paths.leafSlotStart), slotFeature: PinnedArray(paths.slotFeature),
                        slotZero: PinnedArray(paths.slotZero), leafTableStart: PinnedArray(tableStart),
                        table: PinnedArray(table), weights: PinnedArray(weights), weightStride: stride)
    }

    /// The precomputed walk and shares, pinned for the kernel.
    private struct Tables: Sendable {
        /// Per tree: its first leaf (one more entry at the end).
        let treeLeafStart: PinnedArray<Int32>
        /// Internal nodes, parents first, and where each tree's start; per node its feature's slot.
        let order: PinnedArray<Int32>
        let treeOrderStart: PinnedArray<Int32>
        let nodeSlot: PinnedArray<UInt8>
        /// Per leaf: its node, its value, where its slots start (one more entry at the end), and where its
        /// shares by pattern start in `table` (−1: computed per lead).
        let leafNode: PinnedArray<Int32>
        let leafValue: PinnedArray<Double>
        let leafSlotStart: PinnedArray<Int32>
        let slotFeature: PinnedArray<Int32>
        let slotZero: PinnedArray<Double>
        let leafTableStart: PinnedArray<Int32>
        let table: PinnedArray<Float>
        /// The Shapley weight of a subset of `k` of a path's other `d − 1` features, at `d · weightStride + k`.
        let weights: PinnedArray<Double>
        let weightStride: Int
    }

    /// `k!(d−1−k)!/d!`, by products of ratios so that long paths do not overflow.
    static func shapleyWeight(subset k: Int, of d: Int) -> Double {
        var weight = 1.0 / Double(d)
        // k!(d−1−k)!/(d−1)! = 1 / C(d−1, k)
        for step in 0..<k { weight *= Double(k - step) / Double(d - 1 - step) }
        return weight
    }

    /// Every pattern's shares of every leaf with at most ``tableDepth`` slots: `2^d · d` values from its start.
    private static func shareTables(_ paths: LeafPaths, weights: [Double], stride: Int, depth: Int)
        -> (start: [Int32], table: [Float]) {
        var start: [Int32] = []
        var table: [Float] = []
        var polynomial = [Double](repeating: 0, count: paths.longestPath + 2)
        var shares = [Double](repeating: 0, count: max(1, paths.longestPath))
        for leaf in 0..<paths.leafValue.count {
            let slots = Int(paths.leafSlotStart[leaf])
            let d = Int(paths.leafSlotStart[leaf + 1]) - slots
            guard d > 0, d <= depth, table.count + (d << d) < Int(Int32.max) else {
                start.append(-1)
                continue
            }
            start.append(Int32(table.count))
            paths.slotZero.withUnsafeBufferPointer { zeros in
                weights.withUnsafeBufferPointer { weights in
                    for pattern in 0..<UInt64(1 << d) {
                        leafShares(d: d, pattern: pattern, value: paths.leafValue[leaf], zeros: zeros.baseAddress! + slots,
                                   weights: weights.baseAddress! + d * stride, r: &polynomial, into: &shares)
                        table += shares[0..<d].map { Float($0) }
                    }
                }
            }
        }
        return (start, table)
    }

    /// One leaf's shares for one pattern, by slot, into `shares[0..<d]`: `r` is scratch of `d + 2` values.
    @inline(__always)
    static func leafShares(d: Int, pattern: UInt64, value: Double, zeros: UnsafePointer<Double>, weights w: UnsafePointer<Double>,
                           r: UnsafeMutablePointer<Double>, into shares: UnsafeMutablePointer<Double>) {
        // R(t) = Π over followed features of (z_j + t); Z_B = Π over the others of z_j.
        r[0] = 1
        var m = 0
        var zeroOthers = 1.0
        for slot in 0..<d {
            let z = zeros[slot]
            if pattern & (1 << UInt64(slot)) != 0 {
                r[m + 1] = r[m]
                var k = m
                while k > 0 {
                    r[k] = r[k] * z + r[k - 1]
                    k -= 1
                }
                r[0] *= z
                m += 1
            } else {
                zeroOthers *= z
            }
        }
        let scale = value * zeroOthers
        var othersShare = 0.0
        if m < d {
            var sum = 0.0
            for k in 0...m { sum += w[k] * r[k] }
            othersShare = -scale * sum
        }
        for slot in 0..<d {
            guard pattern & (1 << UInt64(slot)) != 0 else {
                shares[slot] = othersShare
                continue
            }
            let z = zeros[slot]
            // Q = R / (t + z), from the top: q_{m−1} = r_m, q_{k−1} = r_k − z·q_k.
            var q = r[m]
            var sum = w[m - 1] * q
            var k = m - 1
            while k > 0 {
                q = r[k] - z * q
                sum += w[k - 1] * q
                k -= 1
            }
            shares[slot] = scale * (1 - z) * sum
        }
    }

    /// Leads explained together, tree by tree: one tree's nodes and share tables (tens of KB) stay in the
    /// core's cache across the block instead of the whole model's (megabytes) streaming through per lead.
    static let blockRows = 32

    /// Contributions of every row, row-major: `featureCount + 1` values per row, the bias last, spread
    /// over the machine's cores.
    public func contributions(_ matrix: FeatureMatrix) -> [Double] {
        precondition(matrix.columns == ensemble.featureCount,
                     "TreeSHAP: \(matrix.columns) columns for a model of \(ensemble.featureCount)")
        let (columns, width) = (matrix.columns, ensemble.featureCount + 1)
        var output = [Double](repeating: 0, count: matrix.rows * width)
        matrix.values.withUnsafeBufferPointer { values in
            output.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let (values, out) = (values.baseAddress!, out.baseAddress!)
                ParallelRows.forEachSlice(matrix.rows) { rows in
                    // Working memory on the stack of the slice's thread: the pattern at each node of a tree,
                    // and the polynomial and shares of a leaf computed per lead.
                    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: max(1, largestTree)) { patterns in
                        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * longestPath + 4) { scratch in
                            for row in rows { out[row * width + width - 1] = bias }
                            for block in stride(from: rows.lowerBound, to: rows.upperBound, by: Self.blockRows) {
                                let blockEnd = min(block + Self.blockRows, rows.upperBound)
                                for tree in 0..<ensemble.treeCount {
                                    for row in block..<blockEnd {
                                        add(tree: tree, row: values + row * columns, into: out + row * width,
                                            patterns: patterns.baseAddress!, scratch: scratch.baseAddress!)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return output
    }

    /// Adds one tree's shares for one row into `out` (the row's `featureCount` contributions).
    @inline(__always)
    private func add(tree: Int, row: UnsafePointer<Float>, into out: UnsafeMutablePointer<Double>,
                     patterns: UnsafeMutablePointer<UInt64>, scratch: UnsafeMutablePointer<Double>) {
        let nodes = ensemble.nodes
        let roots = ensemble.roots.pointer
        let t = tables
        let (treeLeafStart, order, treeOrderStart, nodeSlot) =
            (t.treeLeafStart.pointer, t.order.pointer, t.treeOrderStart.pointer, t.nodeSlot.pointer)
        let (leafNode, leafValue, leafSlotStart) = (t.leafNode.pointer, t.leafValue.pointer, t.leafSlotStart.pointer)
        let (slotFeature, slotZero, leafTableStart, table) =
            (t.slotFeature.pointer, t.slotZero.pointer, t.leafTableStart.pointer, t.table.pointer)
        let (weights, stride) = (t.weights.pointer, t.weightStride)
        let (r, shares) = (scratch, scratch + longestPath + 2)

        let first = Int(roots[tree])
        // Patterns, parents first: a child keeps its parent's bits, less the split's slot if the lead
        // goes the other way.
        patterns[0] = ~0
        for position in Int(treeOrderStart[tree])..<Int(treeOrderStart[tree + 1]) {
            let node = Int(order[position])
            let inherited = patterns[node - first]
            let cleared = inherited & ~(UInt64(1) << UInt64(nodeSlot[node]))
            let left = nodes.goesLeft(node, row)
            patterns[Int(nodes.left[node]) - first] = left ? inherited : cleared
            patterns[Int(nodes.right[node]) - first] = left ? cleared : inherited
        }
        for leaf in Int(treeLeafStart[tree])..<Int(treeLeafStart[tree + 1]) {
            let slots = Int(leafSlotStart[leaf])
            let d = Int(leafSlotStart[leaf + 1]) - slots
            guard d > 0 else { continue }
            let pattern = patterns[Int(leafNode[leaf]) - first] & ((UInt64(1) << UInt64(d)) &- 1)
            let tableStart = Int(leafTableStart[leaf])
            if tableStart >= 0 {
                let leafShares = table + tableStart + Int(pattern) * d
                for slot in 0..<d { out[Int(slotFeature[slots + slot])] += Double(leafShares[slot]) }
            } else {
                Self.leafShares(d: d, pattern: pattern, value: leafValue[leaf], zeros: slotZero + slots,
                                weights: weights + d * stride, r: r, into: shares)
                for slot in 0..<d { out[Int(slotFeature[slots + slot])] += shares[slot] }
            }
        }
    }
}
