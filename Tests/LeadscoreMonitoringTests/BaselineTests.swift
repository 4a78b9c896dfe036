import Foundation
@testable import LeadscoreData
@testable import LeadscoreModels
import Testing

/// The monitoring baseline a model bundle carries: decile edges as numpy computes them
/// (scripts/fixtures/make_monitoring_fixtures.py), the bin layout, the categorical level rule, the
/// quality flags, score bands and tier mix, and its JSON.
struct BaselineTests {
    private static func numericTable(_ name: String, _ values: [Double], type: FieldType = .number) -> LeadTable {
        LeadTable(rowCount: values.count, columns: [(name, .numeric(NumericColumn(type: type, values: values)))])
    }

    private static func textTable(_ name: String, _ values: [String], type: FieldType = .picklist) -> LeadTable {
        var builder = LeadTableBuilder(columns: [(name: name, type: type)])
        for value in values { builder.append([value]) }
        return builder.build()
    }

    private static func baseline(_ table: LeadTable, _ name: String, rows: [Int]? = nil) throws -> FieldBaseline {
        let built = try MonitoringBaseline.build(table: table, rows: rows ?? Array(0..<table.rowCount), fields: [name],
                                                 probabilities: [0.5], tiers: { _ in "B" })
        return try #require(built.field(named: name))
    }

    @Test(arguments: MonitoringFixtures.baselineCaseNames)
    func decileEdgesAndCountsMatchNumpy(caseName: String) throws {
        let reference = try MonitoringFixtures.baseline(caseName)
        let values = reference.values.map { $0 ?? .nan }
        let field = try Self.baseline(Self.numericTable("Amount", values), "Amount")
        #expect(field.kind == .numeric)
        #expect(field.edges == reference.numpy_edges, "\(caseName)")
        let counts = reference.numpy_counts.map { Double($0) / Double(values.count) }
        #expect(field.shares == counts, "\(caseName)")
        #expect(field.minimum == reference.minimum)
        #expect(field.maximum == reference.maximum)
        #expect(field.nullRate == counts.last)
        #expect(abs(field.shares.reduce(0, +) - 1) < 1e-12)
        #expect(reference.probes.map { field.bin(.number($0)) } == reference.probe_bins, "\(caseName)")
    }

    /// The selection behind the decile edges against a plain sort, on sizes and tie patterns the numpy
    /// fixture does not cover (runs of equal values, sorted and reversed input).
    @Test func orderStatisticsAgreeWithSorting() {
        var random = BootstrapInterval.SplitMix64(seed: 7)
        let inputs: [[Double]] = [
            (0..<5_000).map { _ in Double(random.next() % 1_000) / 7 },
            (0..<4_001).map { _ in Double(random.next() % 3) },
            (0..<3_000).map { Double($0) },
            (0..<3_000).map { Double(-$0) },
            [2, 2, 2, 1],
        ]
        for input in inputs {
            let sorted = input.sorted()
            let positions = [0, 1, input.count / 3, input.count / 3, input.count / 2, input.count - 2, input.count - 1]
            var values = input
            #expect(OrderStatistics.select(positions, in: &values) == positions.map { sorted[$0] })
            #expect(values.sorted() == sorted, "the values are only reordered")
        }
    }

    @Test func valuesOnAnEdgeGoToTheLowerBin() {
        let field = FieldBaseline(name: "Employees", kind: .numeric, edges: [10, 50], minimum: 1, maximum: 900,
                                  shares: [0.4, 0.3, 0.2, 0.1], nullRate: 0.1)
        #expect(field.binCount == 4)
        #expect(field.bin(.number(-3)) == 0)
        #expect(field.bin(.number(10)) == 0)
        #expect(field.bin(.number(10.000001)) == 1)
        #expect(field.bin(.number(50)) == 1)
        #expect(field.bin(.number(51)) == 2)
        #expect(field.bin(.number(1e9)) == 2)
        #expect(field.bin(.missing) == 3)
        #expect(field.bin(.number(.nan)) == 3)
        #expect(field.bin(.text("many")) == 3, "text in a numeric field counts as missing")
        #expect(field.missingBin == 3)
    }

    @Test func outOfRangeIsOutsideTheTrainingMinimumAndMaximum() {
        let field = FieldBaseline(name: "Employees", kind: .numeric, edges: [10], minimum: 1, maximum: 900,
                                  shares: [0.5, 0.5, 0], nullRate: 0)
        #expect(field.isOutOfRange(.number(0.5)))
        #expect(field.isOutOfRange(.number(900.5)))
        #expect(!field.isOutOfRange(.number(1)))
        #expect(!field.isOutOfRange(.number(900)))
        #expect(!field.isOutOfRange(.missing))
        #expect(!field.isUnseen(.number(5_000)), "numbers are never unseen, only out of range")
    }

