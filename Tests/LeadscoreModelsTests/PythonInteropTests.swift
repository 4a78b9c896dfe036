import Foundation
import Testing
@testable import LeadscoreData
@testable import LeadscoreModels

/// The bundle's model.json loads in Python XGBoost and predicts the same margins there
/// (scripts/check_bundle_python.py; `make setup` installs python3-xgboost).
struct PythonInteropTests {
    @Test func pythonXGBoostLoadsTheModelAndAgrees() throws {
        let org = try TrainedSampleOrg.shared.get()
        let bundle = try org.treeBundle()
        let out = org.directory.appendingPathComponent("python-\(UUID().uuidString.prefix(6))")
        try bundle.write(to: out)
        let (inputs, _) = org.testInputs()
        let count = min(2_000, inputs.count)
        let margins = try bundle.model.margins(inputs)
        var features = bundle.pipeline.columnNames.map { "\"\($0)\"" }.joined(separator: ",") + "\n"
        var expected = "margin\n"
        for row in 0..<count {
            features += inputs.matrix.row(row).map { $0.isNaN ? "" : "\($0)" }.joined(separator: ",") + "\n"
            expected += "\(margins[row])\n"
        }
        try Data(features.utf8).write(to: out.appendingPathComponent("inputs.csv"))
        try Data(expected.utf8).write(to: out.appendingPathComponent("expected.csv"))

        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/check_bundle_python.py")
        let process = Process()
        // Debian's python3 carries python3-xgboost; LEADSCORE_PYTHON picks another interpreter.
        let python = ProcessInfo.processInfo.environment["LEADSCORE_PYTHON"]
            ?? (FileManager.default.fileExists(atPath: "/usr/bin/python3") ? "/usr/bin/python3" : "python3")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script.path, out.path, out.appendingPathComponent("inputs.csv").path,
                             out.appendingPathComponent("expected.csv").path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python check failed: \(output)")
        #expect(output.contains("\"ok\": true"))
    }
}
