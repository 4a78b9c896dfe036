import Foundation
import LeadscoreData
import LeadscoreModels

/// Scoring kernels of a trained bundle on every row of its snapshot: margins and exact contributions
/// through XGBoost's C library (what scoring used before) and through the Swift evaluator, after checking
/// that both give the same numbers; then `leadscore score`'s whole batch path (CSV in, CSV out) with and
/// without reasons. Writes the feature matrix for scripts/bench-core's Python XGBoost run. Figures are
/// printed, never asserted.
///
///     swift run -c release LeadscoreCoreBench --bundle DIR --snapshot DIR --csv Lead.csv --out DIR
@main
struct CoreBenchmark {
    static func main() throws {
        let arguments = CommandLine.arguments
        func option(_ name: String) -> String? {
            arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
        }
        guard let bundlePath = option("--bundle"), let snapshotPath = option("--snapshot"), let csv = option("--csv"),
              let out = option("--out") else {
            print("usage: LeadscoreCoreBench --bundle DIR --snapshot DIR --csv Lead.csv --out DIR")
            exit(2)
        }
        let bundle = try ModelBundle.load(from: URL(fileURLWithPath: bundlePath))
        let snapshot = try Snapshot.open(URL(fileURLWithPath: snapshotPath))
        let rows = Array(0..<snapshot.table.rowCount)
        let asOf = SalesforceDate.parse(snapshot.manifest.window.asOf) ?? Date().timeIntervalSince1970
        let matrix = ScoringInputs(table: snapshot.table, rows: rows, pipeline: bundle.pipeline, dataAsOf: asOf).matrix
        print("leadscore core benchmark: \(matrix.rows) leads × \(matrix.columns) model inputs, "
            + "\(ProcessInfo.processInfo.activeProcessorCount) cores, model \(bundle.metadata.kind.rawValue)")

        if let booster = trees(of: bundle.model) {
            try kernels(booster, matrix: matrix)
            try writeMatrix(matrix, to: URL(fileURLWithPath: out))
        } else {
            print("  the champion has no trees: tree kernels skipped")
        }
        let scorer = BatchScorer(scorer: LeadScorer(bundle: bundle), dataAsOf: asOf)
        for explain in [false, true] {
            let output = URL(fileURLWithPath: out).appendingPathComponent(explain ? "scored-explained.csv" : "scored.csv")
            var scored = 0
            let seconds = try time {
                scored = try scorer.run(input: URL(fileURLWithPath: csv), output: output, explain: explain).scored
            }
            report("batch scoring CSV → CSV \(explain ? "with" : "without") reasons", rows: scored, seconds: seconds)
        }
    }

    static func trees(of model: ScoringModel) -> Booster? {
        switch model {
        case let .trees(booster): return booster
        case let .blend(blend): return blend.trees
        case .rules, .logistic: return nil
        }
    }

    static func kernels(_ booster: Booster, matrix: FeatureMatrix) throws {
        try booster.setParameters(["nthread": "\(ProcessInfo.processInfo.activeProcessorCount)"])
        let compiled = try booster.compiled().get()
        print("  \(compiled.ensemble.treeCount) trees")
        var xgboostMargins: [Float] = [], xgboostContributions: [Float] = []
        var swiftMargins: [Double] = [], swiftContributions: [Double] = []
        let data = try DMatrix(values: matrix.values, rows: matrix.rows, columns: matrix.columns)
        report("margins, XGBoost C API", rows: matrix.rows,
               seconds: try time { xgboostMargins = try booster.predict(data, output: .margin) })
        report("margins, Swift", rows: matrix.rows, seconds: time { swiftMargins = compiled.ensemble.margins(matrix) })
        report("contributions, XGBoost C API (pred_contribs)", rows: matrix.rows,
               seconds: try time { xgboostContributions = try booster.predict(data, output: .contributions) })
        report("contributions, Swift TreeSHAP", rows: matrix.rows,
               seconds: time { swiftContributions = compiled.contributions(matrix) })
        let marginGap = zip(xgboostMargins, swiftMargins).map { abs(Double($0) - $1) }.max() ?? 0
        let contributionGap = zip(xgboostContributions, swiftContributions).map { abs(Double($0) - $1) }.max() ?? 0
        print(String(format: "  largest gap to XGBoost: margins %.2e, contributions %.2e", marginGap, contributionGap))
    }

    /// `matrix.f32` (row-major float32, NaN = missing) and `matrix.shape` ("rows columns") for Python.
    static func writeMatrix(_ matrix: FeatureMatrix, to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try matrix.values.withUnsafeBufferPointer { Data(buffer: $0) }
            .write(to: directory.appendingPathComponent("matrix.f32"))
        try "\(matrix.rows) \(matrix.columns)\n".write(to: directory.appendingPathComponent("matrix.shape"), atomically: true,
                                                       encoding: .utf8)
    }

    static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func report(_ label: String, rows: Int, seconds: Double) {
        let padded = label.padding(toLength: 48, withPad: " ", startingAt: 0)
        print(String(format: "  %@ %9.3f s  %12.0f leads/s", padded, seconds, Double(rows) / max(seconds, 1e-9)))
    }
}
