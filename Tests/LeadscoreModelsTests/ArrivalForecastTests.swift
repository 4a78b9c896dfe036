import Foundation
import Testing
@testable import LeadscoreData
@testable import LeadscoreModels

/// The SLA-impact forecast: each weekday-hour slot is divided by the exact number of times it
/// occurred, slots are local time (DST included), and empty or lopsided inputs render sensibly.
struct ArrivalForecastTests {
    static func date(_ text: String) -> Date {
        Date(timeIntervalSince1970: SalesforceDate.parse(text)!)
    }

    static func zone(_ identifier: String) -> TimeZone {
        TimeZone(identifier: identifier)!
    }

    /// Slot counts by plain arithmetic on UTC hours (1970-01-01 was a Thursday): an oracle that
    /// shares no code with the Calendar walk.
    static func utcOccurrences(from first: Date, to last: Date) -> [[Int]] {
        var grid = Array(repeating: Array(repeating: 0, count: 24), count: 7)
        let firstHour = Int((first.timeIntervalSince1970 / 3_600).rounded(.down))
        let lastHour = Int((last.timeIntervalSince1970 / 3_600).rounded(.down))
        for hour in firstHour...lastHour {
            grid[(hour / 24 + 3) % 7][hour % 24] += 1
        }
        return grid
    }

    @Test func threeMondayMorningsInTwoWeeksAreOneLeadAnHour() throws {
        let arrivals: [(at: Date, tier: String)] = [
            (Self.date("2024-06-03T09:10:00Z"), "A"), (Self.date("2024-06-10T09:20:00Z"), "A"),
            (Self.date("2024-06-17T09:30:00Z"), "A"), (Self.date("2024-06-04T14:05:00Z"), "B"),
        ]
        let forecast = ArrivalForecast(arrivals: arrivals, tiers: ["A", "B"], timeZone: Self.zone("UTC"))
        #expect(forecast.leads == 4)
        #expect(forecast.slotOccurrences[0][9] == 3, "Mondays 3, 10 and 17 June at 09:00")
        #expect(forecast.slotOccurrences[0][10] == 2, "the span ends at 09:30 on the third Monday")
        #expect(forecast.slotOccurrences[0][8] == 2, "the span starts at 09:10 on the first Monday")
        #expect(forecast.slotOccurrences[1][14] == 2 && forecast.slotOccurrences[6][0] == 2)
        let hoursWalked = forecast.slotOccurrences.joined().reduce(0, +)
        #expect(hoursWalked == 337, "09:00 on 3 June to 09:00 on 17 June, both ends counted")
        let span: Double = 14 * 86_400 + 20 * 60
        #expect(forecast.weeks == span / 604_800)
        #expect(forecast.firstArrival == "2024-06-03 09:10" && forecast.lastArrival == "2024-06-17 09:30")

        let a = forecast.tiers[0], b = forecast.tiers[1]
        #expect(a.name == "A" && a.total == 3 && b.name == "B" && b.total == 1)
        #expect(a.perSlot[0][9] == 1.0)
        #expect(a.perSlot.joined().filter { $0 != 0 }.count == 1)
        #expect(b.perSlot[1][14] == 0.5)
        #expect(a.perWeek == 3 / forecast.weeks)
        #expect(a.peak == ArrivalForecast.Slot(weekday: 0, hour: 9, expected: 1.0))
        #expect(b.peak == ArrivalForecast.Slot(weekday: 1, hour: 14, expected: 0.5))
        #expect(a.expected(hour: 9, weekdays: 0...4) == 0.2)
        #expect(abs(a.perHour - 1.0 / 168) < 1e-12)
    }

    @Test func slotCountsMatchPlainHourArithmeticInUTC() {
        var state: UInt64 = 42
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        let start = Self.date("2024-01-05T17:42:13Z").timeIntervalSince1970
        let arrivals = (0..<500).map { _ in
            (at: Date(timeIntervalSince1970: start + next() * 37 * 86_400), tier: next() < 0.2 ? "A" : "B")
        }
        let forecast = ArrivalForecast(arrivals: arrivals, tiers: ["A", "B"], timeZone: Self.zone("UTC"))
        let times = arrivals.map(\.at)
        #expect(forecast.slotOccurrences == Self.utcOccurrences(from: times.min()!, to: times.max()!))
        for tier in forecast.tiers {
            var recovered = 0.0
            for weekday in 0..<7 {
                for hour in 0..<24 { recovered += tier.perSlot[weekday][hour] * Double(forecast.slotOccurrences[weekday][hour]) }
            }
            #expect(abs(recovered - Double(tier.total)) < 1e-9)
        }
        #expect(forecast.tiers.map(\.total).reduce(0, +) == 500)
    }

