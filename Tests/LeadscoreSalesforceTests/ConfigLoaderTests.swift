import Foundation
import LeadscoreData
import LeadscoreSalesforce
import Testing

/// The `salesforce:` section of leadscore.yaml: defaults, every key, and every mistake at once with its line.
@Suite struct ConfigLoaderTests {
    static func problems(_ yaml: String) -> [InputError] {
        do {
            _ = try SalesforceConfigLoader.parse(yaml)
            return []
        } catch let errors as InputErrors {
            return errors.errors
        } catch let error as InputError {
            return [error]
        } catch {
            return [InputError(source: "?", problem: "\(error)", fix: "")]
        }
    }

    @Test func minimalJWTConfigGetsDefaults() throws {
        let config = try SalesforceConfigLoader.parse("""
        trees: {rounds: 10}
        salesforce:
          client_id: 3MVG9abc
          username: integration@acme.com
          private_key_file: secrets/leadscore.key
        """)
        #expect(config.auth == .jwtBearer)
        #expect(config.loginURL == "https://login.salesforce.com")
        #expect(config.apiVersion == .defaultVersion)
        #expect(config.restMaxRows == 20_000)
        #expect(config.bulkPageRecords == 50_000)
        #expect(config.limitShare == 0.8)
        #expect(config.retry == SalesforceRetryPolicy())
        #expect(config.effectiveJWTAudience == "https://login.salesforce.com")
    }

    @Test func everyKeyIsRead() throws {
        let config = try SalesforceConfigLoader.parse("""
        salesforce:
          login_url: https://acme--uat.sandbox.my.salesforce.com/
          api_version: v60.0
          auth: refresh_token
          client_id: 3MVG9abc
          client_secret_file: /run/secrets/sf-secret
          refresh_token_env: SF_REFRESH_TOKEN
          ca_file: certs/ca.pem
          rest_max_rows: 5000
          bulk_page_records: 10000
          bulk_timeout_minutes: 30
          limit_share: 0.5
          timeout_seconds: 45
          retry: {max_attempts: 3, base_delay_ms: 250, max_delay_seconds: 8}
        """, source: "leadscore.yaml")
        #expect(config.apiVersion == SalesforceAPIVersion(major: 60))
        #expect(config.auth == .refreshToken)
        #expect(config.clientSecret == .file("/run/secrets/sf-secret"))
        #expect(config.refreshToken == .environment("SF_REFRESH_TOKEN"))
        #expect(config.caFile == "certs/ca.pem")
        #expect(config.restMaxRows == 5_000)
        #expect(config.bulkPageRecords == 10_000)
        #expect(config.bulkTimeoutMinutes == 30)
        #expect(config.limitShare == 0.5)
        #expect(config.timeoutSeconds == 45)
        #expect(config.retry == SalesforceRetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(250), maxDelay: .seconds(8)))
        #expect(config.effectiveJWTAudience == "https://test.salesforce.com")
    }

    @Test func everyMistakeIsReportedAtOnceWithItsLine() {
        let problems = Self.problems("""
        salesforce:
          login_url: http://acme.my.salesforce.com
          api_version: 62.5
          auth: password
          client_id: 3MVG9abc
          limit_share: 2
          rest_max_rows: lots
          retyr: {max_attempts: 3}
          client_secret_env: SF_SECRET
          client_secret_file: secret.txt
        """)
        let byField = Dictionary(problems.map { ($0.field ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byField["salesforce.login_url"]?.line == 2)
        #expect(byField["salesforce.api_version"]?.line == 3)
        #expect(byField["salesforce.auth"]?.line == 4)
        #expect(byField["salesforce.limit_share"]?.line == 6)
        #expect(byField["salesforce.rest_max_rows"]?.line == 7)
        #expect(byField["salesforce.retyr"]?.fix.contains("did you mean 'retry'") == true)
        #expect(byField["salesforce.client_secret_file"]?.problem.contains("together with client_secret_env") == true)
        // auth stayed jwt_bearer after the bad value, so its required keys are named too.
        #expect(byField["salesforce.username"] != nil)
        #expect(byField["salesforce.private_key_file"] != nil)
        #expect(problems.allSatisfy { $0.source == "leadscore.yaml" && !$0.fix.isEmpty })
    }

    @Test func eachFlowNamesWhatItNeeds() {
        let clientCredentials = Self.problems("""
        salesforce:
          auth: client_credentials
          client_id: 3MVG9abc
        """)
        #expect(Set(clientCredentials.compactMap(\.field)) == ["salesforce.client_secret_env", "salesforce.login_url"])
        #expect(clientCredentials.first { $0.field == "salesforce.login_url" }?.fix.contains("My Domain") == true)

        let refresh = Self.problems("""
        salesforce:
          login_url: https://acme.my.salesforce.com
          auth: refresh_token
        """)
        #expect(Set(refresh.compactMap(\.field)) == ["salesforce.client_id", "salesforce.refresh_token_env"])
    }

    @Test func missingSectionAndLoopbackHTTP() throws {
        #expect(Self.problems("trees: {rounds: 5}\n").first?.field == "salesforce")
        let local = try SalesforceConfigLoader.parse("""
        salesforce:
          login_url: http://127.0.0.1:8443
          auth: client_credentials
          client_id: dev
          client_secret_env: DEV_SECRET
        """)
        #expect(local.loginURL == "http://127.0.0.1:8443")
        #expect(local.effectiveJWTAudience == "http://127.0.0.1:8443")
        let retry = Self.problems("""
        salesforce:
          client_id: x
          username: u
          private_key_file: k.pem
          retry: {base_delay_ms: 2000, max_delay_seconds: 1}
        """)
        #expect(retry.map(\.field) == ["salesforce.retry.max_delay_seconds"])
        #expect(retry.first?.line == 5)
    }
}
