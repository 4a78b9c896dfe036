import Foundation
import Testing
@testable import LeadscoreData
@testable import LeadscoreModels

/// The Swift tree evaluator and its exact TreeSHAP against three independent references: XGBoost's own
/// C library (1.7, the trainer) on the models the suite trains, Python XGBoost 3.x on models it trained
/// and explained (fixture, scripts/fixtures/make_treeshap_fixtures.py), and on random trees a brute-force
/// Shapley sum over every subset of features.
@Suite("Tree evaluation and TreeSHAP") struct TreeSHAPTests {
    /// Largest gaps allowed: the issue's contract with XGBoost (predictions 1e-6, contributions 1e-5).
    static let marginTolerance = 1e-6
    static let contributionTolerance = 1e-5

    static func largestGap(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count)
        return zip(a, b).map { abs($0 - $1) }.max() ?? 0
    }

    @Test func theSampleOrgModelMatchesXGBoost() throws {
        let trained = try TrainedSampleOrg.shared.get()
        guard case let .trees(booster) = try trained.treeBundle().model else { Issue.record("not trees"); return }
        var matrix = trained.testInputs().inputs.matrix
        // Every third row loses random inputs, so default directions are taken on many nodes.
        var random = BootstrapInterval.SplitMix64(seed: 17)
        for row in stride(from: 0, to: matrix.rows, by: 3) {
            for column in 0..<matrix.columns where random.next() % 4 == 0 { matrix.values[row * matrix.columns + column] = .nan }
        }
        let shap = try booster.compiled().get()
        let data = try DMatrix(values: matrix.values, rows: matrix.rows, columns: matrix.columns)
        let expectedMargins = try booster.predict(data, output: .margin).map(Double.init)
        let expectedContributions = try booster.predict(data, output: .contributions).map(Double.init)
        let margins = shap.ensemble.margins(matrix)
        let contributions = shap.contributions(matrix)
        #expect(matrix.rows > 1_000 && shap.ensemble.treeCount > 10)
        #expect(Self.largestGap(margins, expectedMargins) <= Self.marginTolerance)
        #expect(Self.largestGap(contributions, expectedContributions) <= Self.contributionTolerance)
        // Each row's contributions add up to its margin (the bias is the last column).
        let width = matrix.columns + 1
        let sums = (0..<matrix.rows).map { contributions[($0 * width)..<(($0 + 1) * width)].reduce(0, +) }
        #expect(Self.largestGap(sums, margins) <= 1e-5)
    }

    @Test func modelsSavedByPythonXGBoost3MatchItsPredictionsAndContributions() throws {
        let url = try #require(Bundle.module.url(forResource: "treeshap-xgboost3", withExtension: "json", subdirectory: "Fixtures"))
        let fixture = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        #expect((fixture["xgboost"] as? String)?.hasPrefix("3.") == true)
        let (rows, columns) = (try #require(fixture["rows"] as? Int), try #require(fixture["columns"] as? Int))
        let values = try #require(fixture["values"] as? [Any]).map { ($0 as? Double).map(Float.init) ?? .nan }
        let matrix = FeatureMatrix(rows: rows, columns: columns, values: values)
        let cases = try #require(fixture["cases"] as? [[String: Any]])
        #expect(cases.count == 2)
        for fixtureCase in cases {
            let name = fixtureCase["name"] as? String ?? "?"
            let model = try JSONSerialization.data(withJSONObject: try #require(fixtureCase["model"]))
            let shap = try TreeSHAP(try TreeEnsemble(jsonModel: model))
            let margins = try #require(fixtureCase["margins"] as? [Double])
            let contributions = try #require(fixtureCase["contributions"] as? [Double])
            #expect(Self.largestGap(shap.ensemble.margins(matrix), margins) <= Self.marginTolerance, "\(name)")
            #expect(Self.largestGap(shap.contributions(matrix), contributions) <= Self.contributionTolerance, "\(name)")
        }
    }

    /// The path-dependent value of a feature subset on one tree: follow the lead where the split's
    /// feature is known, else average both children by cover. Shapley values of this game are what
    /// TreeSHAP computes, in polynomial time; here they are summed over all 2^M subsets.
    static func value(_ tree: RandomTreeModel.Tree, node: Int = 0, row: [Float], known: Set<Int>) -> Double {
        guard tree.left[node] >= 0 else { return Double(tree.condition[node]) }
        let (l, r) = (tree.left[node], tree.right[node])
        if known.contains(tree.feature[node]) {
            let x = row[tree.feature[node]]
            let left = x.isNaN ? tree.defaultLeft[node] == 1 : x < tree.condition[node]
            return value(tree, node: left ? l : r, row: row, known: known)
        }
        return (value(tree, node: l, row: row, known: known) * Double(tree.cover[l])
            + value(tree, node: r, row: row, known: known) * Double(tree.cover[r])) / Double(tree.cover[node])
    }

    static func bruteForceShapley(_ trees: [RandomTreeModel.Tree], row: [Float], features: Int) -> [Double] {
        var phi = [Double](repeating: 0, count: features)
        let factorial = (0...features).map { n in (1...max(1, n)).reduce(1.0) { $0 * Double($1) } }
        for mask in 0..<(1 << features) {
            let known = Set((0..<features).filter { mask & (1 << $0) != 0 })
            guard known.count < features else { continue }
            let weight = factorial[known.count] * factorial[features - known.count - 1] / factorial[features]
            let without = trees.reduce(0.0) { $0 + value($1, row: row, known: known) }
            for i in 0..<features where !known.contains(i) {
                let with = trees.reduce(0.0) { $0 + value($1, row: row, known: known.union([i])) }
                phi[i] += weight * (with - without)
            }
        }
        return phi
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func randomTreesAgreeWithBruteForceAndWithXGBoost(seed: UInt64) throws {
        var model = RandomTreeModel(generator: BootstrapInterval.SplitMix64(seed: seed), features: 5)
        let (json, trees, baseScore) = model.json(trees: 6, maxDepth: Int(seed % 4) + 3)
        // Shares computed per lead in double precision (no tables), held to brute force at 1e-9.
        let exact = try TreeSHAP(try TreeEnsemble(jsonModel: json), tableDepth: 0)
        // Shares looked up in the precomputed (float32) tables for every leaf, or for the shallow leaves only.
        let shap = try TreeSHAP(try TreeEnsemble(jsonModel: json))
        let mixed = try TreeSHAP(try TreeEnsemble(jsonModel: json), tableDepth: 2)
        // Inputs on the thresholds' grid (ties go right), between it, and missing.
        var values: [Float] = []
        for _ in 0..<40 * 5 {
            let pick = model.generator.next(in: 0...9)
            values.append(pick < 2 ? .nan : Float(model.generator.next(in: -10...10)) / 4)
        }
        let matrix = FeatureMatrix(rows: 40, columns: 5, values: values)
        let contributions = exact.contributions(matrix)
        // A float32 table entry is within 2^-24 of its share (XGBoost's own TreeSHAP works in float32).
        #expect(Self.largestGap(shap.contributions(matrix), contributions) <= 1e-6)
        #expect(Self.largestGap(mixed.contributions(matrix), contributions) <= 1e-6)
        let baseMargin = Double(-logf(1 / baseScore - 1))
        for row in 0..<40 {
            let input = Array(values[(row * 5)..<((row + 1) * 5)])
            let expected = Self.bruteForceShapley(trees, row: input, features: 5)
            let bias = baseMargin + trees.reduce(0.0) { $0 + Self.value($1, row: input, known: []) }
            #expect(Self.largestGap(Array(contributions[(row * 6)..<(row * 6 + 5)]), expected) <= 1e-9, "seed \(seed) row \(row)")
            #expect(abs(contributions[row * 6 + 5] - bias) <= 1e-9)
        }
        // XGBoost's C library loads the same JSON and agrees.
        let booster = try Booster(jsonModel: json)
        let data = try DMatrix(values: values, rows: 40, columns: 5)
        #expect(Self.largestGap(shap.ensemble.margins(matrix), try booster.predict(data, output: .margin).map(Double.init))
            <= Self.marginTolerance)
        #expect(Self.largestGap(shap.contributions(matrix), try booster.predict(data, output: .contributions).map(Double.init))
            <= Self.contributionTolerance)
    }

    @Test func modelsItCannotEvaluateAreRefusedWithTheReason() throws {
        var model = RandomTreeModel(generator: BootstrapInterval.SplitMix64(seed: 99), features: 3)
        let (json, trees, _) = model.json(trees: 2, maxDepth: 2)
        let rightOfRoot = trees[1].right[0]
        func edited(_ edit: (inout [String: Any]) -> Void) throws -> Data {
            var object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
            edit(&object)
            return try JSONSerialization.data(withJSONObject: object)
        }
        func learner(_ edit: @escaping (inout [String: Any]) -> Void) throws -> Data {
            try edited { object in
                var learner = object["learner"] as! [String: Any]
                edit(&learner)
                object["learner"] = learner
            }
        }
        #expect(throws: TreeEnsembleError.unsupported("objective 'reg:squarederror' (binary:logistic, reg:logistic or binary:logitraw)")) {
            try TreeEnsemble(jsonModel: try learner { $0["objective"] = ["name": "reg:squarederror"] })
        }
        #expect(throws: TreeEnsembleError.unsupported("booster 'dart' (only gbtree)")) {
            try TreeEnsemble(jsonModel: try learner { learner in
                var booster = learner["gradient_booster"] as! [String: Any]
                booster["name"] = "dart"
                learner["gradient_booster"] = booster
            })
        }
        func tree(_ edit: @escaping (inout [String: Any]) -> Void) throws -> Data {
            try learner { learner in
                var booster = learner["gradient_booster"] as! [String: Any]
                var gbtree = booster["model"] as! [String: Any]
                var trees = gbtree["trees"] as! [[String: Any]]
                edit(&trees[1])
                gbtree["trees"] = trees
                booster["model"] = gbtree
                learner["gradient_booster"] = booster
            }
        }
        #expect(throws: TreeEnsembleError.unsupported("categorical splits in tree 1")) {
            try TreeEnsemble(jsonModel: try tree { $0["split_type"] = [1] + Array(($0["split_type"] as! [Int]).dropFirst()) })
        }
        #expect(throws: TreeEnsembleError.malformed(tree: 1, "node 0 has children 0 and \(rightOfRoot)")) {
            try TreeEnsemble(jsonModel: try tree { $0["left_children"] = [0] + Array(($0["left_children"] as! [Int]).dropFirst()) })
        }
        #expect(throws: TreeEnsembleError.self) { try TreeEnsemble(jsonModel: Data("{\"learner\": 3}".utf8)) }
        #expect(XGBoostModelJSON.number("[5E-1]") == 0.5 && XGBoostModelJSON.number("5E-1") == 0.5)
        #expect(XGBoostModelJSON.number("[0.1,0.2]") == nil)
    }
}