    @Test func slotsAreLocalTimeInTheGivenZone() {
        // Sunday 9 June 2024, 23:30 UTC.
        let arrival = [(at: Self.date("2024-06-09T23:30:00Z"), tier: "A")]
        let cases: [(zone: String, weekday: Int, hour: Int)] = [
            ("UTC", 6, 23),
            ("Europe/Berlin", 0, 1),     // CEST, UTC+2: Monday 01:30
            ("America/New_York", 6, 19), // EDT, UTC−4: Sunday 19:30
            ("Asia/Kolkata", 0, 5),      // IST, UTC+5:30: Monday 05:00
        ]
        for (zone, weekday, hour) in cases {
            let forecast = ArrivalForecast(arrivals: arrival, tiers: ["A"], timeZone: Self.zone(zone))
            #expect(forecast.timeZoneIdentifier == zone)
            #expect(forecast.tiers[0].peak == ArrivalForecast.Slot(weekday: weekday, hour: hour, expected: 1), "\(zone)")
            #expect(forecast.weeks == 1.0 / 7, "a single arrival counts as one day")
            #expect(abs(forecast.tiers[0].perWeek - 7) < 1e-9)
        }
    }

    @Test func clocksGoingForwardSkipAnHourAndGoingBackRepeatIt() {
        let berlin = Self.zone("Europe/Berlin")
        // 31 March 2024: 02:00 CET jumps to 03:00 CEST. 09:15 local on both sides lands in hour 9.
        let spring = ArrivalForecast(arrivals: [
            (Self.date("2024-03-30T08:15:00Z"), "A"), (Self.date("2024-03-31T01:30:00Z"), "A"),
            (Self.date("2024-04-01T07:15:00Z"), "A"),
        ], tiers: ["A"], timeZone: berlin)
        #expect(spring.slotOccurrences[6][2] == 0, "Sunday 02:00–03:00 never happened")
        #expect(spring.slotOccurrences[6][3] == 1)
        #expect(spring.tiers[0].perSlot[6][3] == 1, "01:30 UTC is 03:30 CEST")
        #expect(spring.tiers[0].perSlot[5][9] == 1 && spring.tiers[0].perSlot[0][9] == 1)
        #expect(spring.slotOccurrences.joined().reduce(0, +) == 48, "Sat 09:00 to Mon 09:00 on the wall, both ends counted, less the hour skipped")

        // 27 October 2024: 03:00 CEST falls back to 02:00 CET, so 02:00–03:00 happens twice.
        let autumn = ArrivalForecast(arrivals: [
            (Self.date("2024-10-26T12:00:00Z"), "A"), (Self.date("2024-10-27T00:30:00Z"), "A"),
            (Self.date("2024-10-27T01:30:00Z"), "A"), (Self.date("2024-10-28T12:00:00Z"), "A"),
        ], tiers: ["A"], timeZone: berlin)
        #expect(autumn.slotOccurrences[6][2] == 2)
        #expect(autumn.tiers[0].perSlot[6][2] == 1, "two arrivals in an hour that occurred twice")
        #expect(autumn.slotOccurrences.joined().reduce(0, +) == 49)
        #expect(autumn.tiers[0].peak == ArrivalForecast.Slot(weekday: 0, hour: 13, expected: 1),
                "Mon 13:00, Sat 14:00 and Sun 02:00 tie; the earliest in the week wins")
    }

    @Test func everyArrivalLandsInACountedSlotInUnusualZones() {
        let start = Self.date("2024-01-01T00:00:00Z").timeIntervalSince1970
        let arrivals = (0..<400).map { (at: Date(timeIntervalSince1970: start + Double($0) * 79_213), tier: "A") }
        for zone in ["Australia/Lord_Howe", "America/St_Johns", "Asia/Kathmandu", "Pacific/Chatham"] {
            let forecast = ArrivalForecast(arrivals: arrivals, tiers: ["A"], timeZone: Self.zone(zone))
            var recovered = 0.0
            for weekday in 0..<7 {
                for hour in 0..<24 {
                    recovered += forecast.tiers[0].perSlot[weekday][hour] * Double(forecast.slotOccurrences[weekday][hour])
                }
            }
            #expect(abs(recovered - 400) < 1e-9, "\(zone)")
            let hours = (arrivals.last!.at.timeIntervalSince(arrivals[0].at)) / 3_600
            #expect(abs(Double(forecast.slotOccurrences.joined().reduce(0, +)) - hours) <= 2, "\(zone)")
        }
    }

    @Test func noArrivalsGiveZerosAndSayso() {
        let forecast = ArrivalForecast(arrivals: [], tiers: ["Hot", "Cold"], timeZone: Self.zone("UTC"))
        #expect(forecast.isEmpty && forecast.leads == 0 && forecast.weeks == 0)
        #expect(forecast.tiers.map(\.name) == ["Hot", "Cold"])
        #expect(forecast.tiers.allSatisfy { $0.total == 0 && $0.perWeek == 0 && $0.peak == nil && $0.perHour == 0 })
        for text in [forecast.text(), forecast.markdown()] {
            #expect(text.contains("No arrivals"))
            #expect(!text.contains("nan") && !text.contains("n/a"))
        }
    }

    @Test func tiersKeepThePolicyOrderAndUnknownTiersComeLast() {
        let arrivals: [(at: Date, tier: String)] = [
            (Self.date("2024-06-03T10:00:00Z"), "Cold"), (Self.date("2024-06-04T10:00:00Z"), "Partner"),
            (Self.date("2024-06-05T10:00:00Z"), "Warm"),
        ]
        let forecast = ArrivalForecast(arrivals: arrivals, tiers: ["Hot", "Warm", "Cold", "Warm"], timeZone: Self.zone("UTC"))
        #expect(forecast.tiers.map(\.name) == ["Hot", "Warm", "Cold", "Partner"], "a repeated tier name is listed once")
        #expect(forecast.tiers.map(\.total) == [0, 1, 1, 1])
        #expect(forecast.tiers[0].peak == nil)
        let text = forecast.text()
        #expect(text.contains("  Hot      no arrivals"))
        #expect(text.contains("Expected leads of tier Hot in each hour of a typical week:"))
    }

    @Test func textAndMarkdownCarryTheSameFigures() throws {
        let arrivals: [(at: Date, tier: String)] = [
            (Self.date("2024-06-03T09:10:00Z"), "A"), (Self.date("2024-06-10T09:20:00Z"), "A"),
            (Self.date("2024-06-17T09:30:00Z"), "A"), (Self.date("2024-06-08T14:05:00Z"), "B"),
        ]
        let forecast = ArrivalForecast(arrivals: arrivals, tiers: ["A", "B"], timeZone: Self.zone("UTC"))
        let text = forecast.text()
        #expect(text.contains("from 4 leads that arrived between 2024-06-03 09:10 and 2024-06-17 09:30 (2.0 weeks)"))
        #expect(text.contains("  A  1.5 a week · 0.01 an hour on average · peak Mon 09:00–10:00 1.00 leads"))
        #expect(text.contains("  B  0.5 a week · 0.00 an hour on average · peak Sat 14:00–15:00 0.50 leads"))
        let lines = text.components(separatedBy: "\n")
        let header = try #require(lines.firstIndex { $0.hasPrefix("Hour") && $0.contains("A weekday") })
        #expect(lines[header] == "Hour         A weekday  A weekend  B weekday  B weekend")
        #expect(lines[header + 10] == "09:00–10:00       0.20       0.00       0.00       0.00")
        #expect(lines[header + 24].hasPrefix("23:00–24:00"))
        #expect(lines.allSatisfy { !$0.hasSuffix(" ") })

        let markdown = forecast.markdown()
        #expect(markdown.contains("| Tier | Leads | Per week | Per hour on average | Busiest hour | Leads in it |"))
        #expect(markdown.contains("| A | 3 | 1.5 | 0.01 | Mon 09:00–10:00 | 1.00 |"))
        #expect(markdown.contains("| 09:00–10:00 | 0.20 | 0.00 | 0.00 | 0.00 |"))
        #expect(markdown.contains("| 14:00–15:00 | 0.00 | 0.00 | 0.00 | 0.25 |"))
        #expect(markdown.contains("| **09:00–10:00** | **1.00** | **0.00** |"), "the top tier's busiest hour is bold")
    }

    @Test func forecastRoundTripsAndOldEvaluationsStillDecode() throws {
        let forecast = ArrivalForecast(arrivals: [(Self.date("2024-06-03T09:10:00Z"), "A")], tiers: ["A", "B"],
                                       timeZone: Self.zone("Europe/Berlin"))
        let decoded = try JSONDecoder().decode(ArrivalForecast.self, from: JSONEncoder().encode(forecast))
        #expect(decoded == forecast)

        let old = ModelCardFixture.evaluation()
        let json = String(decoding: try JSONEncoder().encode(old), as: UTF8.self)
        #expect(!json.contains("arrivalForecast"), "an evaluation without a forecast encodes as before")
        let reloaded = try JSONDecoder().decode(ModelEvaluation.self, from: Data(json.utf8))
        #expect(reloaded.arrivalForecast == nil && reloaded == old)
    }
}

