import ArgumentParser
import Foundation
import LeadscoreData
import LeadscoreDevSalesforce
import LeadscoreService
import Logging

/// `leadscore dev-salesforce --org DIR --port P [--package DIR]… [--faults faults.yaml] [--info FILE] [--now ISO] [--reset]`
struct DevSalesforceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev-salesforce",
        abstract: "Serve a sample org as a local Salesforce (HTTPS on 127.0.0.1: OAuth, REST, Bulk API 2.0, faults).",
        discussion: """
            For tests, the demo and trying the Salesforce integration without an org. The org directory is what
            `leadscore sample-org` writes; the first start loads it into DIR/.dev-salesforce/org.sqlite and later starts
            reuse it (writes persist; --reset reloads the CSVs). Demo credentials (connected app, integration user,
            JWT key, TLS CA) are generated once per org in DIR/.dev-salesforce/. --package deploys an SFDX package's
            custom fields, custom objects and platform events into the org at start (Lead gains the AI_* fields, say).
            docs/dev-salesforce.md has the details.
            Example: leadscore sample-org --leads 2000 --out var/org && \\
                     leadscore dev-salesforce --org var/org --package salesforce --port 8443 --info var/org/info.json
            """)

    @Option(help: "The org directory (from `leadscore sample-org`).") var org: String
    @Option(help: "Port on 127.0.0.1; 0 picks a free one (see --info).") var port: Int = 8443
    @Option(name: .customLong("package"), help: ArgumentHelp(
        "An SFDX package to deploy at start (repeatable): a project root with sfdx-project.json, or a source folder (force-app).",
        valueName: "dir"))
    var packages: [String] = []
    @Option(help: "Fault plan (YAML): error rates, slow answers, dropped connections, hidden fields, limits.")
    var faults: String?
    @Option(help: "Write how to connect (URLs, demo credentials, CA file) to this JSON file (mode 0600) once listening.")
    var info: String?
    @Option(help: "Start the org's clock at this moment, e.g. 2025-07-01T00:00:00Z (SOQL date literals, SystemModstamp).")
    var now: DateOption?
    @Option(help: "Daily API allowance (Sforce-Limit-Info: api-usage=N/M) unless the fault plan sets one.")
    var apiLimit: Int = 100_000
    @Flag(help: "Reload the org from its CSV exports, dropping writes made through the API.") var reset = false

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard apiLimit >= 1 else { throw ValidationError("--api-limit must be at least 1") }
    }

    func run() async throws {
        LoggingSystem.bootstrap { JSONLogHandler(label: $0) }
        let logger = Logger(label: "leadscore.dev-salesforce")
        let plan = try faults.map { try FaultPlan.load(from: URL(fileURLWithPath: $0)) } ?? .none
        let configuration = DevSalesforceConfiguration(
            orgDirectory: URL(fileURLWithPath: org), port: port, faults: plan,
            now: now.map { Date(timeIntervalSince1970: $0.seconds) }, reset: reset, dailyAPILimit: apiLimit,
            infoFile: info.map { URL(fileURLWithPath: $0) }, packageDirectories: packages.map { URL(fileURLWithPath: $0) })
        let server = try DevSalesforceServer(configuration: configuration, logger: logger)
        try await server.run()
        try server.store.close()
    }
}
