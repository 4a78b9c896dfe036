import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `leadscore serve` stopped by SIGTERM (an orchestrator's stop) or SIGINT (Ctrl-C) while scoring
/// requests are in flight: it drains them and exits 0 without an error line, so a supervisor sees a
/// clean stop rather than a crash (issue 14: SIGTERM once exited 1 printing `Error: CancellationError()`).
/// Every request gets its answer or never reaches the server; none is cut off with a 5xx.
struct ServeShutdownTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("leadscore-stop-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    @Test func aSignalledServerDrainsItsRequestsAndExitsZero() async throws {
        let environment = ["LEADSCORE_PII_SALT": "serve-test-salt-0123456789abcdef"]
        for arguments in [["sample-org", "--leads", "3000", "--seed", "9", "--out", "org"],
                          ["contract", "draft", "--from-describe", "org/describe.json", "--out", "contract.yaml"],
                          ["snapshot", "create", "--source", "csv:org/Lead.csv", "--contract", "contract.yaml",
                           "--from", "2023-07-01", "--to", "2025-07-01", "--out", "snap"],
                          ["train", "snap", "--out", "model"]] {
            let outcome = try CLITests.run(arguments, environment: environment, in: directory)
            try #require(outcome.status == 0, "\(arguments.prefix(2)): \(outcome.stderr)")
        }
        let lead = try SharedStoreServeTests.sampleLead(directory.appendingPathComponent("org/Lead.csv"))
        let key = "stop-test-key-0123456789abcdef"
        for signal in [SIGTERM, SIGINT] {
            let log = directory.appendingPathComponent("serve-\(signal).log")
            var (started, startedPort) = (Process(), 0)
            // A port outside Linux's ephemeral range (32768–60999, where outgoing connections take theirs);
            // one taken meanwhile by another server of the run gets another try.
            for attempt in 1...5 {
                startedPort = Int.random(in: 10_000...19_999)
                _ = FileManager.default.createFile(atPath: log.path, contents: nil)
                started = Process()
                started.executableURL = try CLITests.executable()
                started.arguments = ["serve", "--bundle", "model", "--store", "store-\(signal).sqlite", "--port", String(startedPort)]
                started.currentDirectoryURL = directory
                started.environment = ProcessInfo.processInfo.environment.merging(
                    environment.merging(["LEADSCORE_API_KEY": key, "LEADSCORE_TOKEN_SECRET": String(repeating: "t", count: 40)]) { $1 }) { $1 }
                started.standardOutput = FileHandle.nullDevice
                started.standardError = try FileHandle(forWritingTo: log)
                try started.run()
                if try await SharedStoreServeTests.ready(port: startedPort, server: started) { break }
                if started.isRunning { started.terminate() }
                let stderr = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                try #require(attempt < 5 && stderr.contains("Address already in use"), "serve did not start: \(stderr.suffix(600))")
            }
            let (server, port) = (started, startedPort)
            defer { if server.isRunning { server.terminate() } }

            // 40 requests at once; the signal comes while they are being answered.
            let statuses = await withTaskGroup(of: Int?.self) { group in
                for _ in 0..<40 {
                    group.addTask {
                        let body = try? JSONSerialization.data(withJSONObject: ["lead": lead.filter { $0.key != "NumberOfEmployees" }])
                        return try? await SharedStoreServeTests.request("POST", port: port, path: "/v1/score", bearer: key,
                                                                        body: body).status
                    }
                }
                try? await Task.sleep(for: .milliseconds(20))
                kill(server.processIdentifier, signal)
                return await group.reduce(into: [Int?]()) { $0.append($1) }
            }
            // Bounded wait for the exit (a hung drain would otherwise hang the suite).
            for _ in 0..<600 where server.isRunning { try await Task.sleep(for: .milliseconds(100)) }
            try #require(!server.isRunning, "serve did not stop within 60 s of signal \(signal)")
            let stderr = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            #expect(server.terminationStatus == 0, "signal \(signal): exit \(server.terminationStatus); \(stderr.suffix(600))")
            #expect(!stderr.contains("Error:") && !stderr.contains("\"level\":\"error\""), "\(stderr.suffix(600))")
            let answered = statuses.compactMap { $0 }
            print("signal \(signal): \(answered.count) of \(statuses.count) answered")
            #expect(answered.allSatisfy { $0 == 200 }, "answers during the stop: \(answered)")
        }
    }
}