/// The model card's SLA-impact section: present for a trained model (UTC, test leads, the policy's
/// tiers), well-formed in HTML, and a one-line note when the evaluation has no forecast.
struct ArrivalForecastModelCardTests {
    static let title = "SLA impact: expected leads per tier by hour and weekday"

    @Test func aTrainedModelCardShowsTheTestLeadsByTierAndHour() throws {
        let org = try TrainedSampleOrg.shared.get()
        let evaluation = org.bundle.evaluation
        let forecast = try #require(evaluation.arrivalForecast, "\(evaluation.arrivalForecastNote ?? "no note")")
        #expect(evaluation.arrivalForecastNote == nil)
        #expect(forecast.timeZoneIdentifier == "UTC")
        #expect(forecast.leads == org.snapshot.table.rows(in: .test).count)
        #expect(forecast.tiers.map(\.name) == org.bundle.policy.tiers.map(\.name))
        #expect(forecast.tiers.map(\.total) == evaluation.tiers.map(\.count), "the same test leads as the tier table")
        // The sample org's leads arrive mostly on working days around 16:30 UTC.
        let busiest = try #require(forecast.tiers.max { $0.total < $1.total }?.peak)
        #expect((0...4).contains(busiest.weekday) && (12...21).contains(busiest.hour), "\(busiest)")

        let markdown = ModelCardMarkdown.render(evaluation, header: ModelCardFixture.header)
        #expect(markdown.contains("\n## \(Self.title)\n"))
        #expect(markdown.contains("Times are UTC."))
        #expect(markdown.contains("| Tier | Leads | Per week | Per hour on average | Busiest hour | Leads in it |"))
        let html = ModelCardHTML.render(evaluation, header: ModelCardFixture.header)
        #expect(html.contains("<section id=\"sla-impact\">\n<h2>\(Self.title)</h2>"))
        #expect(html.contains("<th class=\"num\">\(forecast.tiers[0].name) weekday</th>"))
        #expect(ModelCardTests.parsesAsXML(html))
    }

