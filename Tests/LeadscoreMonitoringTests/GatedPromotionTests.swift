import Foundation
import LeadscoreData
import LeadscoreModels
import Testing
@testable import LeadscoreMonitoring
@testable import LeadscoreService

/// Gates kept with the version and enforced at promotion: a candidate whose gates failed is refused
/// until someone forces it with a reason, and the approval records who, when, why and that it was forced.
@Suite(.serialized) struct GatedPromotionTests {
    static func store(_ fixture: GateFixture) async throws -> any ServiceStore {
        try await StoreOpener.open(url: fixture.directory.appendingPathComponent("store-\(UUID().uuidString.prefix(8)).sqlite").path)
    }

    @Test func aFailedCandidateIsRefusedUntilForcedWithAReason() async throws {
        let fixture = try GateFixture.get()
        let store = try await Self.store(fixture)
        let registry = ModelRegistry(store: store)
        try await registry.register(bundleAt: fixture.goodURL, actor: "ana", reason: "first model")
        let report = try GateEvaluator(settings: RetrainingGateTests.settings()).evaluate(
            candidate: fixture.worse, snapshot: fixture.snapshot, champion: fixture.good)
        #expect(!report.passed)
        let version = fixture.worse.metadata.modelVersion
        try await store.saveGateReport(ModelGateRecord(version: version, report: try report.json(), passed: report.passed,
                                                       at: report.evaluatedAt))
        try await registry.register(bundleAt: fixture.worseURL, actor: "ana", reason: "retrain")
        _ = try await registry.shadow(version, actor: "ana", reason: "watch it")

        let refusal = await #expect(throws: RegistryError.self) {
            try await registry.promote(version, canaryPercent: 10, actor: "bo", reason: "looks fine")
        }
        #expect(refusal?.description.contains("failed its retraining gates") == true)
        #expect(refusal?.description.contains("--force") == true)
        await #expect(throws: RegistryError.self) {
            try await registry.promote(version, canaryPercent: nil, actor: "bo", reason: "  ", force: true)
        }
        #expect(try await store.latestRegistryEvent()?.state.production == fixture.good.metadata.modelVersion)
        #expect(try await store.approvals(version: version).isEmpty)

        let when = Date(timeIntervalSince1970: 1_800_000_000)
        let event = try await registry.promote(version, canaryPercent: nil, actor: "bo",
                                               reason: "lift gate noise; sales asked for it", force: true, at: when).event
        #expect(event.state.production == version && event.actor == "bo")
        #expect(event.reason == ModelRegistry.forcedPrefix + "lift gate noise; sales asked for it")
        let approvals = try await store.approvals(version: version)
        #expect(approvals.count == 1)
        let approval = try #require(approvals.first)
        #expect(approval.actor == "bo" && approval.at == when && approval.action == .promote && approval.forced)
        #expect(approval.gates == .failed && approval.reason == "lift gate noise; sales asked for it" && approval.eventId == event.id)

        // The stored report reads back as evaluated, with its figures.
        let stored = try #require(try await store.gateReport(version: version))
        #expect(try GateReport.decode(stored.report) == report && !stored.passed)
        try await store.close()
    }

    @Test func passedOrUngatedVersionsArePromotedAsBefore() async throws {
        let fixture = try GateFixture.get()
        let store = try await Self.store(fixture)
        let registry = ModelRegistry(store: store)
        // Registered by hand: no gate report, promoted as always, and the approval says so.
        try await registry.register(bundleAt: fixture.worseURL, actor: "ana", reason: "first model")
        let better = try GateEvaluator(settings: RetrainingGateTests.settings()).evaluate(
            candidate: fixture.good, snapshot: fixture.snapshot, champion: fixture.worse)
        #expect(better.passed)
        let version = fixture.good.metadata.modelVersion
        try await store.saveGateReport(ModelGateRecord(version: version, report: try better.json(), passed: true,
                                                       at: better.evaluatedAt))
        try await registry.register(bundleAt: fixture.goodURL, actor: "ana", reason: "retrain")
        _ = try await registry.promote(version, canaryPercent: 20, actor: "bo", reason: "canary the retrain")
        _ = try await registry.promote(fixture.worse.metadata.modelVersion, canaryPercent: nil, actor: "bo", reason: "back")
        let approvals = try await store.approvals(version: nil)
        #expect(approvals.map(\.action) == [.canary, .promote])
        #expect(approvals.map(\.gates) == [.passed, ModelApproval.Gates.none] && approvals.allSatisfy { !$0.forced })
        #expect(try await store.registryEvents().allSatisfy { !$0.reason.hasPrefix(ModelRegistry.forcedPrefix) })
        try await store.close()
    }

    /// `leadscore retrain` below the CLI: CSV → snapshot → train → gates → stored report → shadow.
    @Test func retrainingRegistersAWorseCandidateAsAShadowThatCannotBePromoted() async throws {
        let fixture = try GateFixture.get()
        let store = try await Self.store(fixture)
        try await ModelRegistry(store: store).register(bundleAt: fixture.goodURL, actor: "ana", reason: "first model")
        let contract = GateFixture.withholding(try GateFixture.contract(org: fixture.org))
        let retraining = Retraining(config: fixture.config, evaluator: GateEvaluator(settings: RetrainingGateTests.settings()),
                                    store: store, actor: "scheduler")
        let output = fixture.directory.appendingPathComponent("retrain-\(UUID().uuidString.prefix(8))")
        let exportTime = SampleOrgGenerator.exportTime.timeIntervalSince1970
        let outcome = try await retraining.run(Retraining.Input(
            source: CSVFileSource(url: fixture.org.appendingPathComponent("Lead.csv")), contract: contract,
            contractText: ContractWriter.yaml(contract), to: exportTime, asOf: exportTime,
            salt: try PIISalt(secret: "a-test-salt-that-is-long-enough")), output: output)
        let version = outcome.candidate.metadata.modelVersion
        #expect(!outcome.report.passed && outcome.report.gate(.offline)?.passed == false)
        #expect(outcome.registration == .shadow(RolloutState(production: fixture.good.metadata.modelVersion, shadow: version)))
        #expect(try await store.model(version: version)?.bundlePath == outcome.bundlePath.standardizedFileURL.path)
        #expect(try await store.gateReport(version: version)?.passed == false)
        let written = try GateReport.decode(String(decoding: try Data(contentsOf: outcome.reportPath), as: UTF8.self))
        #expect(written == outcome.report)
        await #expect(throws: RegistryError.self) {
            try await ModelRegistry(store: store).promote(version, canaryPercent: nil, actor: "bo", reason: "ship it")
        }
        try await store.close()
    }
}
