import Foundation
import LeadscoreData
import LeadscoreModels
import LeadscoreService
import Testing
import LeadscoreMonitoring

/// The sample org's leads created after 2024-07-01 go through the real scoring service (the monitoring
/// tests' model, trained on the leads before); each audit row is then moved back to its lead's arrival
/// (CreatedDate + 10 minutes), as if the service had scored the leads over those weeks. Outcomes arrive
/// weeks later as a lead export: a report in October holds back the recent weeks, one in January has
/// them all, and every figure equals a separate, deliberately plain computation in this file — ISO weeks
/// from Foundation's ISO 8601 calendar, labels from the generator's own truth.csv (converted within 90
/// days), AUC by counting pairs, deciles, ECE and worked rates by hand.
@Suite(.serialized) struct DelayedLabelTests {
    static let window = 90.0 * 86_400
    static let october = SalesforceDate.parse("2024-10-20")!
    static let january = SalesforceDate.parse("2025-01-31")!

    struct Lead {
        let id: String
        let at: Double
        let score: Int
        let tier: String
        let converted: Bool
        let status: String
    }

    struct ExpectedCohort {
        let week: String
        let leads: Int
        let missing: Int
        let labelled: [Lead]
    }

    @Test func outcomesWeeksLaterMatchAPlainComputation() async throws {
        let fixture = try MonitorEndToEndTests.shared.get()
        let store = try await MonitorEndToEndTests.serve(fixture.after, fixture: fixture)
        var served: [AuditEvent] = []
        var cursor: Int64 = 0
        while true {
            let page = try await store.auditEvents(from: Date(timeIntervalSince1970: 0), to: Date().addingTimeInterval(60),
                                                   afterId: cursor, limit: 1_000)
            served += page.map(\.event)
            guard let last = page.last else { break }
            cursor = last.id
        }
        #expect(served.count == fixture.after.count && served.allSatisfy { $0.outcome == .scored && $0.leadId != nil })
        let created = Dictionary(uniqueKeysWithValues: fixture.after.map { ($0["Id"]!, SalesforceDate.parse($0["CreatedDate"]!)!) })
        let backdated = served.map { event in
            var event = event
            event.at = Date(timeIntervalSince1970: created[event.leadId!]! + 600)
            event.requestId = "arrival-" + event.requestId
            return event
        }
        try await store.append(audit: backdated, idempotency: [])

        // The org's export today, without every 40th scored lead (deleted since): those are missing, not unconverted.
        let org = fixture.directory.appendingPathComponent("org")
        let truth = try Self.column("ConvertedWithinWindow", of: org.appendingPathComponent("truth.csv"))
        let status = try Self.column("Status", of: org.appendingPathComponent("Lead.csv"))
        let deleted = Set(created.keys.sorted().enumerated().filter { $0.offset % 40 == 0 }.map(\.element))
        let export = fixture.directory.appendingPathComponent("outcomes-\(UUID().uuidString.prefix(8)).csv")
        try Self.writeExport(from: org.appendingPathComponent("Lead.csv"), to: export, leaving: deleted)

        let leads = served.map { event in
            Lead(id: event.leadId!, at: created[event.leadId!]! + 600, score: event.score!, tier: event.tier!,
                 converted: truth[event.leadId!] == "1", status: status[event.leadId!]!)
        }
        let source = CSVOutcomeSource(url: export)
        let early = try await OutcomesPass.run(store: store, settings: MonitoringSettings(), source: source,
                                               now: Date(timeIntervalSince1970: Self.october))
        let late = try await OutcomesPass.run(store: store, settings: MonitoringSettings(), source: source,
                                              now: Date(timeIntervalSince1970: Self.january))
        try await store.close()
        print(CohortReportText.render(early))
        print(CohortReportText.render(late))

        for (report, asOf) in [(early, Self.october), (late, Self.january)] {
            let expected = Self.expectedCohorts(leads, deleted: deleted, asOf: asOf)
            #expect(report.cohorts.map(\.week) == expected.closed.map(\.week))
            #expect(report.pending.map(\.week) == expected.pending)
            #expect(report.missingOutcomes == expected.closed.map(\.missing).reduce(0, +))
            for (cohort, reference) in zip(report.cohorts, expected.closed) {
                try Self.check(cohort, against: reference)
            }
        }
        // October waits for the recent weeks; January has them, and the weeks October had did not change.
        #expect(!early.cohorts.isEmpty && !early.pending.isEmpty && late.pending.isEmpty)
        #expect(late.cohorts.count > early.cohorts.count)
        #expect(Array(late.cohorts.prefix(early.cohorts.count)) == early.cohorts)
        #expect(late.cohorts.compactMap(\.metrics?.rocAUC).allSatisfy { $0 > 0.6 }, "the model ranks the later leads")
    }

