import Foundation
@testable import LeadscoreModels

/// Random XGBoost JSON models for TreeSHAP's property test: random shapes (uneven depths, single-leaf
/// trees, one feature split several times on a path), thresholds on a coarse grid so that inputs often
/// equal them, covers that add up like XGBoost's (a child's hessian sum is part of its parent's), and
/// random default directions. The JSON carries every key XGBoost 1.7's loader requires, so the C
/// library evaluates the same model.
struct RandomTreeModel {
    var generator: BootstrapInterval.SplitMix64
    let features: Int

    struct Tree {
        var left: [Int] = []
        var right: [Int] = []
        var feature: [Int] = []
        var condition: [Float] = []
        var defaultLeft: [Int] = []
        var cover: [Float] = []
        var parent: [Int] = []
    }

    mutating func tree(maxDepth: Int) -> Tree {
        var tree = Tree()
        let root = allocate(&tree, parent: Int(Int32.max), cover: Float(generator.next(in: 8...200)))
        grow(&tree, node: root, depth: 0, maxDepth: maxDepth)
        return tree
    }

    private mutating func allocate(_ tree: inout Tree, parent: Int, cover: Float) -> Int {
        tree.left.append(-1)
        tree.right.append(-1)
        tree.parent.append(parent)
        tree.cover.append(cover)
        tree.defaultLeft.append(generator.next(in: 0...1))
        tree.feature.append(0)
        tree.condition.append(Float(generator.next(in: -40...40)) / 20)  // a leaf's value until it splits
        return tree.left.count - 1
    }

    /// Splits `node` or leaves it a leaf. Children are allocated side by side, right = left + 1, as
    /// XGBoost numbers them (its predictor reaches the right child as the left one plus one).
    private mutating func grow(_ tree: inout Tree, node: Int, depth: Int, maxDepth: Int) {
        let cover = tree.cover[node]
        guard depth < maxDepth, cover >= 2, depth == 0 || generator.next(in: 0...9) < 7 else { return }
        tree.feature[node] = generator.next(in: 0...(features - 1))
        tree.condition[node] = Float(generator.next(in: -4...4)) / 2
        let leftCover = max(1, (cover * Float(generator.next(in: 1...9)) / 10).rounded())
        let l = allocate(&tree, parent: node, cover: leftCover)
        let r = allocate(&tree, parent: node, cover: max(1, cover - leftCover))
        tree.left[node] = l
        tree.right[node] = r
        grow(&tree, node: l, depth: depth + 1, maxDepth: maxDepth)
        grow(&tree, node: r, depth: depth + 1, maxDepth: maxDepth)
        tree.cover[node] = tree.cover[l] + tree.cover[r]
    }

    /// A whole model: `trees` random trees, as XGBoost 1.7 writes JSON. The base score stays 0.5, the
    /// value leadscore trains with: XGBoost 1.7's C library does not apply another one read from JSON
    /// (Python XGBoost 3.x does; the Python fixture checks a base score of 0.3 against it).
    mutating func json(trees count: Int, maxDepth: Int) -> (data: Data, trees: [Tree], baseScore: Float) {
        let trees = (0..<count).map { _ in tree(maxDepth: maxDepth) }
        let baseScore: Float = 0.5
        // Written by hand: XGBoost's loader wants floats spelled as floats (`12.0`, not `12`).
        func floats(_ values: [Float]) -> String { "[" + values.map { "\(Double($0))" }.joined(separator: ",") + "]" }
        func ints(_ values: [Int]) -> String { "[" + values.map(String.init).joined(separator: ",") + "]" }
        let treeTexts = trees.enumerated().map { index, tree in
            let nodes = tree.left.count
            return """
                {"base_weights":\(floats(tree.condition)),"categories":[],"categories_nodes":[],"categories_segments":[],\
                "categories_sizes":[],"default_left":\(ints(tree.defaultLeft)),"id":\(index),"left_children":\(ints(tree.left)),\
                "loss_changes":\(floats([Float](repeating: 1, count: nodes))),"parents":\(ints(tree.parent)),\
                "right_children":\(ints(tree.right)),"split_conditions":\(floats(tree.condition)),\
                "split_indices":\(ints(tree.feature)),"split_type":\(ints([Int](repeating: 0, count: nodes))),\
                "sum_hessian":\(floats(tree.cover)),"tree_param":{"num_deleted":"0","num_feature":"\(features)",\
                "num_nodes":"\(nodes)","size_leaf_vector":"0"}}
                """
        }
        let text = """
            {"learner":{"attributes":{},"feature_names":[],"feature_types":[],"gradient_booster":{"model":{\
            "gbtree_model_param":{"num_parallel_tree":"1","num_trees":"\(count)","size_leaf_vector":"0"},\
            "tree_info":\(ints([Int](repeating: 0, count: count))),"trees":[\(treeTexts.joined(separator: ","))]},"name":"gbtree"},\
            "learner_model_param":{"base_score":"\(String(format: "%.9E", Double(baseScore)))","boost_from_average":"0",\
            "num_class":"0","num_feature":"\(features)","num_target":"1"},\
            "objective":{"name":"binary:logistic","reg_loss_param":{"scale_pos_weight":"1"}}},"version":[1,7,4]}
            """
        return (Data(text.utf8), trees, baseScore)
    }
}

extension BootstrapInterval.SplitMix64 {
    /// A uniform integer in `range` (modulo bias is irrelevant for test shapes).
    mutating func next(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }
}
