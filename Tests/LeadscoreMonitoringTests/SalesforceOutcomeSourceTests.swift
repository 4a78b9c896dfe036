import Foundation
import LeadscoreData
import LeadscoreDevSalesforce
import LeadscoreMonitoring
import LeadscoreSalesforce
import Logging
import Testing

/// Outcomes read from an org through LeadscoreSalesforce's client, against the local Salesforce-compatible
/// server over HTTPS on loopback: for every lead the org answers exactly what its own export says, ids are
/// asked 200 to a query, and ids the org cannot hold are counted, not sent.
@Suite("Outcomes from Salesforce") struct SalesforceOutcomeSourceTests {
    @Test func theOrgAnswersWhatItsExportSays() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("outcomes-org-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: directory) }
        let org = directory.appendingPathComponent("org")
        _ = try SampleOrgGenerator(leads: 700, seed: 23).write(to: org)
        let reader = try CSVReader(url: org.appendingPathComponent("Lead.csv"))
        var ids: [String] = []
        while let record = try reader.next() { if case let .row(row) = record { ids.append(row.values[0]) } }
        // Every lead (a third by its 15-character Id), three well-formed Ids the org does not have, two API callers' own keys.
        let absent = [SalesforceId.caseSafe("00Q5e0000000001"), "00Q5e0000000002", "00Q000000000003"]
        let asked = ids.enumerated().map { $0.offset % 3 == 0 ? String($0.element.prefix(15)) : $0.element } + absent
            + ["web-form-1234", "lead:42"]
        let keys = Set(asked.map(LeadOutcome.key(for:)))
        let exported = try await CSVOutcomeSource(url: org.appendingPathComponent("Lead.csv")).outcomes(for: keys, fields: OutcomeFields())
        #expect(exported.outcomes.count == 700 && exported.outcomes.values.contains { $0.converted })

        var logger = Logger(label: "test.dev-salesforce")
        logger.logLevel = .error
        let server = try DevSalesforceServer(configuration: DevSalesforceConfiguration(orgDirectory: org), logger: logger)
        try await server.withRunning { info in
            let config = try SalesforceConfigLoader.parse("""
                salesforce:
                  login_url: \(info.loginUrl)
                  auth: client_credentials
                  client_id: \(info.clientId)
                  client_secret_env: DEV_SALESFORCE_SECRET
                  ca_file: \(info.caFile)
                  retry: {max_attempts: 3, base_delay_ms: 5, max_delay_seconds: 1}
                """)
            try await SalesforceClient.withClient(config: config, logger: logger,
                                                  environment: ["DEV_SALESFORCE_SECRET": info.clientSecret]) { client in
                let source = SalesforceOutcomeSource(client: client)
                let answered = try await source.outcomes(for: keys, fields: OutcomeFields())
                #expect(answered.hasStatus && answered.outcomes.count == 700)
                #expect(answered.outcomes == exported.outcomes)
                #expect(answered.notes.count == 1 && answered.notes[0].hasPrefix("2 scored lead ids are not Salesforce Ids"))
                // 703 askable Ids, 200 a query: four queries, one page each.
                let usage = await client.usage()
                #expect(usage.calls == 4 && usage.retries == 0, "\(usage)")
                #expect(source.name.hasPrefix("Salesforce https://127.0.0.1:"))
            }
        }
    }
}
