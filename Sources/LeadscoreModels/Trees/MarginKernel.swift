/// The margin kernel of ``TreeEnsemble``: rows go through each tree side by side, a block of rows at a
/// time, every row taking as many steps as the tree is deep with no branch on the way (a leaf leads to
/// itself), so the rows' memory reads overlap instead of each waiting on the last, and no step depends
/// on a guessed branch. The result is XGBoost's, bit for bit as before: `value < threshold` goes left,
/// NaN takes the node's default direction, and each row's leaf values are added in tree order in
/// `Float` onto the base margin.
struct MarginKernel {
    /// One node in 16 bytes. `feature`'s sign bit holds the default direction (set: left). `threshold`
    /// holds the split value as an ordered key (``orderKey(_:)``), or for a leaf, which has itself as both
    /// children, the leaf value's bits.
    struct Node: BitwiseCopyable {
        var feature: Int32
        var threshold: Int32
        var left: Int32
        var right: Int32
    }

    /// Rows evaluated side by side.
    static let block = 16

    let nodes: UnsafeMutablePointer<Node>
    let roots: UnsafeMutablePointer<Int32>
    let depths: UnsafeMutablePointer<Int32>
    let treeCount: Int
    let baseMargin: Float
    let columns: Int

    /// Margins of the `count` rows (row-major, `columns` values each) starting at `rows`, into `out`.
    func margins(rows: UnsafePointer<Float>, count: Int, into out: UnsafeMutablePointer<Double>) {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: Self.block) { at in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: Self.block) { sums in
                var start = 0
                while start < count {
                    let width = min(Self.block, count - start)
                    let first = rows + start &* columns
                    for lane in 0..<width { sums[lane] = baseMargin }
                    for tree in 0..<treeCount {
                        let root = Int(roots[tree])
                        for lane in 0..<width { at[lane] = root }
                        for _ in 0..<depths[tree] {
                            for lane in 0..<width { at[lane] = step(from: at[lane], first + lane &* columns) }
                        }
                        for lane in 0..<width { sums[lane] += Float(bitPattern: UInt32(bitPattern: nodes[at[lane]].threshold)) }
                    }
                    for lane in 0..<width { out[start + lane] = Double(sums[lane]) }
                    start += width
                }
            }
        }
    }

    /// The child `row` goes to from `index` (a leaf: itself), chosen by integer arithmetic on masks. A
    /// `value < threshold ? left : right` compiles to a branch here, since the node is carried from step
    /// to step, and a tree's branches are guessed wrong about half the time.
    @inline(__always)
    private func step(from index: Int, _ row: UnsafePointer<Float>) -> Int {
        let node = nodes[index]
        let bits = row[Int(node.feature & Int32.max)].bitPattern
        let magnitude = Int64(bits & 0x7FFF_FFFF)
        let less = (Self.orderKey(bits) &- Int64(node.threshold)) &>> 63  // all ones when value < threshold
        let missing = (0x7F80_0000 &- magnitude) &>> 63  // all ones for NaN (which `<` never sends left)
        let defaultLeft = Int64(node.feature &>> 31)  // all ones when missing values go left
        let left = (less & ~missing) | (missing & defaultLeft)
        return Int(Int64(node.right) ^ ((Int64(node.left) ^ Int64(node.right)) & left))
    }

    /// An integer that orders as the float with these bits does (for any two floats but NaN; -0 and +0
    /// are equal): the magnitude, negated for a negative sign.
    @inline(__always)
    static func orderKey(_ bits: UInt32) -> Int64 {
        let magnitude = Int64(bits & 0x7FFF_FFFF)
        let sign = Int64(Int32(bitPattern: bits) &>> 31)
        return (magnitude ^ sign) &- sign
    }

    /// Packs the ensemble's node arrays (leaves: `left == -1`) and measures each tree's depth.
    static func pack(roots: [Int32], feature: [Int32], threshold: [Float], left: [Int32], right: [Int32],
                     defaultLeft: [Bool]) -> (nodes: [Node], depths: [Int32]) {
        let nodes = feature.indices.map { index in
            guard left[index] >= 0 else {
                return Node(feature: 0, threshold: Int32(bitPattern: threshold[index].bitPattern), left: Int32(index),
                            right: Int32(index))
            }
            // A NaN threshold sends every present value right (`<` is false), as a key below all others does.
            let key = threshold[index].isNaN ? Int64(Int32.min) : orderKey(threshold[index].bitPattern)
            return Node(feature: feature[index] | (defaultLeft[index] ? Int32.min : 0), threshold: Int32(key),
                        left: left[index], right: right[index])
        }
        let depths = roots.map { root -> Int32 in
            var deepest: Int32 = 0
            var pending: [(node: Int, depth: Int32)] = [(Int(root), 0)]
            while let (node, depth) = pending.popLast() {
                guard left[node] >= 0 else {
                    deepest = max(deepest, depth)
                    continue
                }
                pending.append((Int(left[node]), depth + 1))
                pending.append((Int(right[node]), depth + 1))
            }
            return deepest
        }
        return (nodes, depths)
    }
}
