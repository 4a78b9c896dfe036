import AsyncHTTPClient
import Foundation
import LeadscoreDevSalesforce
import Testing

/// The server speaks HTTPS with a certificate its own CA signs: a client trusting that CA gets in, a
/// client trusting only the system roots is refused, and the CA survives restarts.
@Suite struct TLSTests {
    @Test func aClientTrustingTheGeneratedCAConnects() async throws {
        try await DevServerFixture.withServer { client, _ in
            let answer = try await client.get("/services/data/", token: nil)
            #expect(answer.status == 200)
            #expect(client.info.instanceUrl.hasPrefix("https://127.0.0.1:"))
            #expect(client.info.port > 0)
        }
    }

    @Test func aClientThatDoesNotTrustTheCAIsRefused() async throws {
        try await DevServerFixture.withServer { client, _ in
            let untrusting = try DevClient(info: client.info, trustingCA: false)
            await #expect(throws: (any Error).self) {
                _ = try await untrusting.get("/services/data/", token: nil)
            }
            try await untrusting.shutdown()
        }
    }

    @Test func theCertificateAuthorityIsKeptAcrossRestarts() async throws {
        let org = try DevServerFixture.makeOrg()
        let first = try await DevServerFixture.withServer(org: org) { client, _ in
            try String(contentsOfFile: client.info.caFile, encoding: .utf8)
        }
        let second = try await DevServerFixture.withServer(org: org) { client, _ in
            #expect(try await client.get("/services/data/", token: nil).status == 200)
            return try String(contentsOfFile: client.info.caFile, encoding: .utf8)
        }
        #expect(first == second)
        #expect(first.hasPrefix("-----BEGIN CERTIFICATE-----"))
    }

    @Test func theInfoFileNamesEverythingNeededToConnectAndIsPrivate() async throws {
        let org = try DevServerFixture.makeOrg()
        let file = org.appendingPathComponent("info.json")
        try await DevServerFixture.withServer(org: org, infoFile: file) { client, _ in
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: String] ?? [:]
            #expect(Set(object.keys) == ["instanceUrl", "loginUrl", "tokenUrl", "clientId", "clientSecret", "username",
                                         "jwtKeyFile", "refreshToken", "caFile", "apiVersion"])
            #expect(object["instanceUrl"] == client.info.instanceUrl)
            #expect(object["tokenUrl"] == client.info.instanceUrl + "/services/oauth2/token")
            let permissions = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
            #expect(permissions == 0o600)
            let keyPermissions = try FileManager.default.attributesOfItem(atPath: client.info.jwtKeyFile)[.posixPermissions] as? Int
            #expect(keyPermissions == 0o600)
            #expect(!client.info.description.contains(client.info.clientSecret))
        }
    }
}
