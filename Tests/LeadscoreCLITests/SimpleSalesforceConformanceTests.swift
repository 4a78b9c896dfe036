import Foundation
import Testing

/// `leadscore dev-salesforce` driven by simple-salesforce (PyPI), a Salesforce client we did not write:
/// `scripts/conformance/simple_salesforce_check.py` logs in, queries (REST pages, query_more, Bulk API
/// 2.0 with locators), reads, writes, describes and reads limits, and checks every answer against the
/// org's own CSV exports. A server that drifts from Salesforce's wire format fails here even when
/// leadscore's own client, written by the same hands as the server, would not notice.
struct SimpleSalesforceConformanceTests {
    static let install = "python3 -m pip install 'simple-salesforce==1.12.10'   (scripts/setup installs it)"
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/conformance/simple_salesforce_check.py")

    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("leadscore-conformance-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    @Test func simpleSalesforceAgreesWithTheOrgFiles() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let probe = try await Self.python(["-c", "import simple_salesforce"], output: directory.appendingPathComponent("probe.txt"),
                                          timeout: 60)
        try #require(probe.status == 0, "simple_salesforce is not importable by python3. Fix: \(Self.install)\n\(probe.output)")

        let org = directory.appendingPathComponent("org")
        let sample = try CLITests.run(["sample-org", "--leads", "3000", "--seed", "3", "--out", org.path], in: directory)
        try #require(sample.status == 0, "sample-org failed: \(sample.stderr)")

        let info = org.appendingPathComponent("info.json")
        let log = directory.appendingPathComponent("dev-salesforce.log")
        let server = try Self.startServer(org: org, info: info, log: log)
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        let listening = try await Self.waitForInfo(info, server: server)
        try #require(listening, "dev-salesforce wrote no info file within 30 s; its output:\n\(Self.text(of: log))")

        let check = try await Self.python([Self.script.path, "--info", info.path, "--org", org.path],
                                          output: directory.appendingPathComponent("check.txt"), timeout: 300)
        #expect(check.status == 0, "simple_salesforce_check.py exited \(check.status):\n\(check.output)")
        #expect(check.output.contains(" passed, 0 failed"), "no closing line:\n\(check.output)")
    }

    // MARK: Helpers

    /// `leadscore dev-salesforce --org ORG --port 0 --info INFO`, its output in `log`.
    static func startServer(org: URL, info: URL, log: URL) throws -> Process {
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = try CLITests.executable()
        process.arguments = ["dev-salesforce", "--org", org.path, "--port", "0", "--info", info.path]
        process.standardOutput = output
        process.standardError = output
        try process.run()
        return process
    }

    /// Waits (30 s at most) for the info file the server writes once it listens; stops early if it exits.
    static func waitForInfo(_ info: URL, server: Process) async throws -> Bool {
        for _ in 0..<300 {
            if let data = try? Data(contentsOf: info), (try? JSONSerialization.jsonObject(with: data)) != nil { return true }
            guard server.isRunning else { return false }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    static func text(of file: URL) -> String {
        (try? String(contentsOf: file, encoding: .utf8)) ?? "(\(file.path) is unreadable)"
    }

    /// Runs `python3 ARGUMENTS` with its stdout and stderr in `output` (a file, so a long report cannot
    /// fill a pipe), stopping it after `timeout` seconds.
    static func python(_ arguments: [String], output: URL, timeout: TimeInterval) async throws -> (status: Int32, output: String) {
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(100)) }
        var timedOut = false
        if process.isRunning {
            timedOut = true
            process.terminate()
        }
        process.waitUntilExit()
        var text = Self.text(of: output)
        if timedOut { text += "\n(stopped after \(Int(timeout)) s)" }
        return (process.terminationStatus, text)
    }
}
