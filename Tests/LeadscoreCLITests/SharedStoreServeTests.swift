import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Two `leadscore serve` processes on one PostgreSQL store: a promotion made through one server's
/// admin API is served by both, and an OAuth token issued by one is accepted by the other.
/// Runs when LEADSCORE_TEST_POSTGRES_URL is set (`make test` sets it up with scripts/setup-postgres).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["LEADSCORE_TEST_POSTGRES_URL"] != nil,
                "needs LEADSCORE_TEST_POSTGRES_URL (make test sets it)"))
struct SharedStoreServeTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("leadscore-serve-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    @Test func promotionThroughOneServerIsServedByBoth() async throws {
        let storeURL = try Self.freshSchema()
        func cli(_ arguments: [String]) throws -> CLITests.Outcome {
            let outcome = try CLITests.run(arguments, environment: ["LEADSCORE_PII_SALT": "serve-test-salt-0123456789abcdef"], in: directory)
            #expect(outcome.status == 0, "\(arguments.prefix(2)): \(outcome.stderr)")
            return outcome
        }
        _ = try cli(["sample-org", "--leads", "3000", "--seed", "5", "--out", "org"])
        _ = try cli(["contract", "draft", "--from-describe", "org/describe.json", "--out", "contract.yaml"])
        _ = try cli(["snapshot", "create", "--source", "csv:org/Lead.csv", "--contract", "contract.yaml",
                     "--from", "2023-07-01", "--to", "2025-07-01", "--out", "snap"])
        try Data("min_train_positives: 20\n".utf8).write(to: directory.appendingPathComponent("a.yaml"))
        try Data("min_train_positives: 20\nexplanations:\n  top: 2\n".utf8).write(to: directory.appendingPathComponent("b.yaml"))
        _ = try cli(["train", "snap", "--config", "a.yaml", "--out", "model-a"])
        _ = try cli(["train", "snap", "--config", "b.yaml", "--out", "model-b"])
        _ = try cli(["keys", "create", "--client", "ops", "--scope", "score", "--scope", "admin", "--store", storeURL, "--out", "key"])
        let first = try cli(["models", "register", "model-a", "--store", storeURL, "--reason", "first"])
        let second = try cli(["models", "register", "model-b", "--store", storeURL, "--reason", "second"])
        let versionA = try #require(first.stdout.split(separator: " ").dropFirst().first.map(String.init))
        let versionB = try #require(second.stdout.split(separator: " ").dropFirst().first.map(String.init))
        #expect(versionA != versionB)
        let key = try String(contentsOf: directory.appendingPathComponent("key"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)

        let ports = [Int.random(in: 20_000...25_999), Int.random(in: 26_000...32_767)]  // outside the ephemeral range
        let servers = try ports.map { port in
            let config = directory.appendingPathComponent("serve-\(port).yaml")
            // Time limits far above any answer's time: the machine runs the rest of the suite meanwhile.
            try Data("service:\n  port: \(port)\n  registry_poll_seconds: 0.2\n  limits:\n    request_timeout_seconds: 120\n".utf8)
                .write(to: config)
            return try Self.start(["serve", "--config", config.path, "--store", storeURL], in: directory,
                                  environment: ["LEADSCORE_TOKEN_SECRET": String(repeating: "t", count: 40)])
        }
        defer { for server in servers { server.terminate(); server.waitUntilExit() } }
        for port in ports { try await Self.waitUntilReady(port: port) }

        let lead = try Self.sampleLead(directory.appendingPathComponent("org/Lead.csv"))
        for port in ports { #expect(try await Self.score(lead, port: port, bearer: key) == versionA) }

        let promote = try await Self.request("POST", port: ports[0], path: "/v1/models/\(versionB)/promote", bearer: key,
                                             body: Data(#"{"reason": "promote through server one"}"#.utf8))
        #expect(promote.status == 200)
        for port in ports {
            var served: String?
            for _ in 0..<50 {
                served = try await Self.score(lead, port: port, bearer: key)
                if served == versionB { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(served == versionB, "server on \(port) still serves \(served ?? "nothing")")
        }

        let secret = key.split(separator: ".", maxSplits: 1).map(String.init)
        let token = try await Self.request("POST", port: ports[0], path: "/oauth/token", bearer: nil,
                                           body: Data("grant_type=client_credentials&client_id=\(secret[0])&client_secret=\(secret[1])".utf8),
                                           contentType: "application/x-www-form-urlencoded")
        let accessToken = try #require((try JSONSerialization.jsonObject(with: token.body) as? [String: Any])?["access_token"] as? String)
        #expect(try await Self.score(lead, port: ports[1], bearer: accessToken) == versionB)
    }

    // MARK: Helpers

    /// The test database URL with a new, empty schema on the search path.
    static func freshSchema() throws -> String {
        let base = try #require(ProcessInfo.processInfo.environment["LEADSCORE_TEST_POSTGRES_URL"])
        let schema = "serve_\(UUID().uuidString.prefix(8).lowercased())"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", base, "-q", "-c", "CREATE SCHEMA \(schema)"]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "psql could not create a schema")
        return base + (base.contains("?") ? "&" : "?") + "options=-c%20search_path%3D\(schema)"
    }

    static func start(_ arguments: [String], in directory: URL, environment: [String: String]) throws -> Process {
        let process = Process()
        process.executableURL = try CLITests.executable()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        return process
    }

    static func waitUntilReady(port: Int) async throws {
        if try await !ready(port: port) { Issue.record("server on \(port) did not become ready") }
    }

    /// Whether a server answers `/ready` on `port` within 15 s; false as soon as `server` (when given) has exited.
    static func ready(port: Int, server: Process? = nil) async throws -> Bool {
        for _ in 0..<150 where server?.isRunning ?? true {
            if let response = try? await request("GET", port: port, path: "/ready", bearer: nil, body: nil, timeout: 2),
               response.status == 200 { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    static func score(_ lead: [String: String], port: Int, bearer: String) async throws -> String? {
        // The API document types NumberOfEmployees as a number (the one numeric field of sampleLead).
        var typed: [String: Any] = lead
        typed["NumberOfEmployees"] = lead["NumberOfEmployees"].flatMap(Double.init)
        let body = try JSONSerialization.data(withJSONObject: ["lead": typed])
        let response = try await request("POST", port: port, path: "/v1/score", bearer: bearer, body: body)
        return (try? JSONSerialization.jsonObject(with: response.body) as? [String: Any])?["modelVersion"] as? String
    }

    static func request(_ method: String, port: Int, path: String, bearer: String?, body: Data?,
                        contentType: String = "application/json", timeout: TimeInterval = 60) async throws -> (status: Int, body: Data) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!, timeoutInterval: timeout)
        request.httpMethod = method
        request.httpBody = body
        request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        if let bearer { request.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    /// The first lead of the CSV with the fields a scoring call carries (the sample org quotes every value).
    static func sampleLead(_ csv: URL) throws -> [String: String] {
        let lines = try String(contentsOf: csv, encoding: .utf8).split(whereSeparator: \.isNewline)
        let unquote = { (line: Substring) in line.dropFirst().dropLast().components(separatedBy: "\",\"") }
        let fields = Set(["Id", "CreatedDate", "LeadSource", "Industry", "NumberOfEmployees", "Title", "Email"])
        return Dictionary(uniqueKeysWithValues: zip(unquote(lines[0]), unquote(lines[1])).filter { fields.contains($0.0) && !$0.1.isEmpty })
    }
}
