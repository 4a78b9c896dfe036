import Foundation
import LeadscoreData
import LeadscoreModels
import Testing
@testable import LeadscoreMonitoring

/// The retraining gates on real models: a deliberately worse candidate is refused with the figures
/// that condemn it, a better one passes, and every figure is recomputed here the independent way
/// (the snapshot table through each bundle's pipeline, as training scores it).
@Suite(.serialized) struct RetrainingGateTests {
    /// Generous latency budgets: these tests judge the models, not this machine's speed.
    static func settings() -> MonitoringSettings {
        var settings = MonitoringSettings()
        settings.gates.latencyP95Milliseconds = 600_000
        settings.gates.batchLatencyP95Milliseconds = 600_000
        settings.gates.latencySampleLeads = 50
        return settings
    }

    @Test func aWorseCandidateIsRefusedWithTheFiguresThatCondemnIt() throws {
        let fixture = try GateFixture.get()
        let report = try GateEvaluator(settings: Self.settings()).evaluate(
            candidate: fixture.worse, snapshot: fixture.snapshot, champion: fixture.good, championVersion: "champion-v1")
        print(GateReportText.render(report))
        #expect(!report.passed && report.champion == "champion-v1")
        #expect(report.candidate == fixture.worse.metadata.modelVersion)

        let good = try fixture.testProbabilities(fixture.good), worse = try fixture.testProbabilities(fixture.worse)
        #expect(report.comparedLeads == good.rows.count)
        let offline = try #require(report.gate(.offline))
        #expect(!offline.passed)
        let prAUC = try #require(offline.check(named: "pr_auc"))
        let expectedGood = try #require(BinaryMetrics.averagePrecision(probabilities: good.probabilities, labels: good.labels))
        let expectedWorse = try #require(BinaryMetrics.averagePrecision(probabilities: worse.probabilities, labels: worse.labels))
        #expect(!prAUC.passed)
        #expect(abs(try #require(prAUC.reference) - expectedGood) < 1e-9)
        #expect(abs(try #require(prAUC.value) - expectedWorse) < 1e-9)
        #expect(prAUC.limit == prAUC.reference.map { $0 - 0.01 })
        #expect(expectedWorse < expectedGood - 0.01, "the withheld inputs must cost more than the tolerance")
        let lift = try #require(offline.check(named: "top_decile_lift"))
        let expectedLift = BinaryMetrics.liftByDecile(probabilities: good.probabilities, labels: good.labels)[0].lift
        #expect(abs(try #require(lift.reference) - expectedLift) < 1e-9)
        #expect(prAUC.message.contains(String(format: "%.3f", expectedWorse)) && prAUC.message.contains(String(format: "%.3f", expectedGood)))

        // The segments that regress, each with its AUCs on the same leads.
        let segments = try #require(report.gate(.segments))
        #expect(!segments.passed)
        for check in segments.failures {
            let name = check.name.dropFirst("segment_auc:".count)
            let field = String(name.prefix { $0 != "=" }), value = String(name.drop { $0 != "=" }.dropFirst())
            let column = try #require(fixture.snapshot.table.column(field))
            let positions = good.rows.indices.filter { SegmentGate.key(column.value(at: good.rows[$0])) == value }
            let labels = positions.map { good.labels[$0] }
            let championAUC = ROCAUC.compute(scores: positions.map { good.probabilities[$0] }, labels: labels)
            let candidateAUC = ROCAUC.compute(scores: positions.map { worse.probabilities[$0] }, labels: labels)
            #expect(positions.count >= 200)
            #expect(abs(try #require(check.reference) - #require(championAUC)) < 1e-9)
            #expect(abs(try #require(check.value) - #require(candidateAUC)) < 1e-9)
            #expect(try #require(check.value) < #require(check.reference) - 0.05)
        }

        // The withheld inputs left the request schema: callers sending them would have to change.
        let operational = try #require(report.gate(.operational))
        for field in ["Demo_Requested__c", "Pricing_Page_Visits__c", "LeadSource"] {
            #expect(operational.check(named: "api_schema:\(field)")?.passed == false, "\(field)")
        }
        #expect(report.gate(.data)?.passed == true)
    }

    @Test func aBetterCandidatePasses() throws {
        let fixture = try GateFixture.get()
        let report = try GateEvaluator(settings: Self.settings()).evaluate(
            candidate: fixture.good, snapshot: fixture.snapshot, champion: fixture.worse)
        print(GateReportText.render(report))
        for gate in GateName.allCases {
            #expect(report.gate(gate)?.passed == true, "\(gate): \(report.gate(gate)?.failures.map(\.message) ?? [])")
        }
        #expect(report.passed)
        let prAUC = try #require(report.gate(.offline)?.check(named: "pr_auc"))
        #expect(try #require(prAUC.value) > #require(prAUC.reference))
        #expect(try #require(report.gate(.segments)).checks.count >= 3)
        // The good model takes fields the worse one did not: new optional fields, which callers may leave out.
        let schema = try #require(report.gate(.operational)?.check(named: "api_schema"))
        #expect(schema.passed && schema.message.contains("Demo_Requested__c"))
        // The stored form reads back equal.
        #expect(try GateReport.decode(try report.json()) == report)
    }

