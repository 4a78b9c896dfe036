import Foundation
import LeadscoreData
import LeadscoreSalesforce
import Testing

/// The three OAuth flows end to end over HTTPS against the local server: the client builds and signs
/// what Salesforce documents, the server checks it as Salesforce would, and a query then works.
@Suite("Logins against the local server") struct DevServerLoginTests {
    @Test(arguments: ["jwt_bearer", "client_credentials", "refresh_token"])
    func loginThenQuery(flow: String) async throws {
        try await DevOrgHarness.run(leads: 120) { org in
            let credentials: String
            switch flow {
            case "jwt_bearer":
                credentials = "username: \(org.info.username)\n  private_key_file: \(org.info.jwtKeyFile)"
            case "client_credentials":
                credentials = "client_secret_env: DEV_SALESFORCE_SECRET"
            default:
                credentials = "refresh_token_env: DEV_SALESFORCE_REFRESH\n  client_secret_env: DEV_SALESFORCE_SECRET"
            }
            let config = try SalesforceConfigLoader.parse("""
                salesforce:
                  login_url: \(org.info.loginUrl)
                  auth: \(flow)
                  client_id: \(org.info.clientId)
                  \(credentials)
                  ca_file: \(org.info.caFile)
                """)
            let environment = ["DEV_SALESFORCE_SECRET": org.info.clientSecret, "DEV_SALESFORCE_REFRESH": org.info.refreshToken]
            try await DevOrgHarness.withClient(config: config, environment: environment) { (client: SalesforceClient) async throws in
                #expect(try await client.authenticate() == org.info.instanceUrl)
                #expect(try await client.count("SELECT COUNT() FROM Lead") == 120)
            }
        }
    }

    /// A wrong secret is Salesforce's `invalid_client`, reported with the fix and not retried.
    @Test func wrongSecretIsRefusedWithTheFix() async throws {
        try await DevOrgHarness.run(leads: 10) { org in
            try await DevOrgHarness.withClient(config: try org.config(),
                                               environment: ["DEV_SALESFORCE_SECRET": "not-the-secret"]) { client in
                let error = await #expect(throws: SalesforceAuthError.self) { try await client.authenticate() }
                #expect(error?.description.contains("invalid_client") == true)
                #expect(await client.usage().tokenRequests == 1)
            }
        }
    }

    /// Without the server's CA the client refuses the self-signed certificate and says to set `ca_file`.
    @Test func untrustedCertificateNamesCAFile() async throws {
        try await DevOrgHarness.run(leads: 10) { org in
            var config = try org.config()
            config.caFile = nil
            try await DevOrgHarness.withClient(config: config, environment: org.environment) { client in
                let error = await #expect(throws: (any Error).self) { try await client.authenticate() }
                #expect("\(error.map { "\($0)" } ?? "")".contains("ca_file"))
            }
        }
    }
}