    @Test func theSectionSitsAfterTheTiersAndEscapesTierNames() throws {
        var evaluation = ModelCardFixture.evaluation()
        let monday = Date(timeIntervalSince1970: SalesforceDate.parse("2024-06-03T09:10:00Z")!)
        evaluation.arrivalForecast = ArrivalForecast(
            arrivals: [(monday, "A"), (monday.addingTimeInterval(7 * 86_400), "<b>&")], tiers: ["A", "B"],
            timeZone: TimeZone(identifier: "UTC")!)
        let html = ModelCardTests.html(evaluation)
        let tiers = try #require(html.range(of: "<h2>Tiers</h2>"))
        let impact = try #require(html.range(of: "<h2>\(Self.title)</h2>"))
        let drivers = try #require(html.range(of: "<h2>What drives the score</h2>"))
        #expect(tiers.lowerBound < impact.lowerBound && impact.lowerBound < drivers.lowerBound)
        #expect(html.contains("<a href=\"#sla-impact\">"))
        #expect(html.contains("&lt;b&gt;&amp; weekday") && !html.contains("<b>&"))
        #expect(ModelCardTests.parsesAsXML(html))
        #expect(ModelCardTests.svgBlocks(html).count == 7, "tables only, no new chart")
        let markdown = ModelCardMarkdown.render(evaluation, header: ModelCardFixture.header)
        #expect(markdown.contains("| A | 1 | 1.0 | 0.00 | Mon 09:00–10:00 | 0.50 |"), "Mondays 3 and 10 June at 09:00, one lead")
        #expect(markdown.contains("| &lt;b>& | 1 | 1.0 | 0.00 | Mon 09:00–10:00 | 0.50 |"))
        #expect(!markdown.contains("<b>"))
    }

