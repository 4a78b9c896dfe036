import Foundation
import Testing

/// End-to-end checks of the `leadscore` executable: the commands users type, their exit codes, and
/// that bad input gets a message naming the file, line, field and fix.
struct CLITests {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The built executable beside the test bundle (`swift build --build-tests` builds both).
    static func executable() throws -> URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("leadscore"),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent(".build/debug/leadscore"),
        ]
        return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) },
                            "build the leadscore executable first: swift build --build-tests")
    }

    static func run(_ arguments: [String], environment: [String: String] = [:], in directory: URL) throws -> Outcome {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "LEADSCORE_PII_SALT")
        env.removeValue(forKey: "LEADSCORE_PII_SALT_FILE")
        process.environment = env.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderr, as: UTF8.self))
    }

    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("leadscore-cli-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// SIGTERM or SIGINT during `snapshot create` removes its staging folder (rows of the org) before the
    /// process ends with the signal's status; nothing half-written is left beside the output. One run at a
    /// time, on a small org: the rest of the suite runs beside it.
    @Test func anInterruptedSnapshotLeavesNoStaging() throws {
        let salt = ["LEADSCORE_PII_SALT": "cli-test-salt-0123456789abcdef"]
        #expect(try Self.run(["sample-org", "--leads", "50000", "--seed", "5", "--out", "org"], in: directory).status == 0)
        #expect(try Self.run(["contract", "draft", "--from-describe", "org/describe.json", "--out", "contract.yaml"],
                             in: directory).status == 0)
        let staged = { (try? FileManager.default.contentsOfDirectory(atPath: self.directory.path))?
            .filter { $0.hasPrefix(".snap.tmp-") } ?? [] }
        for signal in [SIGTERM, SIGINT] {
            let process = Process()
            process.executableURL = try Self.executable()
            process.arguments = ["snapshot", "create", "--source", "csv:org/Lead.csv", "--contract", "contract.yaml",
                                 "--to", "2025-07-01", "--out", "snap"]
            process.currentDirectoryURL = directory
            process.environment = ProcessInfo.processInfo.environment.merging(salt) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Signal once the staging folder exists (bounded wait).
            for _ in 0..<1_000 where staged().isEmpty && process.isRunning { Thread.sleep(forTimeInterval: 0.005) }
            #expect(!staged().isEmpty, "the run staged nothing before it finished")
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            #expect(process.terminationStatus == 128 + signal, "exit status \(process.terminationStatus)")
            #expect(staged().isEmpty, "left behind: \(staged())")
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("snap").path))
        }
    }

    @Test func sampleOrgToProfileEndToEnd() throws {
        let salt = ["LEADSCORE_PII_SALT": "cli-test-salt-0123456789abcdef"]
        #expect(try Self.run(["sample-org", "--leads", "3000", "--seed", "3", "--out", "org"], in: directory).status == 0)
        let draft = try Self.run(["contract", "draft", "--from-describe", "org/describe.json", "--out", "contract.yaml"], in: directory)
        #expect(draft.status == 0, "\(draft.stderr)")
        let check = try Self.run(["contract", "check", "contract.yaml"], in: directory)
        #expect(check.status == 0)
        #expect(check.stdout.contains("leakage (never features):"))
        let snapshot = try Self.run(["snapshot", "create", "--source", "csv:org/Lead.csv", "--contract", "contract.yaml",
                                     "--from", "2023-07-01", "--to", "2025-07-01", "--out", "snap"],
                                    environment: salt, in: directory)
        #expect(snapshot.status == 0, "\(snapshot.stderr)")
        #expect(snapshot.stdout.contains("snapshot snap-"))
        let profile = try Self.run(["profile", "snap", "--format", "json"], in: directory)
        #expect(profile.status == 0, "\(profile.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(profile.stdout.utf8)) as? [String: Any]
        #expect((json?["fields"] as? [Any])?.isEmpty == false)
        // The same inputs give the same snapshot id.
        let again = try Self.run(["snapshot", "create", "--source", "csv:org/Lead.csv", "--contract", "contract.yaml",
                                  "--from", "2023-07-01", "--to", "2025-07-01", "--out", "snap2"],
                                 environment: salt, in: directory)
        #expect(again.stdout.split(separator: "\n").first?.split(separator: " ").dropFirst().first
            == snapshot.stdout.split(separator: "\n").first?.split(separator: " ").dropFirst().first)
    }

    @Test func brokenContractFailsWithLineFieldAndFix() throws {
        try Data("version: 1\nname: x\nlabel:\n  field: Won\nfields:\n  - name: Won\n    type: bool\n".utf8)
            .write(to: directory.appendingPathComponent("contract.yaml"))
        let outcome = try Self.run(["contract", "check", "contract.yaml"], in: directory)
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("contract.yaml line 7, field fields.Won.type: 'bool' is not allowed"))
        #expect(outcome.stderr.contains("Fix: use one of:"))
    }

    /// `contract check` names inputs whose names speak of sales work, as warnings (the contract stays valid).
    @Test func contractCheckWarnsAboutInputsNamedAfterSalesWork() throws {
        try Data("""
            version: 1
            name: x
            label: {field: Converted}
            fields:
              - {name: Converted, type: boolean}
              - {name: Lead_Grade_By_Rep__c, type: picklist}
              - {name: Web_Page_Views__c, type: number}
            """.utf8).write(to: directory.appendingPathComponent("contract.yaml"))
        let outcome = try Self.run(["contract", "check", "contract.yaml"], in: directory)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("leakage review (1 input"))
        #expect(outcome.stdout.contains("- Lead_Grade_By_Rep__c [review]"))
        #expect(!outcome.stdout.contains("Web_Page_Views__c ["))
    }

    @Test func badFlagsAndMissingFilesAreClearErrors() throws {
        let noLeads = try Self.run(["sample-org", "--leads", "0", "--out", "x"], in: directory)
        #expect(noLeads.status != 0)
        #expect(noLeads.stderr.contains("--leads must be at least 1"))
        let missing = try Self.run(["snapshot", "create", "--source", "csv:nope.csv", "--contract", "nope.yaml", "--out", "s"],
                                   in: directory)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("nope.yaml"))
        let badSource = try Self.run(["snapshot", "create", "--source", "mysql:x", "--contract", "c.yaml", "--out", "s"],
                                     in: directory)
        #expect(badSource.status != 0)
        let badDate = try Self.run(["snapshot", "create", "--source", "csv:x", "--contract", "c.yaml", "--from", "soon", "--out", "s"],
                                   in: directory)
        #expect(badDate.status != 0)
        #expect(badDate.stderr.contains("--from"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("s").path))
    }
}
