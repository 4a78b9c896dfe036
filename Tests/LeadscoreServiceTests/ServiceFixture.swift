import Foundation
import Hummingbird
import HummingbirdTesting
import LeadscoreData
import LeadscoreModels
import Logging
@testable import LeadscoreService

/// Two small trained bundles of one sample org (trained once per test process), sample leads as
/// Flow would send them, and helpers to run a real server on loopback.
struct ServiceFixture: Sendable {
    let directory: URL
    let bundleA: URL
    let bundleB: URL
    let versionA: String
    let versionB: String
    let contract: DataContract
    /// Leads of the sample org as JSON objects of field texts (what Flow sends), PII included.
    let leads: [[String: String]]

    static let shared: Result<ServiceFixture, any Error> = Result { try ServiceFixture() }

    static func get() throws -> ServiceFixture { try shared.get() }

    private init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("leadscore-service-tests-\(UUID().uuidString.prefix(8))")
        let org = directory.appendingPathComponent("org")
        _ = try SampleOrgGenerator(leads: 4_000, seed: 23).write(to: org)
        let describe = try SalesforceDescribe.decode(try Data(contentsOf: org.appendingPathComponent("describe.json")), source: "describe.json")
        contract = ContractDrafter.draft(fromDescribe: describe, name: "service-test").contract
        let exportTime = SampleOrgGenerator.exportTime.timeIntervalSince1970
        let snapshotURL = directory.appendingPathComponent("snapshot")
        _ = try SnapshotBuilder.build(SnapshotRequest(
            source: CSVFileSource(url: org.appendingPathComponent("Lead.csv")), contract: contract,
            contractText: ContractWriter.yaml(contract), to: exportTime, asOf: exportTime,
            salt: try PIISalt(secret: "a-test-salt-that-is-long-enough")), to: snapshotURL)
        let snapshot = try Snapshot.open(snapshotURL)
        var config = TrainingConfig()
        config.trees.threads = 2
        config.minimumTrainPositives = 20
        let first = try Trainer.train(snapshot: snapshot, config: config, createdAt: Date(timeIntervalSince1970: 0))
        config.explanations.top = 2
        config.trees.maxRounds = 15
        let second = try Trainer.train(snapshot: snapshot, config: config, createdAt: Date(timeIntervalSince1970: 0))
        bundleA = directory.appendingPathComponent("bundle-a")
        bundleB = directory.appendingPathComponent("bundle-b")
        try first.write(to: bundleA)
        try second.write(to: bundleB)
        versionA = first.metadata.modelVersion
        versionB = second.metadata.modelVersion
        precondition(versionA != versionB, "the two fixture bundles must differ")
        let reader = try CSVReader(url: org.appendingPathComponent("Lead.csv"))
        var leads: [[String: String]] = []
        while let record = try reader.next(), leads.count < 400 {
            if case let .row(row) = record { leads.append(Dictionary(uniqueKeysWithValues: zip(reader.header, row.values))) }
        }
        self.leads = leads
    }

    /// Lead `index` as a request's `lead` object, with only fields a scoring call would carry.
    func lead(_ index: Int) -> [String: String] {
        let allowed = Set(contract.fields.filter { $0.scoring == .allowed || !$0.derive.isEmpty }.map(\.name)
            + [contract.idField, contract.createdField].compactMap { $0 })
        return leads[index].filter { allowed.contains($0.key) && !$0.value.isEmpty }
    }

    /// Lead `index` with the JSON types the API document gives its fields (numbers, booleans), as
    /// Flow's External Services action sends them.
    func typedLead(_ index: Int) -> [String: JSONValue] { typed(lead(index)) }

    func typed(_ lead: [String: String]) -> [String: JSONValue] {
        LeadValidator(contract: contract, policy: ValidationPolicy()).typed(lead)
    }

    func scoreBody(_ lead: [String: String], explain: Bool = true) -> ByteBuffer {
        Self.body(["lead": .object(typed(lead)), "explain": .bool(explain)])
    }

    /// A JSON body (keys sorted, so equal requests are equal bytes).
    static func body(_ object: [String: JSONValue]) -> ByteBuffer {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return ByteBuffer(bytes: try! encoder.encode(object))
    }

    /// A fresh SQLite store in its own file.
    func newStore() async throws -> any ServiceStore {
        try await StoreOpener.open(url: directory.appendingPathComponent("store-\(UUID().uuidString.prefix(8)).sqlite").path)
    }
}

/// A key and a server config for tests: loopback, port chosen by the system.
enum TestServer {
    static let staticKey = "static-test-key-0123456789"
    static let tokenSecret = "a-token-secret-for-tests-that-is-long"

    static func config(_ change: (inout ServiceConfig) -> Void = { _ in }) -> ServiceConfig {
        var config = ServiceConfig()
        config.port = 0
        config.registryPollSeconds = 0.2
        // A test process runs many tests at once on two cores, and tasks can wait seconds for a thread:
        // time limits are far above any answer's time here. The tests of the limits set their own.
        config.idleTimeoutSeconds = 600
        config.requestTimeoutSeconds = 120
        config.readyTimeoutSeconds = 60
        change(&config)
        return config
    }

    static func server(store: any ServiceStore, models: ScoringServer.Models, config: ServiceConfig = config(),
                       logger: Logger? = nil) async -> ScoringServer {
        var quiet = Logger(label: "test")
        quiet.logLevel = .warning
        let logger = logger ?? quiet
        return await ScoringServer(config: config, store: store, models: models, staticAPIKey: staticKey,
                                   tokenSecret: tokenSecret, logger: logger)
    }

    /// Runs `test` against a live server on loopback that serves bundle A without a registry.
    static func withBundleServer(_ config: ServiceConfig = config(), logger: Logger? = nil,
                                 _ test: @escaping @Sendable (any TestClientProtocol, ServiceFixture, any ServiceStore) async throws -> Void)
        async throws {
        let fixture = try ServiceFixture.get()
        let store = try await fixture.newStore()
        let model = ServingModel(bundle: try ModelBundle.load(from: fixture.bundleA), policy: config.validation)
        let server = await server(store: store, models: .bundle(model), config: config, logger: logger)
        try await server.application().test(.live) { client in try await test(client, fixture, store) }
    }

    static func bearer(_ key: String, json: Bool = true) -> HTTPFields {
        var headers: HTTPFields = [.authorization: "Bearer \(key)"]
        if json { headers[.contentType] = "application/json" }
        return headers
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any] ?? [:]
    }
}