    @Test func aModelComparedWithItselfTiesOnEveryFigure() throws {
        let fixture = try GateFixture.get()
        let report = try GateEvaluator(settings: Self.settings()).evaluate(
            candidate: fixture.good, snapshot: fixture.snapshot, champion: fixture.good)
        for check in (report.gate(.offline)?.checks ?? []) + (report.gate(.segments)?.checks ?? []) {
            #expect(check.passed && check.value == check.reference, "\(check.name)")
        }
        // Read record by record through the contract, each lead scores exactly as training scored it.
        let expected = try fixture.testProbabilities(fixture.good)
        let leads = SnapshotLeads(snapshot: fixture.snapshot, rows: expected.rows)
        let compared = try ComparedLeads(leads: leads, candidate: fixture.good, champion: nil)
        #expect(compared.candidateReading.unreadable == 0)
        #expect(zip(compared.candidate, expected.probabilities).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    /// A champion whose contract reads a field as another type (here NumberOfEmployees as a checkbox)
    /// cannot read the leads that carry it: they are left out of the comparison and counted by field.
    @Test func leadsTheChampionsContractCannotReadAreLeftOutAndCounted() throws {
        let fixture = try GateFixture.get()
        var champion = fixture.good
        let index = try #require(champion.contract.fields.firstIndex { $0.name == "NumberOfEmployees" })
        champion.contract.fields[index].type = .boolean
        let report = try GateEvaluator(settings: Self.settings()).evaluate(
            candidate: fixture.good, snapshot: fixture.snapshot, champion: champion)
        let rows = fixture.snapshot.table.rows(in: .test)
        let column = try #require(fixture.snapshot.table.column("NumberOfEmployees"))
        // 0 and 1 read as a checkbox too; every other head count cannot.
        let carrying = rows.count { row in column.value(at: row).numeric.map { $0 != 0 && $0 != 1 } ?? false }
        #expect(carrying > 0 && report.comparedLeads == rows.count - carrying)
        let offline = try #require(report.gate(.offline))
        #expect(offline.notes.contains {
            $0.contains("the champion's contract could not read \(GateFormat.count(carrying)) of \(GateFormat.count(rows.count))")
                && $0.contains("NumberOfEmployees (not readable as boolean) \(GateFormat.count(carrying))")
        }, "\(offline.notes)")
        #expect(offline.check(named: "pr_auc")?.message.contains("\(GateFormat.count(rows.count - carrying)) identical test leads") == true)
        // Callers sending a checkbox there today would have their values refused by the candidate.
        #expect(report.gate(.operational)?.check(named: "api_schema:NumberOfEmployees")?.passed == false)
    }

    @Test func aBrokenInputFailsTheDataGate() throws {
        let fixture = try GateFixture.get()
        var champion = fixture.good
        var baseline = try #require(champion.baseline)
        // The champion learned LeadSource as almost all one value, and Industry (20% empty in the sample
        // org) as never missing: what a remapped picklist or a field dropped from the export looks like.
        let sourceIndex = try #require(baseline.fields.firstIndex { $0.name == "LeadSource" })
        var source = baseline.fields[sourceIndex]
        source.shares = source.shares.indices.map { $0 == 0 ? 0.97 : 0.03 / Double(source.shares.count - 1) }
        baseline.fields[sourceIndex] = source
        let industryIndex = try #require(baseline.fields.firstIndex { $0.name == "Industry" })
        baseline.fields[industryIndex].nullRate = 0
        champion.baseline = baseline
        var settings = Self.settings()
        settings.gates.maxNullRateIncrease = 0.1
        let report = try GateEvaluator(settings: settings).evaluate(
            candidate: fixture.good, snapshot: fixture.snapshot, champion: champion)
        let data = try #require(report.gate(.data))
        #expect(!data.passed)

        let table = fixture.snapshot.table
        let rows = table.rows(in: .train)
        var counts = BinCounts(for: source)
        for row in rows { counts.add(bin: source.bin(table.column("LeadSource")!.value(at: row))) }
        let psi = try #require(data.check(named: "input_psi:LeadSource"))
        let measured = try #require(psi.value)
        #expect(!psi.passed && abs(measured - DriftMeasures.psi(expected: source.shares, actual: counts.shares)) < 1e-12)
        let industry = try #require(data.check(named: "null_rate:Industry"))
        let missing = rows.count { table.column("Industry")!.value(at: $0).isMissing }
        let nullRate = try #require(industry.value)
        #expect(!industry.passed && industry.reference == 0 && industry.limit == 0.1)
        #expect(abs(nullRate - Double(missing) / Double(rows.count)) < 1e-12)
        // Inputs that did not change still pass, and the snapshot's own counts are reported as they are.
        #expect(data.check(named: "input_psi:Country")?.passed == true)
        let rejected = try #require(data.check(named: "rejected_share"))
        let counted = fixture.snapshot.manifest.counts
        #expect(rejected.value == Double(counted.rejected) / Double(counted.sourceRows))
    }

    /// An export with unreadable numbers and a picklist value the contract does not know: the snapshot
    /// keeps going (rows refused, values kept), and the data gate reports both with their counts.
    @Test func rejectedRowsAndUnknownPicklistValuesFailTheDataGate() throws {
        let fixture = try GateFixture.get()
        let reader = try CSVReader(url: fixture.org.appendingPathComponent("Lead.csv"))
        let employees = try #require(reader.header.firstIndex(of: "NumberOfEmployees"))
        let source = try #require(reader.header.firstIndex(of: "LeadSource"))
        let damaged = fixture.directory.appendingPathComponent("damaged-\(UUID().uuidString.prefix(8)).csv")
        let writer = try CSVWriter(url: damaged, header: reader.header)
        var rows = 0, broken = 0, renamed = 0
        while let record = try reader.next() {
            guard case let .row(row) = record else { continue }
            var values: [String?] = row.values
            if rows % 25 == 0 { values[employees] = "a few hundred"; broken += 1 }
            if rows % 10 == 1, !row.values[source].isEmpty { values[source] = "Billboard"; renamed += 1 }
            try writer.write(values)
            rows += 1
        }
        _ = try writer.finish()
        let contract = try GateFixture.contract(org: fixture.org)
        let snapshotURL = fixture.directory.appendingPathComponent("damaged-snapshot-\(UUID().uuidString.prefix(8))")
        let exportTime = SampleOrgGenerator.exportTime.timeIntervalSince1970
        _ = try SnapshotBuilder.build(SnapshotRequest(
            source: CSVFileSource(url: damaged), contract: contract, contractText: ContractWriter.yaml(contract), to: exportTime,
            asOf: exportTime, salt: try PIISalt(secret: "a-test-salt-that-is-long-enough")), to: snapshotURL)
        let snapshot = try Snapshot.open(snapshotURL)

        let data = DataGate.evaluate(snapshot: snapshot, candidate: fixture.good, champion: nil, settings: GateSettings())
        #expect(!data.passed)
        let rejected = try #require(data.check(named: "rejected_share"))
        #expect(!rejected.passed && rejected.value == Double(broken) / Double(rows) && rejected.limit == 0.02)
        #expect(rejected.message.contains("\(GateFormat.count(broken)) of \(GateFormat.count(rows)) source rows")
            && rejected.message.contains("NumberOfEmployees \(GateFormat.count(broken))"), "\(rejected.message)")
        let unexpected = try #require(data.check(named: "unexpected_values:LeadSource"))
        let column = try #require(snapshot.table.column("LeadSource"))
        let kept = (0..<snapshot.table.rowCount).map { column.value(at: $0) }
        let present = kept.count { !$0.isMissing }, billboards = kept.count { $0 == .text("Billboard") }
        #expect(billboards > 0 && billboards < renamed)
        #expect(!unexpected.passed && unexpected.value == Double(billboards) / Double(present))
        #expect(unexpected.message.contains("'Billboard'"))
        #expect(data.check(named: "unexpected_values:Industry")?.passed == true)
    }

    @Test func anUnreachableLatencyBudgetFailsTheOperationalGate() throws {
        let fixture = try GateFixture.get()
        var settings = Self.settings()
        settings.gates.latencyP95Milliseconds = 0.000_001
        let report = try GateEvaluator(settings: settings, batchSize: 20).evaluate(
            candidate: fixture.good, snapshot: fixture.snapshot, champion: nil)
        let operational = try #require(report.gate(.operational))
        let single = try #require(operational.check(named: "latency_p95_ms"))
        #expect(!single.passed && single.limit == 0.000_001 && (single.value ?? 0) > 0.000_001)
        #expect(operational.check(named: "batch_latency_p95_ms")?.passed == true)
        #expect(single.message.contains("50 test leads"))
        // Without a champion the comparisons have nothing to judge and say so.
        #expect(report.gate(.offline)?.checks.isEmpty == true && report.gate(.offline)?.passed == true)
        #expect(report.gate(.offline)?.notes.contains { $0.contains("no production model") } == true)
        print(single.message)
    }
}
