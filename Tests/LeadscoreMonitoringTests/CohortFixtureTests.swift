import Foundation
import LeadscoreData
import LeadscoreModels
import LeadscoreMonitoring
import LeadscoreService
import Testing

/// The cohort report against scikit-learn, numpy and SciPy (scripts/fixtures/make_cohort_fixtures.py):
/// eight weeks of audit rows (rescorings, refusals, rows out of order, sync control and written leads)
/// and a semicolon-separated lead export with 15- and 18-character Ids, some leads missing. Every figure
/// of every closed cohort, the held-back weeks and the routed-vs-control lift must match the reference.
@Suite("Cohort report vs scikit-learn") struct CohortFixtureTests {
    struct Fixture: Decodable {
        var as_of: Double
        var window_days: Int
        var unworked_statuses: [String]
        var rows: [Row]
        var export: String
        var expected: Expected
    }

    /// `[lead id, at, score, tier rank, client, detail, outcome]`.
    struct Row: Decodable {
        var leadId: String?, at: Double, score: Int?, rank: Int?, client: String, detail: String?, outcome: String

        init(from decoder: any Decoder) throws {
            var items = try decoder.unkeyedContainer()
            leadId = try items.decode(String?.self)
            at = try items.decode(Double.self)
            score = try items.decode(Int?.self)
            rank = try items.decode(Int?.self)
            client = try items.decode(String.self)
            detail = try items.decode(String?.self)
            outcome = try items.decode(String.self)
        }
    }

    struct Expected: Decodable {
        var audit_rows: Int, leads_scored: Int, missing: Int
        var cohorts: [Cohort]
        var pending: [Pending]
        var control: Control
    }

    struct Cohort: Decodable {
        var week: String, week_start: Double, leads: Int, missing: Int, converted_before: Int, window_closed_before: Int
        var labelled: Int, conversions: Int, roc_auc: Double, top_rate: Double, bottom_rate: Double
        var mean_predicted: Double, ece: Double
        var lift: [Decile]
        var reliability: [Bin]
        var tiers: [Tier]
        var control: Control?
    }

    struct Decile: Decodable { var count: Int, positives: Int, rate: Double, lift: Double }
    struct Bin: Decodable { var mean_predicted: Double, observed_rate: Double }
    struct Tier: Decodable { var rank: Int, leads: Int, conversions: Int, worked: Int, unknown: Int }
    struct Pending: Decodable { var week: String, leads: Int, closes_at: Double }
    struct Control: Decodable {
        var routed_leads: Int, routed_conversions: Int, control_leads: Int, control_conversions: Int
        var routed_interval: [Double]?, control_interval: [Double]?
        var lift: Double?, lift_lower: Double?, lift_upper: Double?
    }