    static func check(_ cohort: CohortReport.Cohort, against reference: ExpectedCohort) throws {
        let week = reference.week
        let rows = reference.labelled
        #expect(cohort.leads == reference.leads && cohort.missingOutcomes == reference.missing, "\(week)")
        #expect(cohort.convertedBeforeScoring == 0 && cohort.windowClosedBeforeScoring == 0 && cohort.control == nil)
        let metrics = try #require(cohort.metrics)
        let positives = rows.filter(\.converted)
        let negatives = rows.filter { !$0.converted }
        #expect(metrics.leads == rows.count && metrics.conversions == positives.count, "\(week)")
        // AUC: the share of (converted, unconverted) pairs ranked the right way, ties counting half.
        var pairs = 0.0
        for positive in positives {
            for negative in negatives { pairs += positive.score > negative.score ? 1 : positive.score == negative.score ? 0.5 : 0 }
        }
        // Undefined with one class only (a short week at the end of the sample can have no conversion).
        let auc = positives.isEmpty || negatives.isEmpty ? nil : pairs / Double(positives.count * negatives.count)
        #expect(agrees(metrics.rocAUC, auc), "\(week)")
        // Deciles of the leads ranked by score, ties by id.
        let ranked = rows.sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
        let count = ranked.count
        // An empty decile (fewer than ten leads) converts at 0, and lift is 0 without any conversion, as the model card has it.
        func rate(_ slice: ArraySlice<Lead>) -> Double {
            slice.isEmpty ? 0 : Double(slice.filter(\.converted).count) / Double(slice.count)
        }
        let top = ranked[0..<(count / 10)], bottom = ranked[(count * 9 / 10)...]
        #expect(agrees(metrics.topDecileRate, rate(top)) && agrees(metrics.bottomDecileRate, rate(bottom)), "\(week)")
        #expect(agrees(metrics.lift[0].lift, positives.isEmpty ? 0 : rate(top) / rate(ranked[...])), "\(week)")
        #expect(metrics.lift.map(\.count).reduce(0, +) == count)
        // Calibration: mean score / 100 and ECE over the bins 0–9, 10–19, …, 90–100.
        #expect(agrees(metrics.meanPredicted, Double(rows.map(\.score).reduce(0, +)) / Double(count) / 100), "\(week)")
        var ece = 0.0
        for bin in 0..<10 {
            let members = rows.filter { min($0.score / 10, 9) == bin }
            guard !members.isEmpty else { continue }
            let meanScore = Double(members.map(\.score).reduce(0, +)) / Double(members.count) / 100
            ece += Double(members.count) / Double(count) * abs(meanScore - rate(members[...]))
        }
        #expect(abs(metrics.ece - ece) < 1e-9, "\(week) ECE \(metrics.ece) vs \(ece)")
        // Worked: any Status but "Open - Not Contacted", per tier of the scoring.
        for tier in cohort.tiers {
            let members = rows.filter { $0.tier == tier.tier }
            #expect(tier.leads == members.count && tier.unknownStatus == 0, "\(week) \(tier.tier)")
            #expect(tier.worked == members.filter { $0.status != "Open - Not Contacted" }.count, "\(week) \(tier.tier)")
            #expect(tier.conversions == members.filter(\.converted).count, "\(week) \(tier.tier)")
        }
        #expect(cohort.tiers.map(\.leads).reduce(0, +) == count)
    }

    /// Weeks by Foundation's ISO 8601 calendar in UTC; a week is closed when it is over and its last lead's
    /// scoring is 90 days old.
    static func expectedCohorts(_ leads: [Lead], deleted: Set<String>, asOf: Double) -> (closed: [ExpectedCohort], pending: [String]) {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let weeks = Dictionary(grouping: leads) { lead -> DateInterval in
            calendar.dateInterval(of: .weekOfYear, for: Date(timeIntervalSince1970: lead.at))!
        }
        var closed: [ExpectedCohort] = [], pending: [String] = []
        for (interval, members) in weeks.sorted(by: { $0.key.start < $1.key.start }) {
            let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: interval.start)
            let name = String(format: "%d-W%02d", parts.yearForWeekOfYear!, parts.weekOfYear!)
            guard interval.end.timeIntervalSince1970 <= asOf, members.allSatisfy({ $0.at + window <= asOf }) else {
                pending.append(name)
                continue
            }
            let found = members.filter { !deleted.contains($0.id) }
            closed.append(ExpectedCohort(week: name, leads: members.count, missing: members.count - found.count, labelled: found))
        }
        return (closed, pending)
    }

    /// One column of a CSV by the Id column.
    static func column(_ name: String, of url: URL) throws -> [String: String] {
        let reader = try CSVReader(url: url)
        let id = try #require(reader.header.firstIndex(of: "Id")), column = try #require(reader.header.firstIndex(of: name))
        var values: [String: String] = [:]
        while let record = try reader.next() {
            if case let .row(row) = record { values[row.values[id]] = row.values[column] }
        }
        return values
    }

    /// The outcome columns of the org's Lead.csv, leads in `deleted` left out.
    static func writeExport(from url: URL, to export: URL, leaving deleted: Set<String>) throws {
        let reader = try CSVReader(url: url)
        let names = ["Id", "IsConverted", "ConvertedDate", "CreatedDate", "Status"]
        let columns = try names.map { name in try #require(reader.header.firstIndex(of: name)) }
        let writer = try CSVWriter(url: export, header: names)
        while let record = try reader.next() {
            guard case let .row(row) = record, !deleted.contains(row.values[columns[0]]) else { continue }
            try writer.write(columns.map { row.values[$0] })
        }
        _ = try writer.finish()
    }
}
