import _CryptoExtras
import Foundation
import NIOHTTP1
import JWTKit
import LeadscoreDevSalesforce
import Testing

/// The token endpoint's three flows, good and bad, with Salesforce's error bodies.
@Suite struct OAuthTests {
    struct Claims: JWTPayload {
        var iss: String
        var sub: String
        var aud: String
        var exp: Int
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    /// A JWT bearer assertion signed RS256 with `keyPEM` (the org's key unless another is given).
    static func assertion(_ info: DevSalesforceInfo, keyPEM: String? = nil, iss: String? = nil, sub: String? = nil,
                          aud: String? = nil, expiresIn: Int = 170) async throws -> String {
        let keys = JWTKeyCollection()
        let pem = try keyPEM ?? String(contentsOfFile: info.jwtKeyFile, encoding: .utf8)
        await keys.add(rsa: try Insecure.RSA.PrivateKey(pem: pem), digestAlgorithm: .sha256)
        let claims = Claims(iss: iss ?? info.clientId, sub: sub ?? info.username, aud: aud ?? info.loginUrl,
                            exp: Int(Date().timeIntervalSince1970) + expiresIn)
        return try await keys.sign(claims)
    }

    static func jwtForm(_ assertion: String) -> [String: String] {
        ["grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion": assertion]
    }

    @Test func clientCredentialsIssueAWorkingToken() async throws {
        try await DevServerFixture.withServer { client, _ in
            let answer = try await client.send(.POST, "/services/oauth2/token", form: [
                "grant_type": "client_credentials", "client_id": client.info.clientId, "client_secret": client.info.clientSecret,
            ])
            #expect(answer.status == 200)
            let body = answer.object
            #expect(body["token_type"] as? String == "Bearer")
            #expect(body["instance_url"] as? String == client.info.instanceUrl)
            #expect((body["id"] as? String)?.hasPrefix(client.info.instanceUrl + "/id/00D") == true)
            #expect(Int64(body["issued_at"] as? String ?? "") != nil)
            #expect((body["signature"] as? String)?.isEmpty == false)
            #expect(body["scope"] as? String == "api")
            let token = try #require(body["access_token"] as? String)
            #expect(try await client.get("/services/data/v62.0/limits", token: token).status == 200)
        }
    }

    @Test func clientCredentialsAlsoComeAsHTTPBasic() async throws {
        try await DevServerFixture.withServer { client, _ in
            let basic = Data("\(client.info.clientId):\(client.info.clientSecret)".utf8).base64EncodedString()
            let answer = try await client.send(.POST, "/services/oauth2/token", form: ["grant_type": "client_credentials"],
                                               headers: ["Authorization": "Basic \(basic)"])
            #expect(answer.status == 200)
            #expect(answer.object["access_token"] is String)
        }
    }

    @Test func wrongClientCredentialsAreInvalidClient() async throws {
        try await DevServerFixture.withServer { client, _ in
            for form in [["client_id": client.info.clientId, "client_secret": "wrong"],
                         ["client_id": "3MVG9unknown", "client_secret": client.info.clientSecret], [:]] {
                let answer = try await client.send(.POST, "/services/oauth2/token",
                                                   form: form.merging(["grant_type": "client_credentials"]) { $1 })
                #expect(answer.status == 400)
                #expect(answer.object["error"] as? String == "invalid_client")
                #expect(answer.object["error_description"] as? String == "invalid client credentials")
            }
        }
    }

    @Test func aGoodJWTBearerAssertionGetsAToken() async throws {
        try await DevServerFixture.withServer { client, _ in
            for audience in [client.info.loginUrl, "https://login.salesforce.com", "https://test.salesforce.com"] {
                let assertion = try await Self.assertion(client.info, aud: audience)
                let answer = try await client.send(.POST, "/services/oauth2/token", form: Self.jwtForm(assertion))
                #expect(answer.status == 200, "audience \(audience): \(answer.text)")
                let token = try #require(answer.object["access_token"] as? String)
                #expect(try await client.get("/services/data/v62.0", token: token).status == 200)
            }
        }
    }