    @Test func aFlagGetsTwoValueBinsAndBinsItsBooleans() throws {
        let values = (0..<200).map { $0 % 4 == 0 ? 1.0 : 0 } + [.nan, .nan]
        let field = try Self.baseline(Self.numericTable("HasPhone", values, type: .boolean), "HasPhone")
        #expect(field.edges == [0])
        #expect(field.binCount == 3)
        #expect(field.shares == [150, 50, 2].map { $0 / 202.0 })
        #expect(field.bin(.bool(false)) == 0)
        #expect(field.bin(.bool(true)) == 1)
        #expect(field.bin(.missing) == 2)
        #expect(!field.isOutOfRange(.bool(true)))
    }

    @Test func onlyTheGivenRowsAreDescribed() throws {
        let table = Self.numericTable("Amount", [1, 2, 3, 4, 1_000, .nan])
        let field = try Self.baseline(table, "Amount", rows: [0, 1, 2, 3])
        #expect(field.maximum == 4)
        #expect(field.nullRate == 0)
        #expect(field.isOutOfRange(.number(1_000)))
    }

    @Test func categoricalKeepsTheTopTwentyLevelsWithAtLeastOnePercent() throws {
        // 25 levels: L00…L23 with 60 down to 14 leads, then "Rare" with 9 (below 1% of 1 000 present values).
        var values: [String] = []
        for level in 0..<24 { values += Array(repeating: String(format: "L%02d", level), count: 60 - 2 * level) }
        values += Array(repeating: "Rare", count: 9)
        values += Array(repeating: "", count: 1_000 - values.count)
        // Two more levels with as many leads as L19 (22), so three tie for the twentieth bin.
        values += Array(repeating: "A-tie", count: 22) + Array(repeating: "Z-tie", count: 22)
        let present = values.filter { !$0.isEmpty }.count
        let field = try Self.baseline(Self.textTable("Industry", values), "Industry")

        #expect(field.kind == .categorical)
        #expect(field.levels.count == FieldBaseline.maximumLevels)
        #expect(field.levels.prefix(3) == ["L00", "L01", "L02"])
        // L00…L18 take 19 bins; L19, A-tie and Z-tie tie at 22 leads for the last one: the name decides.
        #expect(field.levels.suffix(2) == ["L18", "A-tie"])
        #expect(!field.levels.contains("L19") && !field.levels.contains("Z-tie") && !field.levels.contains("Rare"))
        #expect(field.binCount == 22)
        let pooled = values.filter { !$0.isEmpty && !field.levels.contains($0) }.count
        #expect(abs(field.shares[20] - Double(pooled) / Double(values.count)) < 1e-15)
        #expect(field.nullRate == Double(values.count - present) / Double(values.count))
        #expect(abs(field.shares.reduce(0, +) - 1) < 1e-12)
        #expect(field.knownValuesComplete)
        #expect(field.knownValues.count == 27)
    }

    @Test func aLevelNeedsOnePercentOfPresentValues() throws {
        // 200 present values: 2 leads is exactly 1% and keeps its bin; 1 lead does not.
        let values = Array(repeating: "Web", count: 197) + ["Event", "Event", "Fax"] + Array(repeating: "", count: 300)
        let field = try Self.baseline(Self.textTable("LeadSource", values), "LeadSource")
        #expect(field.levels == ["Web", "Event"])
        #expect(field.shares == [197, 2, 1, 300].map { $0 / 500.0 })
    }

    @Test func otherPoolsSeenValuesAndUnseenMeansNeverSeen() throws {
        let values = Array(repeating: "Web", count: 300) + ["Fax"] + ["Web"]
        let table = Self.textTable("LeadSource", values + ["Podcast"])
        let field = try Self.baseline(table, "LeadSource", rows: Array(values.indices))
        #expect(field.levels == ["Web"])
        #expect(field.bin(.text("Web")) == 0)
        #expect(field.bin(.text("Fax")) == 1, "seen in training but pooled: other")
        #expect(!field.isUnseen(.text("Fax")))
        #expect(field.bin(.text("Podcast")) == 1, "never seen: other too")
        #expect(field.isUnseen(.text("Podcast")), "a level of the table outside the training rows is unseen")
        #expect(field.bin(.missing) == 2)
        #expect(field.bin(.text("")) == 2)
        #expect(!field.isUnseen(.missing))
        #expect(!field.isOutOfRange(.text("Podcast")))
    }

    @Test func tooManyKnownValuesMeansUnseenCannotBeJudged() throws {
        let values = (0...FieldBaseline.maximumKnownValues).map { "Company \($0)" }
        let field = try Self.baseline(Self.textTable("Company", values, type: .string), "Company")
        #expect(!field.knownValuesComplete)
        #expect(field.knownValues.isEmpty)
        #expect(!field.isUnseen(.text("Never seen Inc.")))
        #expect(field.levels.isEmpty, "no value reaches 1%")
        #expect(field.shares == [1, 0])
    }

