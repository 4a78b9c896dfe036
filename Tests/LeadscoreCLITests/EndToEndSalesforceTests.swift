import Foundation
import Testing

/// `scripts/e2e-salesforce`, the whole Salesforce loop as an admin runs it, with the built `leadscore`:
/// a fresh local org with the SFDX package → snapshot through the API → train → register → sync → a
/// second sync → 10% injected faults and reruns → `kill -9` during a sync and a rerun. Its last line is
/// the JSON verdict; every figure of it is checked here.
struct EndToEndSalesforceTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/e2e-salesforce")

    @Test func theWholeLoopConvergesWithoutLossOrDuplicates() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leadscore-e2e-test-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // Output to files, so a long log cannot fill a pipe: the verdict on stdout, progress on stderr.
        let output = directory.appendingPathComponent("e2e.txt"), logFile = directory.appendingPathComponent("e2e.log")
        for file in [output, logFile] { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
        let stdout = try FileHandle(forWritingTo: output)
        let stderr = try FileHandle(forWritingTo: logFile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Self.script.path]
        var environment = ProcessInfo.processInfo.environment
        environment["LEADS"] = "2000"
        environment["SKIP_BUILD"] = "1"
        environment["LEADSCORE_BIN"] = try CLITests.executable().path
        environment["TMPDIR"] = directory.path
        process.environment = environment
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let deadline = Date().addingTimeInterval(900)
        while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(200)) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try? stdout.close()
        try? stderr.close()
        let log = SimpleSalesforceConformanceTests.text(of: logFile)
        try #require(process.terminationStatus == 0, "e2e-salesforce exited \(process.terminationStatus):\n\(log.suffix(3_000))")
        let lastLine = SimpleSalesforceConformanceTests.text(of: output).split(separator: "\n").last.map(String.init) ?? ""
        let verdict = try #require(try JSONSerialization.jsonObject(with: Data(lastLine.utf8)) as? [String: Any],
                                   "the last line is not a JSON object: \(lastLine)")
        func figure(_ key: String) -> Int? { (verdict[key] as? NSNumber)?.intValue }
        #expect(figure("leads") == 2000)
        #expect((figure("written") ?? 0) > 0)
        #expect(figure("second_run_written") == 0)
        #expect((figure("faults_injected") ?? 0) > 0)
        #expect(figure("lost") == 0)
        #expect(figure("duplicate_events") == 0)
        #expect(figure("converted_touched") == 0)
        #expect(figure("after_kill_second_run_written") == 0)
        #expect((figure("api_calls_per_10k") ?? 0) >= 10_000 / 200, "below the Collections floor: \(verdict)")
    }
}
