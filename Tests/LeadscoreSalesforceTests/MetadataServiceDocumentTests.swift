import AsyncHTTPClient
import Foundation
import Hummingbird
import LeadscoreData
import LeadscoreModels
import LeadscoreSalesforce
import LeadscoreService
import Logging
import Testing

/// The External Service carries the very document the scoring service serves: a model trained on a
/// sample org is served on loopback, its `GET /openapi.json` is fetched over HTTP, and the package the
/// `leadscore` executable writes for that bundle holds those bytes in its registration, and is the
/// package the library generates from them.
@Suite("Metadata service document") struct MetadataServiceDocumentTests {
    @Test func theRegistrationHoldsTheDocumentTheServiceServes() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leadscore-metadata-live-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let bundleURL = try Self.trainBundle(into: directory)
        let bundle = try ModelBundle.load(from: bundleURL)
        let (base, served) = try await Self.serveAndFetch(bundle, store: directory.appendingPathComponent("store.sqlite"))
        let document = try #require(try JSONSerialization.jsonObject(with: served) as? [String: Any])
        #expect((document["servers"] as? [[String: Any]])?.first?["url"] as? String == base)

        let out = directory.appendingPathComponent("salesforce")
        let result = try Self.runCLI(["salesforce", "package", "--bundle", bundleURL.path, "--service-url", base,
                                      "--schedule-start", "2026-12-01", "--out", out.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("Warning: --service-url is not HTTPS"))
        let registration = try ParsedElement.parse(out.appendingPathComponent(
            "\(PackageNames.sourceFolder)/externalServiceRegistrations/Leadscore.externalServiceRegistration-meta.xml"))
        #expect(Data((registration.child("schema")?.text ?? "").utf8) == served)

        var input = SalesforcePackageInput(
            contract: bundle.contract, tiers: bundle.policy.tiers.map { PackageTier(name: $0.name, label: $0.label, route: $0.route) },
            openAPIDocument: served, serviceURL: base, scheduleStartDate: "2026-12-01")
        input.activateFlows = false
        for file in try SalesforcePackage.generate(input).files {
            #expect(try Data(contentsOf: out.appendingPathComponent(file.path)) == file.contents, "\(file.path)")
        }
        #expect(try SchemaValidator().failures(MetadataFixture.metadataFiles(in: out)).isEmpty)
    }

    /// A small tree model on a generated org (the service serves the document of its contract).
    static func trainBundle(into directory: URL) throws -> URL {
        let org = directory.appendingPathComponent("org")
        _ = try SampleOrgGenerator(leads: 1_500, seed: 11).write(to: org)
        let describe = try SalesforceDescribe.decode(try Data(contentsOf: org.appendingPathComponent("describe.json")),
                                                     source: "describe.json")
        let contract = ContractDrafter.draft(fromDescribe: describe, name: "metadata-test").contract
        let exportTime = SampleOrgGenerator.exportTime.timeIntervalSince1970
        let snapshotURL = directory.appendingPathComponent("snapshot")
        _ = try SnapshotBuilder.build(SnapshotRequest(
            source: CSVFileSource(url: org.appendingPathComponent("Lead.csv")), contract: contract,
            contractText: ContractWriter.yaml(contract), to: exportTime, asOf: exportTime,
            salt: try PIISalt(secret: "metadata-test-salt-long-enough")), to: snapshotURL)
        var config = TrainingConfig()
        config.trees.threads = 2
        config.trees.maxRounds = 10
        config.minimumTrainPositives = 10
        let url = directory.appendingPathComponent("model")
        try Trainer.train(snapshot: try Snapshot.open(snapshotURL), config: config).write(to: url)
        return url
    }

    /// Serves `bundle` on 127.0.0.1 (a port the system picks) and fetches `/openapi.json` over HTTP.
    static func serveAndFetch(_ bundle: ModelBundle, store path: URL) async throws -> (base: String, body: Data) {
        var config = ServiceConfig()
        config.host = "127.0.0.1"
        var logger = Logger(label: "metadata-test.service")
        logger.logLevel = .critical
        let store = try await StoreOpener.open(url: path.path)
        let server = await ScoringServer(config: config, store: store, models: .bundle(ServingModel(bundle: bundle, policy: config.validation)),
                                         staticAPIKey: "metadata-test-key-0123456789", tokenSecret: "a-metadata-test-token-secret-that-is-long-enough",
                                         logger: logger)
        _ = try await server.application()
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(router: server.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
        let result = try await withThrowingTaskGroup(of: (String, Data)?.self) { group in
            group.addTask {
                try await app.run()
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else { throw CancellationError() }
            let base = "http://127.0.0.1:\(port)"
            group.addTask {
                let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "\(base)/openapi.json"), timeout: .seconds(30))
                #expect(response.status == .ok)
                return (base, Data(buffer: try await response.body.collect(upTo: 4 << 20)))
            }
            defer { group.cancelAll() }
            while let next = try await group.next() {
                if let next { return next }
            }
            throw CancellationError()
        }
        try await store.close()
        return result
    }

    /// Runs the built `leadscore` executable; its output is stdout and stderr together.
    static func runCLI(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("leadscore"),
            MetadataFixture.repository.appendingPathComponent(".build/debug/leadscore"),
        ]
        guard let binary = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw SchemaValidator.Missing(description: "the leadscore executable is not built: swift build --build-tests")
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
