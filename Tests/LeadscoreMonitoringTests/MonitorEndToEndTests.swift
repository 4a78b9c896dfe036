import Foundation
import Hummingbird
import HummingbirdTesting
import LeadscoreData
import LeadscoreModels
import Logging
import Testing
@testable import LeadscoreMonitoring
@testable import LeadscoreService

/// The whole loop on the sample org: a model trained on the leads before its 2024-07-01 process
/// change (when the LeadSource mix shifts, docs/sample-org.md) serves the leads after it through the
/// real scoring service; a monitor pass over the audit log finds LeadSource drifted, and the alert
/// reaches a webhook on loopback. Leads like the training ones raise no such alert.
@Suite(.serialized) struct MonitorEndToEndTests {
    struct Fixture: Sendable {
        let directory: URL
        let bundle: URL
        let baseline: MonitoringBaseline
        /// Leads as Flow sends them (fields a scoring call carries), created before / after the change.
        let before: [[String: String]]
        let after: [[String: String]]
    }

    static let processChange = SalesforceDate.parse("2024-07-01")!

    static let shared: Result<Fixture, any Error> = Result {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("leadscore-monitor-tests-\(UUID().uuidString.prefix(8))")
        let org = directory.appendingPathComponent("org")
        _ = try SampleOrgGenerator(leads: 12_000, seed: 41).write(to: org)
        let describe = try SalesforceDescribe.decode(try Data(contentsOf: org.appendingPathComponent("describe.json")),
                                                     source: "describe.json")
        let contract = ContractDrafter.draft(fromDescribe: describe, name: "monitor-test").contract
        let snapshotURL = directory.appendingPathComponent("snapshot")
        _ = try SnapshotBuilder.build(SnapshotRequest(
            source: CSVFileSource(url: org.appendingPathComponent("Lead.csv")), contract: contract,
            contractText: ContractWriter.yaml(contract), to: processChange, asOf: processChange,
            salt: try PIISalt(secret: "a-test-salt-that-is-long-enough")), to: snapshotURL)
        var config = TrainingConfig()
        config.trees.threads = 2
        config.trees.maxRounds = 60
        config.refit = false
        let bundle = try Trainer.train(snapshot: try Snapshot.open(snapshotURL), config: config)
        let bundleURL = directory.appendingPathComponent("bundle")
        try bundle.write(to: bundleURL)

        let allowed = Set(contract.fields.filter { $0.scoring == .allowed || !$0.derive.isEmpty }.map(\.name)
            + [contract.idField, contract.createdField].compactMap { $0 })
        var before: [[String: String]] = [], after: [[String: String]] = []
        let reader = try CSVReader(url: org.appendingPathComponent("Lead.csv"))
        while let record = try reader.next() {
            guard case let .row(row) = record else { continue }
            let lead = Dictionary(uniqueKeysWithValues: zip(reader.header, row.values))
                .filter { allowed.contains($0.key) && !$0.value.isEmpty }
            guard let created = lead["CreatedDate"].flatMap(SalesforceDate.parse) else { continue }
            if created >= processChange { after.append(lead) } else { before.append(lead) }
        }
        return Fixture(directory: directory, bundle: bundleURL, baseline: try #require(bundle.baseline),
                       before: Array(before.suffix(1_200)), after: Array(after.prefix(1_200)))
    }

    /// Sends `leads` through a live server on loopback serving the registry's production model, in
    /// batches as Flow's bulk callouts would, and returns the store with its audit log.
    static func serve(_ leads: [[String: String]], fixture: Fixture) async throws -> any ServiceStore {
        let store = try await StoreOpener.open(
            url: fixture.directory.appendingPathComponent("store-\(UUID().uuidString.prefix(8)).sqlite").path)
        try await ModelRegistry(store: store).register(bundleAt: fixture.bundle, actor: "ana", reason: "first model")
        var config = ServiceConfig()
        // The test client's one connection may sit idle, and answers may wait, while the machine is busy.
        (config.idleTimeoutSeconds, config.requestTimeoutSeconds, config.readyTimeoutSeconds) = (600, 120, 60)
        config.port = 0
        var logger = Logger(label: "monitor-test")
        logger.logLevel = .warning
        let server = await ScoringServer(config: config, store: store, models: .registry, staticAPIKey: "static-test-key-0123456789",
                                         tokenSecret: "a-token-secret-for-tests-that-is-long", logger: logger)
        // As Flow sends them: with the JSON types the API document gives each field.
        let validator = LeadValidator(contract: try ModelBundle.load(from: fixture.bundle).contract, policy: ValidationPolicy())
        let typed = leads.map { JSONValue.object(validator.typed($0)) }
        try await server.application().test(.live) { client in
            for start in stride(from: 0, to: leads.count, by: 100) {
                let body = try JSONEncoder().encode(["leads": Array(typed[start..<min(start + 100, leads.count)])])
                let response = try await client.execute(
                    uri: "/v1/score/batch", method: .post,
                    headers: [.authorization: "Bearer static-test-key-0123456789", .contentType: "application/json"],
                    body: ByteBuffer(bytes: body))
                #expect(response.status == .ok)
            }
        }
        return store
    }