    @Test func badJWTBearerAssertionsAreRefusedAsSalesforceDoes() async throws {
        try await DevServerFixture.withServer { client, _ in
            let otherKey = try _RSA.Signing.PrivateKey(keySize: .bits2048).pkcs8PEMRepresentation
            let cases: [(String, String, String)] = [
                (try await Self.assertion(client.info, aud: "https://example.com"), "invalid_grant", "audience is invalid"),
                (try await Self.assertion(client.info, sub: "someone@else.dev"), "invalid_grant", "user hasn't approved this consumer"),
                (try await Self.assertion(client.info, expiresIn: -30), "invalid_grant", "expired authorization code"),
                (try await Self.assertion(client.info, expiresIn: 3_600), "invalid_grant", "invalid assertion"),
                (try await Self.assertion(client.info, iss: "3MVG9someoneelse"), "invalid_client_id", "client identifier invalid"),
                (try await Self.assertion(client.info, keyPEM: otherKey), "invalid_grant", "invalid assertion"),
                ("not.a.jwt", "invalid_grant", "invalid assertion"),
            ]
            for (assertion, error, description) in cases {
                let answer = try await client.send(.POST, "/services/oauth2/token", form: Self.jwtForm(assertion))
                #expect(answer.status == 400)
                #expect(answer.object["error"] as? String == error)
                #expect(answer.object["error_description"] as? String == description)
            }
        }
    }

    @Test func theRefreshTokenFlowChecksClientAndToken() async throws {
        try await DevServerFixture.withServer { client, _ in
            let good = try await client.send(.POST, "/services/oauth2/token", form: [
                "grant_type": "refresh_token", "client_id": client.info.clientId, "refresh_token": client.info.refreshToken,
            ])
            #expect(good.status == 200)
            #expect(good.object["access_token"] is String)
            let withSecret = try await client.send(.POST, "/services/oauth2/token", form: [
                "grant_type": "refresh_token", "client_id": client.info.clientId, "client_secret": client.info.clientSecret,
                "refresh_token": client.info.refreshToken,
            ])
            #expect(withSecret.status == 200)
            let badToken = try await client.send(.POST, "/services/oauth2/token", form: [
                "grant_type": "refresh_token", "client_id": client.info.clientId, "refresh_token": "5Aep861nope",
            ])
            #expect(badToken.status == 400)
            #expect(badToken.object["error"] as? String == "invalid_grant")
            #expect(badToken.object["error_description"] as? String == "expired access/refresh token")
            let badClient = try await client.send(.POST, "/services/oauth2/token", form: [
                "grant_type": "refresh_token", "client_id": "3MVG9nope", "refresh_token": client.info.refreshToken,
            ])
            #expect(badClient.object["error"] as? String == "invalid_client_id")
        }
    }

    @Test func unknownGrantTypesAreUnsupported() async throws {
        try await DevServerFixture.withServer { client, _ in
            for form in [["grant_type": "password", "username": "u", "password": "p"], [:]] {
                let answer = try await client.send(.POST, "/services/oauth2/token", form: form)
                #expect(answer.status == 400)
                #expect(answer.object["error"] as? String == "unsupported_grant_type")
            }
        }
    }

    @Test func sessionsDoNotSurviveARestartButCredentialsDo() async throws {
        let org = try DevServerFixture.makeOrg()
        let (token, clientId) = try await DevServerFixture.withServer(org: org) { client, _ in
            (try await client.token(), client.info.clientId)
        }
        try await DevServerFixture.withServer(org: org) { client, _ in
            #expect(client.info.clientId == clientId)
            let stale = try await client.get("/services/data/v62.0/limits", token: token)
            #expect(stale.status == 401)
            #expect(stale.errorCode == "INVALID_SESSION_ID")
            #expect(try await client.get("/services/data/v62.0/limits", token: try await client.token()).status == 200)
        }
    }
}
