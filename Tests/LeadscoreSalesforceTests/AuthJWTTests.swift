import Foundation
import LeadscoreSalesforce
import Testing

/// The JWT bearer assertion, checked by an independent verifier: PyJWT with `cryptography` verifies the
/// RS256 signature against the public half of a key made by `openssl`, and the iss/sub/aud/exp claims.
/// A missing PyJWT fails the test with the install command: CI must not pass without verifying.
@Suite struct AuthJWTTests {
    struct Tool: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs a command, returning its exit status and combined output.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    /// A fresh RSA key in `directory`: PKCS#8 (`BEGIN PRIVATE KEY`) or PKCS#1 (`BEGIN RSA PRIVATE KEY`), and its public key.
    static func makeKey(in directory: URL, pkcs1: Bool) throws -> (privatePEM: String, publicKey: URL) {
        let key = directory.appendingPathComponent(pkcs1 ? "pkcs1.pem" : "pkcs8.pem")
        let generate = pkcs1 ? ["openssl", "genrsa", "-traditional", "-out", key.path, "2048"]
            : ["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key.path]
        let made = try run(generate)
        guard made.status == 0 else { throw Tool(description: "openssl failed: \(made.output)") }
        let publicKey = directory.appendingPathComponent(key.lastPathComponent + ".pub")
        let exported = try run(["openssl", "rsa", "-in", key.path, "-pubout", "-out", publicKey.path])
        guard exported.status == 0 else { throw Tool(description: "openssl rsa -pubout failed: \(exported.output)") }
        return (try String(contentsOf: key, encoding: .utf8), publicKey)
    }

    /// PyJWT's verdict on `token`: the decoded claims as JSON, or the error it raised.
    static func verify(_ token: String, publicKey: URL, audience: String, issuer: String) throws -> (ok: Bool, output: String) {
        let script = """
        import json, sys, time, jwt
        token, key_path, audience, issuer = sys.argv[1:5]
        claims = jwt.decode(token, open(key_path).read(), algorithms=["RS256"], audience=audience, issuer=issuer,
                            options={"require": ["exp", "iss", "sub", "aud"]})
        header = jwt.get_unverified_header(token)
        print(json.dumps({"claims": claims, "alg": header["alg"], "ahead": claims["exp"] - time.time()}))
        """
        let python = ProcessInfo.processInfo.environment["LEADSCORE_PYTHON"] ?? "python3"
        let result = try run([python, "-c", script, token, publicKey.path, audience, issuer])
        if result.output.contains("No module named 'jwt'") {
            throw Tool(description: "PyJWT is not installed for \(python): run `\(python) -m pip install PyJWT` "
                + "(or set LEADSCORE_PYTHON to an interpreter that has it)")
        }
        return (result.status == 0, result.output)
    }

    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jwt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test(arguments: [false, true])
    func pyJWTVerifiesTheAssertion(pkcs1: Bool) async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = try Self.makeKey(in: directory, pkcs1: pkcs1)
        #expect(key.privatePEM.contains(pkcs1 ? "BEGIN RSA PRIVATE KEY" : "BEGIN PRIVATE KEY"))
        let assertion = try JWTBearerAssertion(issuer: "3MVG9consumer.key", subject: "integration@acme.example",
                                               audience: "https://test.salesforce.com", privateKeyPEM: key.privatePEM,
                                               keySource: "test key")
        let token = try await assertion.signed()
        let verdict = try Self.verify(token, publicKey: key.publicKey, audience: "https://test.salesforce.com",
                                      issuer: "3MVG9consumer.key")
        #expect(verdict.ok, "PyJWT refused the assertion: \(verdict.output)")
        let decoded = try JSONSerialization.jsonObject(with: Data(verdict.output.utf8)) as? [String: Any]
        let claims = decoded?["claims"] as? [String: Any]
        #expect(decoded?["alg"] as? String == "RS256")
        #expect(claims?["sub"] as? String == "integration@acme.example")
        let ahead = try #require(decoded?["ahead"] as? Double)
        #expect(ahead > 60 && ahead <= 180, "exp must lie within Salesforce's 3 minutes, is \(ahead) s ahead")
    }

    @Test func anotherKeysSignatureIsRefused() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let signing = try Self.makeKey(in: directory, pkcs1: false)
        let other = try Self.makeKey(in: directory, pkcs1: true)
        let assertion = try JWTBearerAssertion(issuer: "iss", subject: "sub", audience: "https://login.salesforce.com",
                                               privateKeyPEM: signing.privatePEM, keySource: "test key")
        let verdict = try Self.verify(try await assertion.signed(), publicKey: other.publicKey,
                                      audience: "https://login.salesforce.com", issuer: "iss")
        #expect(!verdict.ok)
        #expect(verdict.output.contains("Signature verification failed"))
    }

    @Test func aKeyFileThatIsNotAKeyNamesTheSetting() {
        let error = #expect(throws: (any Error).self) {
            try JWTBearerAssertion(issuer: "i", subject: "s", audience: "a",
                                   privateKeyPEM: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", keySource: "cert.pem")
        }
        #expect("\(String(describing: error))".contains("salesforce.private_key_file"))
    }

    @Test func theClientPostsASignedAssertionToTheTokenEndpoint() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = try Self.makeKey(in: directory, pkcs1: false)
        let keyFile = directory.appendingPathComponent("pkcs8.pem")
        let script = salesforcePeer { _, _, _ in .json(#"{"totalSize":1,"done":true,"records":[]}"#) }
        try await ScriptedPeer.run(script) { peer in
            var config = SalesforceConfig()
            config.loginURL = peer.base
            config.auth = .jwtBearer
            config.clientId = "3MVG9consumer.key"
            config.username = "integration@acme.example"
            config.privateKeyFile = keyFile.path
            try await TestClients.with(config, clock: RecordingClock()) { client in
                let instance = try await client.authenticate()
                #expect(instance == peer.base)
                #expect(client.instanceDescription == peer.base)
            }
            let form = try #require(peer.tokenRequests.first?.form)
            #expect(form["grant_type"] == "urn:ietf:params:oauth:grant-type:jwt-bearer")
            #expect(peer.tokenRequests.first?.contentType == "application/x-www-form-urlencoded")
            // A local server's login URL is its own audience.
            let verdict = try Self.verify(try #require(form["assertion"]), publicKey: key.publicKey, audience: peer.base,
                                          issuer: "3MVG9consumer.key")
            #expect(verdict.ok, "PyJWT refused the assertion: \(verdict.output)")
        }
    }
}