    @Test func multiSelectChoicesAreKnownOneByOne() throws {
        let values = Array(repeating: "Email;Phone", count: 50) + Array(repeating: "SMS", count: 50)
        let field = try Self.baseline(Self.textTable("Channels", values, type: .multipicklist), "Channels")
        #expect(field.multiSelect)
        #expect(field.knownValues == ["Email", "Phone", "SMS"])
        #expect(field.levels == ["Email;Phone", "SMS"])
        #expect(!field.isUnseen(.text("Phone;SMS")), "a new combination of known choices")
        #expect(field.bin(.text("Phone;SMS")) == 2)
        #expect(field.isUnseen(.text("SMS;Fax")))
    }

    @Test func scoreBandsAndTierMixComeFromTheProbabilities() throws {
        let table = Self.numericTable("Amount", [1, 2])
        let probabilities = [0.0, 0.094, 0.1, 0.5, 0.95, 1.0, 0.3, 0.31]
        let baseline = try MonitoringBaseline.build(
            table: table, rows: [0, 1], fields: ["Amount", "Amount"], probabilities: probabilities,
            tiers: { $0 >= 0.5 ? "A" : "C" })
        #expect(baseline.fields.map(\.name) == ["Amount"], "duplicates are ignored")
        #expect(baseline.rows == 2)
        #expect(baseline.scoredLeads == 8)
        // Scores 0, 9, 10, 50, 95, 100, 30, 31 → bands 0, 0, 1, 5, 9, 9, 3, 3.
        #expect(baseline.scoreBands == [0.25, 0.125, 0, 0.25, 0, 0.125, 0, 0, 0, 0.25])
        #expect(baseline.tierMix == ["A": 0.375, "C": 0.625])
        #expect(MonitoringBaseline.scoreBand(score: 100) == 9)
        #expect(MonitoringBaseline.scoreBand(score: 89) == 8)
        #expect(MonitoringBaseline.scoreBand(score: -4) == 0)
    }

    @Test func buildRefusesWhatCannotMakeABaseline() {
        let table = Self.numericTable("Amount", [1, 2])
        #expect(throws: MonitoringBaselineError.noTrainingRows) {
            try MonitoringBaseline.build(table: table, rows: [], fields: ["Amount"], probabilities: [0.5], tiers: { _ in "B" })
        }
        #expect(throws: MonitoringBaselineError.noScores) {
            try MonitoringBaseline.build(table: table, rows: [0], fields: ["Amount"], probabilities: [], tiers: { _ in "B" })
        }
        #expect(throws: MonitoringBaselineError.unknownColumn(name: "Revenue", available: ["Amount"])) {
            try MonitoringBaseline.build(table: table, rows: [0], fields: ["Revenue"], probabilities: [0.5], tiers: { _ in "B" })
        }
        do {
            _ = try MonitoringBaseline.build(table: table, rows: [0], fields: ["Amount"], probabilities: [0.2, .nan], tiers: { _ in "B" })
            Issue.record("a NaN probability was accepted")
        } catch let error as MonitoringBaselineError {
            #expect(error.description.contains("position 1"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func jsonRoundTripsAndRefusesInconsistentBins() throws {
        var builder = LeadTableBuilder(columns: [(name: "Amount", type: .number), (name: "LeadSource", type: .picklist)])
        for index in 0..<500 { builder.append([index % 7 == 0 ? "" : String(index * 3), ["Web", "Event", "", "Partner"][index % 4]]) }
        let baseline = try MonitoringBaseline.build(
            table: builder.build(), rows: Array(0..<500), fields: ["LeadSource", "Amount"],
            probabilities: (0..<100).map { Double($0) / 100 }, tiers: { $0 > 0.7 ? "A" : "B" })
        #expect(baseline.fields.map(\.name) == ["LeadSource", "Amount"])
        for field in baseline.fields { #expect(abs(field.shares.reduce(0, +) - 1) < 1e-12) }
        let encoded = try JSONEncoder().encode(baseline)
        #expect(try JSONDecoder().decode(MonitoringBaseline.self, from: encoded) == baseline)

        var broken = baseline
        broken.fields[1].shares.removeLast()
        do {
            _ = try JSONDecoder().decode(MonitoringBaseline.self, from: try JSONEncoder().encode(broken))
            Issue.record("a baseline with a share missing was accepted")
        } catch let DecodingError.dataCorrupted(context) {
            #expect(context.debugDescription.contains("field Amount"))
            #expect(context.debugDescription.contains("shares"))
        }
        var unordered = baseline
        unordered.fields[1].edges.reverse()
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(MonitoringBaseline.self, from: try JSONEncoder().encode(unordered))
        }
    }
}