    static func fixture() throws -> Fixture {
        let url = try #require(Bundle.module.url(forResource: "cohort", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    /// A store holding the fixture's audit rows, scored by a registered bundle (the monitoring tests' model:
    /// its label rule is the fixture's) whose tiers stand for the fixture's tier ranks.
    static func store(for fixture: Fixture, in directory: URL) async throws -> (any ServiceStore, tiers: [String]) {
        let shared = try MonitorEndToEndTests.shared.get()
        let bundle = try ModelBundle.load(from: shared.bundle)
        #expect(bundle.contract.label == LabelDefinition(field: "IsConverted", dateField: "ConvertedDate", windowDays: fixture.window_days))
        let tiers = bundle.policy.tiers.map(\.name)
        try #require(tiers.count >= 3)
        let store = try await StoreOpener.open(url: directory.appendingPathComponent("audit.sqlite").path)
        let version = try await ModelRegistry(store: store).register(bundleAt: shared.bundle, actor: "test", reason: "cohorts").version
        let events = fixture.rows.enumerated().map { index, row in
            AuditEvent(requestId: "fixture-\(index)", at: Date(timeIntervalSince1970: row.at), client: row.client, leadId: row.leadId,
                       inputHash: nil, modelVersion: row.score == nil ? nil : version, score: row.score, tier: row.rank.map { tiers[$0] },
                       reasonCodes: [], latencyMicroseconds: 2_000, outcome: row.outcome == "scored" ? .scored : .rejected,
                       detail: row.detail)
        }
        for start in stride(from: 0, to: events.count, by: 500) {
            try await store.append(audit: Array(events[start..<min(start + 500, events.count)]), idempotency: [])
        }
        return (store, tiers)
    }

    @Test func everyClosedCohortMatchesTheReference() async throws {
        let fixture = try Self.fixture()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cohort-fixture-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let (store, tiers) = try await Self.store(for: fixture, in: directory)
        let export = directory.appendingPathComponent("Lead-export.csv")
        try fixture.export.write(to: export, atomically: true, encoding: .utf8)
        var settings = MonitoringSettings()
        settings.outcomes.unworkedStatuses = Set(fixture.unworked_statuses)
        let report = try await OutcomesPass.run(store: store, settings: settings, source: CSVOutcomeSource(url: export),
                                                now: Date(timeIntervalSince1970: fixture.as_of))
        try await store.close()
        print(CohortReportText.render(report))

        let expected = fixture.expected
        #expect(report.auditRows == expected.audit_rows && report.leadsScored == expected.leads_scored)
        #expect(report.missingOutcomes == expected.missing && report.missingExamples.count == min(5, expected.missing))
        #expect(report.pending.map(\.week) == expected.pending.map(\.week))
        #expect(report.pending.map(\.leads) == expected.pending.map(\.leads))
        #expect(report.pending.map(\.closesAt.timeIntervalSince1970) == expected.pending.map(\.closes_at))
        try #require(report.cohorts.count == expected.cohorts.count)
        for (cohort, reference) in zip(report.cohorts, expected.cohorts) {
            let week = reference.week
            #expect(cohort.week == week && cohort.weekStart.timeIntervalSince1970 == reference.week_start)
            #expect(cohort.leads == reference.leads && cohort.missingOutcomes == reference.missing, "\(week)")
            #expect(cohort.convertedBeforeScoring == reference.converted_before, "\(week)")
            #expect(cohort.windowClosedBeforeScoring == reference.window_closed_before, "\(week)")
            #expect(cohort.windowDays == [fixture.window_days])
            let metrics = try #require(cohort.metrics)
            #expect(metrics.leads == reference.labelled && metrics.conversions == reference.conversions, "\(week)")
            #expect(agrees(metrics.rocAUC, reference.roc_auc), "\(week) AUC \(metrics.rocAUC ?? -1) vs \(reference.roc_auc)")
            #expect(metrics.lift.map(\.count) == reference.lift.map(\.count), "\(week)")
            #expect(metrics.lift.map(\.positives) == reference.lift.map(\.positives), "\(week)")
            #expect(zip(metrics.lift, reference.lift).allSatisfy { agrees($0.rate, $1.rate) && agrees($0.lift, $1.lift) }, "\(week)")
            #expect(agrees(metrics.topDecileRate, reference.top_rate) && agrees(metrics.bottomDecileRate, reference.bottom_rate))
            #expect(agrees(metrics.meanPredicted, reference.mean_predicted), "\(week)")
            #expect(agrees(metrics.ece, reference.ece), "\(week) ECE \(metrics.ece) vs \(reference.ece)")
            #expect(metrics.reliability.count == reference.reliability.count, "\(week)")
            #expect(zip(metrics.reliability, reference.reliability).allSatisfy {
                agrees($0.meanPredicted, $1.mean_predicted) && agrees($0.observedRate, $1.observed_rate)
            }, "\(week)")
            #expect(cohort.tiers.map(\.tier) == reference.tiers.map { tiers[$0.rank] }, "\(week)")
            for (tier, referenceTier) in zip(cohort.tiers, reference.tiers) {
                #expect(tier.leads == referenceTier.leads && tier.conversions == referenceTier.conversions, "\(week) \(tier.tier)")
                #expect(tier.worked == referenceTier.worked && tier.unknownStatus == referenceTier.unknown, "\(week) \(tier.tier)")
                #expect(agrees(tier.workedRate, Double(referenceTier.worked) / Double(referenceTier.leads - referenceTier.unknown)))
            }
            try Self.check(cohort.control, against: reference.control, topTier: tiers[0], week)
        }
        try Self.check(report.control, against: expected.control, topTier: tiers[0], "overall")
        // `--format json` carries it all (an unbounded lift is null, never infinity) and reads back the same.
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode(CohortReport.self, from: encoder.encode(report)) == report)
    }

    /// Without its model in the registry the report still stands, on the default window it names: weeks
    /// close 60 days after their last lead, and with no top tier known there is no control comparison.
    @Test func withoutTheModelTheDefaultWindowIsUsedAndSaid() async throws {
        let fixture = try Self.fixture()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cohort-default-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await StoreOpener.open(url: directory.appendingPathComponent("audit.sqlite").path)
        let events = fixture.rows.map { row in
            AuditEvent(requestId: "r", at: Date(timeIntervalSince1970: row.at), client: row.client, leadId: row.leadId, inputHash: nil,
                       modelVersion: row.score == nil ? nil : "v-gone", score: row.score, tier: row.rank.map { ["A", "B", "C"][$0] },
                       reasonCodes: [], latencyMicroseconds: 0, outcome: row.outcome == "scored" ? .scored : .rejected, detail: row.detail)
        }
        try await store.append(audit: events, idempotency: [])
        let export = directory.appendingPathComponent("Lead-export.csv")
        try fixture.export.write(to: export, atomically: true, encoding: .utf8)
        var settings = MonitoringSettings()
        settings.outcomes.windowDays = 60
        let asOf = Date(timeIntervalSince1970: fixture.as_of)
        let report = try await OutcomesPass.run(store: store, settings: settings, source: CSVOutcomeSource(url: export), now: asOf)
        try await store.close()
        #expect(report.notes.contains { $0.hasPrefix("v-gone has no readable bundle in the registry") && $0.contains("60 days") })
        #expect(report.cohorts.count == fixture.expected.cohorts.count + fixture.expected.pending.count, "60 days close every week")
        #expect(report.cohorts.allSatisfy { $0.windowDays == [60] && $0.control == nil } && report.control == nil)
        #expect(report.pending.isEmpty)
    }

    static func check(_ control: ControlComparison?, against reference: Control?, topTier: String, _ name: String) throws {
        guard let reference else {
            #expect(control == nil, "\(name)")
            return
        }
        let control = try #require(control, "\(name)")
        #expect(control.topTiers == [topTier])
        #expect(control.routed.leads == reference.routed_leads && control.routed.conversions == reference.routed_conversions, "\(name)")
        #expect(control.control.leads == reference.control_leads && control.control.conversions == reference.control_conversions)
        #expect(agrees(control.routed.interval?.lower, reference.routed_interval?[0]) && agrees(control.routed.interval?.upper,
                                                                                             reference.routed_interval?[1]), "\(name)")
        #expect(agrees(control.control.interval?.lower, reference.control_interval?[0]) && agrees(control.control.interval?.upper,
                                                                                               reference.control_interval?[1]), "\(name)")
        #expect(agrees(control.lift, reference.lift), "\(name) lift \(String(describing: control.lift))")
        #expect(agrees(control.liftLower, reference.lift_lower), "\(name) lower \(String(describing: control.liftLower))")
        #expect(agrees(control.liftUpper, reference.lift_upper), "\(name) upper \(String(describing: control.liftUpper))")
    }
}

/// Equal within 1e-9 (both nil counts as equal: an undefined figure on both sides).
func agrees(_ value: Double?, _ reference: Double?) -> Bool {
    switch (value, reference) {
    case (nil, nil): return true
    case let (value?, reference?): return abs(value - reference) <= 1e-9
    default: return false
    }
}
