import Foundation
import LeadscoreData

/// Prints throughput of the data pipeline at scale: sample-org generation, CSV ingest + snapshot,
/// snapshot load, and feature fitting + transform. Figures are measured, never asserted.
///
///     swift run -c release LeadscoreBench [--leads 1000000] [--dir /tmp/leadscore-bench]
@main
struct DataBenchmark {
    static func main() throws {
        let arguments = CommandLine.arguments
        func option(_ name: String) -> String? {
            arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
        }
        let leads = Int(option("--leads") ?? "") ?? 1_000_000
        let root = URL(fileURLWithPath: option("--dir") ?? NSTemporaryDirectory() + "leadscore-bench")
        try? FileManager.default.removeItem(at: root)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        print("leadscore data benchmark: \(leads) leads, \(ProcessInfo.processInfo.activeProcessorCount) cores, in \(root.path)")

        let org = root.appendingPathComponent("org")
        try measure("sample-org generation", rows: leads) {
            _ = try SampleOrgGenerator(leads: leads, seed: 42).write(to: org)
        }
        let csvBytes = (try FileManager.default.attributesOfItem(atPath: org.appendingPathComponent("Lead.csv").path)[.size]
            as? NSNumber)?.intValue ?? 0
        print(String(format: "  Lead.csv: %.0f MB", Double(csvBytes) / 1e6))

        let describe = try SalesforceDescribe.decode(Data(contentsOf: org.appendingPathComponent("describe.json")), source: "describe.json")
        let contract = ContractDrafter.draft(fromDescribe: describe, name: "bench").contract
        let yaml = ContractWriter.yaml(contract)
        let exportTime = SampleOrgGenerator.exportTime.timeIntervalSince1970
        let snapshotURL = root.appendingPathComponent("snapshot")
        try measure("CSV ingest + snapshot", rows: leads) {
            try SnapshotBuilder.build(SnapshotRequest(
                source: CSVFileSource(url: org.appendingPathComponent("Lead.csv")), contract: try ContractLoader.parse(yaml),
                contractText: yaml, to: exportTime, asOf: exportTime,
                salt: try PIISalt(secret: "benchmark-salt-not-a-secret")), to: snapshotURL)
        }
        var snapshot: Snapshot?
        try measure("snapshot load (verify + parse, first open)", rows: leads) { snapshot = try Snapshot.open(snapshotURL) }
        try measure("snapshot load (verify + table cache)", rows: leads) { snapshot = try Snapshot.open(snapshotURL) }
        guard let snapshot else { return }
        let table = snapshot.table
        let train = table.rows(in: .train)
        var pipeline: FeaturePipeline?
        try measure("feature fit (train rows)", rows: train.count) {
            pipeline = FeaturePipelineFitter.fit(table: table, contract: snapshot.contract, trainingRows: train)
        }
        guard let pipeline else { return }
        let rows = Array(0..<table.rowCount)
        let created: [Double]
        if case let .numeric(column)? = table.column(snapshot.contract.createdField ?? "") { created = column.values } else { created = [] }
        let moments = rows.map { pipeline.scoringMoment(created: created.isEmpty ? nil : created[$0], dataAsOf: exportTime) }
        let transformer = FeatureTransformer(pipeline)
        try measure("feature transform (all rows, \(transformer.width) columns)", rows: rows.count) {
            _ = transformer.transform(table, rows: rows, scoringMoments: moments)
        }
        print(String(format: "peak RSS: %.0f MB", Double(peakResidentKilobytes()) / 1024))
    }

    static func measure(_ name: String, rows: Int, _ work: () throws -> Void) throws {
        let start = DispatchTime.now().uptimeNanoseconds
        try work()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print(String(format: "%-48@ %8.2f s  %12.0f rows/s", name as NSString, seconds, Double(rows) / seconds))
    }

    static func peakResidentKilobytes() -> Int {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss
        #else
        getrusage(RUSAGE_SELF, &usage)
        return usage.ru_maxrss / 1024  // bytes on macOS
        #endif
    }
}
