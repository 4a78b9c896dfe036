import Foundation
import LeadscoreData
import LeadscoreSalesforce
import Testing

/// Token endpoint errors become typed errors with the setting to fix; secrets never show.
///
/// Bodies are the OAuth error shape Salesforce documents for its token endpoint
/// (`{"error": …, "error_description": …}`, "OAuth 2.0 JWT Bearer Flow for Server-to-Server Integration"
/// and "OAuth 2.0 Client Credentials Flow" in Salesforce Help).
@Suite struct AuthErrorTests {
    static func error(_ body: String, status: Int = 400, method: SalesforceConfig.AuthMethod = .jwtBearer) -> SalesforceAuthError {
        let parsed = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String]
        return SalesforceAuthError(status: status, error: parsed?["error"] ?? "HTTP_\(status)",
                                   detail: parsed?["error_description"] ?? body, method: method)
    }

    @Test(arguments: [
        (#"{"error":"invalid_grant","error_description":"user hasn't approved this consumer"}"#, "Admin approved users are pre-authorized"),
        (#"{"error":"invalid_client_id","error_description":"client identifier invalid"}"#, "consumer key"),
        (#"{"error":"invalid_client","error_description":"invalid client credentials"}"#, "consumer secret"),
        (#"{"error":"invalid_grant","error_description":"invalid assertion"}"#, "does not match the private key"),
        (#"{"error":"invalid_grant","error_description":"audience is invalid"}"#, "https://test.salesforce.com"),
        (#"{"error":"invalid_grant","error_description":"expired authorization code"}"#, "clock skew"),
        (#"{"error":"invalid_grant","error_description":"user is not admin approved to access this app"}"#, "Permitted Users"),
        (#"{"error":"invalid_grant","error_description":"authentication failure"}"#, "active user"),
    ])
    func jwtErrorsNameTheFix(body: String, fix: String) {
        let error = Self.error(body)
        #expect(error.fix.contains(fix), "\(error.fix)")
        #expect(error.description.contains(error.error))
    }

    @Test func flowSpecificFixes() {
        let expired = Self.error(#"{"error":"invalid_grant","error_description":"expired access/refresh token"}"#, method: .refreshToken)
        #expect(expired.fix.contains("refresh token was revoked or expired"))
        let noUser = Self.error(#"{"error":"invalid_grant","error_description":"no client credentials user enabled"}"#,
                                method: .clientCredentials)
        #expect(noUser.fix.contains("Run As"))
        let unsupported = Self.error(#"{"error":"unsupported_grant_type","error_description":"grant type not supported"}"#,
                                     method: .clientCredentials)
        #expect(unsupported.fix.contains("My Domain"))
        let html = Self.error("<html>Bad Gateway</html>", status: 502)
        #expect(html.error == "HTTP_502")
        #expect(html.fix.contains("login_url"))
    }

    @Test func aRefusedLoginIsNotRetriedAndServerErrorsAre() async throws {
        let counters = Counters()
        let script: ScriptedPeer.Script = { request, base in
            switch counters.next("token") {
            case 1: return .json(#"{"error":"temporarily_unavailable"}"#, status: 503)
            case 2: return ScriptedPeer.tokenReply(base: base, token: "token-ok")
            default: return .json(#"{"error":"invalid_grant","error_description":"expired access/refresh token"}"#, status: 400)
            }
        }
        try await ScriptedPeer.run(script) { peer in
            let clock = RecordingClock()
            try await TestClients.with(TestClients.config(base: peer.base), clock: clock) { client in
                let instance = try await client.authenticate()
                #expect(instance == peer.base)
                #expect(await client.usage().tokenRequests == 2)
                #expect(await client.usage().retries == 1)
            }
            let error = await #expect(throws: SalesforceAuthError.self) {
                try await TestClients.with(TestClients.config(base: peer.base), clock: clock) { client in
                    try await client.authenticate()
                }
            }
            #expect(error?.error == "invalid_grant")
            #expect(peer.tokenRequests.count == 3)
        }
    }

    @Test func missingSecretsNameTheKey() throws {
        var config = TestClients.config(base: "http://127.0.0.1:9")
        let missingEnv = #expect(throws: InputError.self) {
            try SalesforceClient(config: config, logger: .init(label: "t"), environment: [:])
        }
        #expect(missingEnv?.field == "salesforce.refresh_token_env")
        #expect(missingEnv?.problem.contains("TEST_SF_REFRESH_TOKEN") == true)

        config.auth = .clientCredentials
        config.clientSecret = .file("/nonexistent/secret")
        let missingFile = #expect(throws: InputError.self) {
            try SalesforceClient(config: config, logger: .init(label: "t"), environment: [:])
        }
        #expect(missingFile?.field == "salesforce.client_secret_file")

        config.caFile = "/nonexistent/ca.pem"
        config.clientSecret = .environment("SECRET")
        let badCA = #expect(throws: InputError.self) {
            try SalesforceClient(config: config, logger: .init(label: "t"), environment: ["SECRET": "s3cr3t"])
        }
        #expect(badCA?.field == "salesforce.ca_file")
    }

    @Test func plainHTTPIsRefusedBeyondLoopback() {
        var config = TestClients.config(base: "http://login.example.com")
        config.refreshToken = .environment("T")
        #expect(throws: SalesforceClientError.insecureURL(url: "http://login.example.com", origin: "salesforce.login_url")) {
            try SalesforceClient(config: config, logger: .init(label: "t"), environment: ["T": "x"])
        }
        // A name that starts like a loopback address is still a name anyone may register.
        #expect(throws: SalesforceClientError.self) { try URLSafety.check("http://127.example.com", origin: "o") }
        #expect(throws: SalesforceClientError.self) { try URLSafety.check("http://127.0.0.256", origin: "o") }
        #expect(throws: Never.self) { try URLSafety.check("http://127.0.0.2:8443", origin: "o") }
    }

    @Test func tokensAndSecretsNeverReachTheLog() async throws {
        let script = salesforcePeer { _, index, _ in
            index == 0 ? ClientRetryTests.expiredSession
                : .json(#"{"totalSize":1,"done":true,"records":[{"attributes":{"type":"Lead"},"Email":"ada@example.com"}]}"#)
        }
        let log = CapturedLog()
        try await ScriptedPeer.run(script) { peer in
            try await TestClients.with(TestClients.config(base: peer.base), clock: RecordingClock(), logger: log.logger) { client in
                try await client.query("SELECT Email FROM Lead WHERE Email = 'ada@example.com'") { _ in }
                let shown = "\(client.config) \(await client.usage())"
                #expect(!shown.contains(TestClients.refreshToken))
            }
        }
        #expect(log.text.contains("Salesforce session opened"))
        for secret in [TestClients.refreshToken, "token-1", "token-2", "ada@example.com"] {
            #expect(!log.text.contains(secret), "the log shows \(secret)")
        }
        #expect(SecretLocation.environment("SF_SECRET").description == "environment variable SF_SECRET")
    }
}
