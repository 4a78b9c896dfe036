import Foundation
import Testing
@testable import LeadscoreModels

/// The branch-free margin kernel against the plain reading of a tree (`value < threshold` goes left,
/// NaN takes the default direction, leaf values added in tree order in Float), bit for bit, on the
/// floats where integer tricks go wrong: ±0, ±infinity, NaN of either sign, subnormals, the largest finite values
/// and the neighbours of every threshold. (TreeSHAPTests hold the same margins to XGBoost's.)
struct MarginKernelTests {
    static let specials: [Float] = [
        0, -0, 1, -1, 0.5, -0.5, .infinity, -.infinity, .nan, -.nan, .signalingNaN, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
        .greatestFiniteMagnitude, -.greatestFiniteMagnitude, Float(1).nextUp, Float(1).nextDown, Float(-1).nextUp,
    ]

    static let thresholds = specials.filter { !$0.isNaN }

    @Test func orderKeysOrderAsFloatsDo() {
        var generator = BootstrapInterval.SplitMix64(seed: 7)
        let randoms = (0..<200).map { _ in Float(bitPattern: UInt32(truncatingIfNeeded: generator.next())) }
        let values = (Self.specials + randoms).filter { !$0.isNaN }
        for a in values {
            for b in values {
                #expect((MarginKernel.orderKey(a.bitPattern) < MarginKernel.orderKey(b.bitPattern)) == (a < b), "\(a) < \(b)")
            }
        }
    }

    @Test(arguments: [1, 2, 3, 4])
    func marginsMatchThePlainReadingBitForBit(seed: UInt64) {
        var model = RandomTreeModel(generator: BootstrapInterval.SplitMix64(seed: seed), features: 4)
        // Flat node arrays as TreeEnsemble keeps them (children as absolute indices), thresholds from the specials.
        var (roots, feature, threshold, left, right, defaultLeft) = ([Int32](), [Int32](), [Float](), [Int32](), [Int32](), [Bool]())
        for _ in 0..<12 {
            let tree = model.tree(maxDepth: Int(seed) + 3)
            let offset = Int32(feature.count)
            roots.append(offset)
            for node in tree.left.indices {
                let leaf = tree.left[node] < 0
                feature.append(Int32(tree.feature[node]))
                let special = Self.thresholds[model.generator.next(in: 0...(Self.thresholds.count - 1))]
                threshold.append(leaf ? tree.condition[node] : special)
                left.append(leaf ? -1 : offset + Int32(tree.left[node]))
                right.append(leaf ? -1 : offset + Int32(tree.right[node]))
                defaultLeft.append(tree.defaultLeft[node] == 1)
            }
        }
        let packed = MarginKernel.pack(roots: roots, feature: feature, threshold: threshold, left: left, right: right,
                                       defaultLeft: defaultLeft)
        let rows = 37  // two blocks of 16 and a shorter one
        let values = (0..<rows * 4).map { _ in Self.specials[model.generator.next(in: 0...(Self.specials.count - 1))] }
        let baseMargin: Float = -0.25
        var margins = [Double](repeating: .nan, count: rows)
        packed.nodes.withUnsafeBufferPointer { nodes in
            roots.withUnsafeBufferPointer { rootPointer in
                packed.depths.withUnsafeBufferPointer { depths in
                    let kernel = MarginKernel(nodes: UnsafeMutablePointer(mutating: nodes.baseAddress!),
                                              roots: UnsafeMutablePointer(mutating: rootPointer.baseAddress!),
                                              depths: UnsafeMutablePointer(mutating: depths.baseAddress!),
                                              treeCount: roots.count, baseMargin: baseMargin, columns: 4)
                    values.withUnsafeBufferPointer { kernel.margins(rows: $0.baseAddress!, count: rows, into: &margins) }
                }
            }
        }
        for row in 0..<rows {
            var sum = baseMargin
            for root in roots {
                var node = Int(root)
                while left[node] >= 0 {
                    let value = values[row * 4 + Int(feature[node])]
                    let goesLeft = value.isNaN ? defaultLeft[node] : value < threshold[node]
                    node = Int(goesLeft ? left[node] : right[node])
                }
                sum += threshold[node]
            }
            #expect(margins[row].bitPattern == Double(sum).bitPattern, "seed \(seed) row \(row)")
        }
    }
}
