/// A ``TreeEnsemble``'s trees as ``TreeSHAP`` walks them, built once per model:
///
/// - per tree, its internal nodes in an order where every parent comes before its children, each with
///   the *slot* of its feature: the feature's position among the distinct features of the path from the
///   root to that node, in order of first appearance. A leaf's slots are therefore those of its path, and
///   a lead's *pattern* at a leaf (bit `j` set when it takes the path's direction at every split on slot
///   `j`) is computed for all leaves in one pass over the nodes;
/// - per leaf, its node, value, and the features and zero fractions of its slots.
struct LeafPaths {
    /// Internal nodes of all trees, parents first; tree `t`'s are `order[treeOrderStart[t] ..< treeOrderStart[t + 1]]`.
    var order: [Int32] = []
    var treeOrderStart: [Int32] = [0]
    /// Per node of the ensemble (internal nodes only are meaningful): its feature's slot on its path.
    var nodeSlot: [UInt8]
    var leafNode: [Int32] = []
    var leafValue: [Double] = []
    /// Where each leaf's slots start in `slotFeature`/`slotZero` (one more entry at the end).
    var leafSlotStart: [Int32] = [0]
    var slotFeature: [Int32] = []
    var slotZero: [Double] = []
    private(set) var longestPath = 0

    /// Paths with more distinct features than a pattern has bits cannot be evaluated.
    static let maximumPath = 63

    init(nodeCount: Int) {
        nodeSlot = [UInt8](repeating: 0, count: nodeCount)
    }

    /// Appends the tree under `root`; returns the tree's expected value (the cover-weighted mean of its
    /// leaves, as XGBoost's `FillNodeMeanValues` computes it), or throws when a path is too long.
    mutating func collect(_ ensemble: TreeEnsemble, root: Int) throws -> Double {
        var path: [(node: Int32, left: Bool)] = []
        var features: [Int32] = []
        let mean = try visit(ensemble, node: root, path: &path, features: &features)
        treeOrderStart.append(Int32(order.count))
        return mean
    }

    private mutating func visit(_ ensemble: TreeEnsemble, node: Int, path: inout [(node: Int32, left: Bool)],
                                features: inout [Int32]) throws -> Double {
        let left = Int(ensemble.left[node])
        guard left >= 0 else {
            try appendLeaf(ensemble, node: node, path: path)
            return Double(ensemble.threshold[node])
        }
        let right = Int(ensemble.right[node])
        let feature = ensemble.feature[node]
        let added = !features.contains(feature)
        if added { features.append(feature) }
        guard features.count <= Self.maximumPath else {
            throw TreeEnsembleError.unsupported("a path with more than \(Self.maximumPath) distinct features")
        }
        nodeSlot[node] = UInt8(features.firstIndex(of: feature)!)
        order.append(Int32(node))
        path.append((Int32(node), true))
        let leftMean = try visit(ensemble, node: left, path: &path, features: &features)
        path[path.count - 1].left = false
        let rightMean = try visit(ensemble, node: right, path: &path, features: &features)
        path.removeLast()
        if added { features.removeLast() }
        let cover = Double(ensemble.cover[node])
        guard cover > 0 else { return (leftMean + rightMean) / 2 }
        return (leftMean * Double(ensemble.cover[left]) + rightMean * Double(ensemble.cover[right])) / cover
    }

    /// The leaf's slots in order of first appearance on its path, each with its zero fraction: the product
    /// of child/parent cover over the path's splits on that feature.
    private mutating func appendLeaf(_ ensemble: TreeEnsemble, node leaf: Int, path: [(node: Int32, left: Bool)]) throws {
        let firstSlot = slotFeature.count
        for (node, wentLeft) in path {
            let parent = Int(node)
            let child = Int(wentLeft ? ensemble.left[parent] : ensemble.right[parent])
            let parentCover = Double(ensemble.cover[parent])
            let fraction = parentCover > 0 ? Double(ensemble.cover[child]) / parentCover : 0
            let slot = Int(nodeSlot[parent])
            if firstSlot + slot < slotFeature.count {
                slotZero[firstSlot + slot] *= fraction
            } else {
                slotFeature.append(ensemble.feature[parent])
                slotZero.append(fraction)
            }
        }
        leafNode.append(Int32(leaf))
        leafValue.append(Double(ensemble.threshold[leaf]))
        leafSlotStart.append(Int32(slotFeature.count))
        longestPath = max(longestPath, slotFeature.count - firstSlot)
    }
}
