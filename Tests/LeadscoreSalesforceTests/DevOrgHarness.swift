import Foundation
import LeadscoreData
import LeadscoreDevSalesforce
import LeadscoreSalesforce
import Logging

/// A generated sample org served by the local Salesforce-compatible server over HTTPS on 127.0.0.1,
/// and a client configuration that logs in to it (client credentials, trusting only its CA) exactly
/// as it would to a real org.
struct DevOrgHarness {
    /// The sample org's files (Lead.csv, LeadHistory.csv, describe.json).
    let orgDirectory: URL
    let info: DevSalesforceInfo
    let server: DevSalesforceServer

    /// The connection as a leadscore.yaml `salesforce:` section would give it; the secret comes from
    /// `environment`, as it would from the process environment.
    func config(restMaxRows: Int = 20_000, bulkPageRecords: Int = 50_000) throws -> SalesforceConfig {
        var config = try SalesforceConfigLoader.parse("""
            salesforce:
              login_url: \(info.loginUrl)
              auth: client_credentials
              client_id: \(info.clientId)
              client_secret_env: DEV_SALESFORCE_SECRET
              ca_file: \(info.caFile)
              rest_max_rows: \(restMaxRows)
              bulk_page_records: \(bulkPageRecords)
              retry: {max_attempts: 8, base_delay_ms: 5, max_delay_seconds: 1}
            """, source: "test leadscore.yaml")
        config.apiVersion = SalesforceAPIVersion.defaultVersion
        return config
    }

    var environment: [String: String] { ["DEV_SALESFORCE_SECRET": info.clientSecret] }

    /// A client for this org; shut down when `body` returns.
    func withClient<T>(restMaxRows: Int = 20_000, bulkPageRecords: Int = 50_000,
                       _ body: (SalesforceClient) async throws -> T) async throws -> T {
        try await Self.withClient(config: try config(restMaxRows: restMaxRows, bulkPageRecords: bulkPageRecords),
                                  environment: environment, body)
    }

    /// A client with `config`; shut down when `body` returns, whatever happens.
    static func withClient<T>(config: SalesforceConfig, environment: [String: String],
                              _ body: (SalesforceClient) async throws -> T) async throws -> T {
        var logger = Logger(label: "test.salesforce-client")
        logger.logLevel = .error
        return try await SalesforceClient.withClient(config: config, logger: logger, environment: environment, body)
    }

    /// Generates a sample org of `leads` into a fresh directory, serves it with `faults`, runs `body`.
    static func run<T>(leads: Int, seed: UInt64 = 11, faults: FaultPlan = .none,
                       _ body: (DevOrgHarness) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("leadscore-devorg-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try SampleOrgGenerator(leads: leads, seed: seed).write(to: directory)
        return try await serve(directory, faults: faults, body)
    }

    /// Serves an org directory (loaded once, then reused from its SQLite) with `faults`, runs `body`.
    static func serve<T>(_ directory: URL, faults: FaultPlan, _ body: (DevOrgHarness) async throws -> T) async throws -> T {
        var logger = Logger(label: "test.dev-salesforce")
        logger.logLevel = .error
        let server = try DevSalesforceServer(
            configuration: DevSalesforceConfiguration(orgDirectory: directory, faults: faults), logger: logger)
        return try await server.withRunning { info in
            try await body(DevOrgHarness(orgDirectory: directory, info: info, server: server))
        }
    }
}