    @Test func withoutAForecastTheCardSaysWhyInOneLine() {
        var evaluation = ModelCardFixture.evaluation()
        let old = ModelCardMarkdown.render(evaluation, header: ModelCardFixture.header)
        #expect(old.contains("## \(Self.title)\n\nNot recorded: this bundle was trained before leadscore forecast arrivals by hour; retrain to see it.\n"))
        evaluation.arrivalForecastNote = "CreatedDate holds days without a time of day, so arrivals by hour cannot be shown."
        let html = ModelCardTests.html(evaluation)
        #expect(html.contains("<h2>\(Self.title)</h2>\n<p class=\"empty\">CreatedDate holds days without a time of day"))
        #expect(!html.contains("Per hour on average"))
        let markdown = ModelCardMarkdown.render(evaluation, header: ModelCardFixture.header)
        #expect(markdown.contains("## \(Self.title)\n\nCreatedDate holds days without a time of day"))
    }

    /// The builder on a small sample org, without training: tiers come from the given probabilities,
    /// and creation values cut to the day give the one-line note instead of a forecast.
    @Test func theBuilderUsesTheTestLeadsAndNoticesDateOnlyCreation() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("leadscore-arrivals-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: directory) }
        let org = directory.appendingPathComponent("org")
        _ = try SampleOrgGenerator(leads: 3_000, seed: 5).write(to: org)
        let leads = org.appendingPathComponent("Lead.csv"), daysOnly = org.appendingPathComponent("LeadDays.csv")
        let reader = try CSVReader(url: leads)
        let created = try #require(reader.header.firstIndex(of: "CreatedDate"))
        let writer = try CSVWriter(url: daysOnly, header: reader.header)
        while let record = try reader.next() {
            guard case var .row(row) = record else { continue }
            row.values[created] = String(row.values[created].prefix(10))
            try writer.write(row.values)
        }
        _ = try writer.finish()

        let policy = ScoringPolicy(
            tiers: [TierThreshold(name: "A", label: "Hot", minProbability: 0.5, route: "SDR queue"),
                    TierThreshold(name: "B", label: "Rest", minProbability: 0, route: "Nurture")],
            overrides: [], explanations: ExplanationSettings(),
            confidence: ConfidenceReference(fieldWeights: [:], knownValues: [:], borderlineDistance: 0.02))
        func forecast(_ file: URL, name: String) throws -> (forecast: ArrivalForecast?, note: String?, testLeads: Int) {
            let snapshot = try Self.snapshot(org: org, leads: file, to: directory.appendingPathComponent(name))
            let data = try TrainingData(snapshot: snapshot, minimumTrainPositives: 1)
            let builder = EvaluationBuilder(data: data, config: TrainingConfig(),
                                            champion: .rules(DefaultRules.make(contract: snapshot.contract)))
            let testLeads = data.rows[.test]!.count
            let probabilities = (0..<testLeads).map { $0 % 4 == 0 ? 0.7 : 0.1 }
            let result = builder.arrivalForecast(probabilities: probabilities, policy: policy)
            return (result.forecast, result.note, testLeads)
        }

        let full = try forecast(leads, name: "snapshot")
        let arrivals = try #require(full.forecast)
        #expect(full.note == nil && arrivals.timeZoneIdentifier == "UTC")
        #expect(arrivals.leads == full.testLeads)
        #expect(arrivals.tiers.map(\.name) == ["A", "B"])
        #expect(arrivals.tiers.map(\.total) == [(full.testLeads + 3) / 4, full.testLeads - (full.testLeads + 3) / 4])

        let days = try forecast(daysOnly, name: "snapshot-days")
        #expect(days.forecast == nil)
        #expect(days.note?.hasPrefix("CreatedDate holds days without a time of day") == true)
    }

    static func snapshot(org: URL, leads: URL, to destination: URL) throws -> Snapshot {
        let describe = try SalesforceDescribe.decode(try Data(contentsOf: org.appendingPathComponent("describe.json")),
                                                     source: "describe.json")
        let contract = ContractDrafter.draft(fromDescribe: describe, name: "arrivals").contract
        let exportTime = SampleOrgGenerator.exportTime.timeIntervalSince1970
        _ = try SnapshotBuilder.build(SnapshotRequest(
            source: CSVFileSource(url: leads), contract: contract, contractText: ContractWriter.yaml(contract),
            to: exportTime, asOf: exportTime, salt: try PIISalt(secret: "a-test-salt-that-is-long-enough")), to: destination)
        return try Snapshot.open(destination)
    }
}