    @Test func theDriftedPeriodRaisesADriftAlertThatReachesTheWebhook() async throws {
        let fixture = try Self.shared.get()
        let store = try await Self.serve(fixture.after, fixture: fixture)
        let now = Date()
        let report = try await MonitorPass.run(store: store, settings: MonitoringSettings(),
                                               from: now.addingTimeInterval(-3_600), to: now.addingTimeInterval(60))
        try await store.close()
        let model = try #require(report.models.first)
        #expect(model.scored == fixture.after.count && model.unprofiled == 0 && report.service.decisions == fixture.after.count && report.service.rejected == 0)

        // LeadSource as the audit log's profiles saw it equals the sent leads binned directly by the baseline.
        let leadSource = try #require(fixture.baseline.field(named: "LeadSource"))
        var counts = BinCounts(for: leadSource)
        for lead in fixture.after { counts.add(bin: leadSource.bin(lead["LeadSource"].map { .text($0) } ?? .missing)) }
        let drift = try #require(model.fields.first { $0.field == "LeadSource" })
        #expect(drift.shares == counts.shares)
        #expect(abs(drift.psi - DriftMeasures.psi(expected: leadSource.shares, actual: counts.shares)) < 1e-12)

        let finding = try #require(report.findings.first { $0.key == "drift:LeadSource" })
        print("Drifted period: \(finding.message) → \(finding.severity)")
        #expect(finding.severity >= .ticket)

        try await AlertReceiver.run { receiver in
            var settings = MonitoringSettings()
            settings.alerts.webhook = .environment("LEADSCORE_TEST_ALERT_WEBHOOK")
            settings.alerts.stateFile = "alert-state-\(UUID().uuidString.prefix(8)).json"
            var logger = Logger(label: "monitor-test")
            logger.logLevel = .critical
            let dispatcher = try AlertDispatcher(settings: settings, logger: logger,
                                                 environment: ["LEADSCORE_TEST_ALERT_WEBHOOK": receiver.url])
            let summary = try await dispatcher.dispatch(report.findings, now: now, directory: fixture.directory)
            #expect(summary.sent.contains { $0.key == "drift:LeadSource" })
            let text = try #require(receiver.messages.first?["text"] as? String)
            #expect(receiver.messages.count == 1 && text.contains("LeadSource"))
            // The next pass within the cooldown sends nothing again.
            let again = try await dispatcher.dispatch(report.findings, now: now.addingTimeInterval(600), directory: fixture.directory)
            #expect(again.sent.isEmpty && receiver.messages.count == 1)
        }
    }

    /// Monitoring reads a bundle's baseline alone, still checked against the manifest.
    @Test func theBaselineIsReadAloneAndVerified() throws {
        let fixture = try Self.shared.get()
        #expect(try ModelBundle.loadBaseline(from: fixture.bundle) == fixture.baseline)
        let copy = fixture.directory.appendingPathComponent("bundle-copy-\(UUID().uuidString.prefix(8))")
        try FileManager.default.copyItem(at: fixture.bundle, to: copy)
        let file = copy.appendingPathComponent("baseline.json")
        try (try Data(contentsOf: file) + Data(" ".utf8)).write(to: file)
        #expect(throws: InputError.self) { try ModelBundle.loadBaseline(from: copy) }
        // A bundle written before baselines has none, and monitoring counts its traffic without one.
        var old = try ModelBundle.load(from: fixture.bundle)
        old.baseline = nil
        let oldURL = fixture.directory.appendingPathComponent("bundle-old-\(UUID().uuidString.prefix(8))")
        try old.write(to: oldURL)
        #expect(try ModelBundle.loadBaseline(from: oldURL) == nil)
    }

    @Test func leadsLikeTheTrainingOnesRaiseNoDriftAlert() async throws {
        let fixture = try Self.shared.get()
        let store = try await Self.serve(fixture.before, fixture: fixture)
        let now = Date()
        let report = try await MonitorPass.run(store: store, settings: MonitoringSettings(),
                                               from: now.addingTimeInterval(-3_600), to: now.addingTimeInterval(60))
        try await store.close()
        let leadSource = try #require(report.findings.first { $0.key == "drift:LeadSource" })
        print("Training-like period: \(leadSource.message) → \(leadSource.severity)")
        #expect(leadSource.severity == .info)
        #expect(report.findings.filter { $0.check == "drift" && $0.severity >= .ticket }.isEmpty,
                "\(report.findings.filter { $0.check == "drift" && $0.severity >= .ticket }.map(\.message))")
    }
}
