import Foundation
import Testing
@testable import LeadscoreData

/// The sample org's LeadHistory.csv: well-formed, inside each lead's life, and replaying to Lead.csv.
struct SampleOrgHistoryTests {
    /// An org of `leads` leads read back: Lead.csv rows by Id, and LeadHistory.csv rows in file order.
    struct Org {
        let summary: SampleOrgSummary
        let leads: [String: [String: String]]
        let leadOrder: [String]
        let history: [[String: String]]
        let historyHeader: [String]

        init(leads count: Int, seed: UInt64) throws {
            let directory = try makeTemporaryDirectory("sample-org-history-\(seed)")
            defer { try? FileManager.default.removeItem(at: directory) }
            summary = try SampleOrgGenerator(leads: count, seed: seed).write(to: directory)
            let (leadHeader, leadRows) = try Self.read(directory.appendingPathComponent("Lead.csv"))
            var leads: [String: [String: String]] = [:]
            var order: [String] = []
            for row in leadRows {
                let record = Dictionary(uniqueKeysWithValues: zip(leadHeader, row))
                leads[record["Id"] ?? ""] = record
                order.append(record["Id"] ?? "")
            }
            self.leads = leads
            leadOrder = order
            let (header, rows) = try Self.read(directory.appendingPathComponent("LeadHistory.csv"))
            historyHeader = header
            history = rows.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        }

        private static func read(_ url: URL) throws -> ([String], [[String]]) {
            let reader = try CSVReader(url: url)
            var rows: [[String]] = []
            while let record = try reader.next() {
                guard case let .row(row) = record else {
                    Issue.record("malformed row in \(url.lastPathComponent): \(record)")
                    continue
                }
                rows.append(row.values)
            }
            return (reader.header, rows)
        }

        var historyByLead: [String: [[String: String]]] {
            Dictionary(grouping: history) { $0["LeadId"] ?? "" }
        }
    }

    @Test func rowsHaveTheLeadHistoryShape() throws {
        let org = try Org(leads: 2_000, seed: 21)
        #expect(org.historyHeader == FieldHistory.exportColumns)
        #expect(org.history.count == org.summary.historyRows)
        #expect(org.summary.files.contains("LeadHistory.csv"))
        let dateTime = try Regex(#"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000\+0000"#)
        let ids = org.history.map { $0["Id"] ?? "" }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.count == 18 && $0.hasPrefix("017") && SalesforceId.isValid($0) })
        #expect(zip(ids, ids.dropFirst()).allSatisfy { $0.prefix(15) < $1.prefix(15) }, "Ids increase down the file")
        for row in org.history {
            #expect(org.leads[row["LeadId"] ?? ""] != nil, "history of an unknown lead \(row["LeadId"] ?? "")")
            #expect(row["CreatedDate"]?.wholeMatch(of: dateTime) != nil)
            #expect(["created", "Status", "Rating", "leadConverted"].contains(row["Field"] ?? ""))
            if row["Field"] == "created" || row["Field"] == "leadConverted" {
                #expect(row["OldValue"] == "" && row["NewValue"] == "")
            }
        }
        // Ordered by lead (Lead.csv order), each lead's rows by CreatedDate.
        let leadPositions = Dictionary(uniqueKeysWithValues: org.leadOrder.enumerated().map { ($1, $0) })
        let positions = org.history.map { leadPositions[$0["LeadId"] ?? ""] ?? -1 }
        #expect(zip(positions, positions.dropFirst()).allSatisfy { $0 <= $1 })
        for rows in org.historyByLead.values {
            let times = rows.map { $0["CreatedDate"] ?? "" }
            #expect(times == times.sorted())
        }
    }

    @Test func everyChangeFallsWithinTheLeadsLife() throws {
        let org = try Org(leads: 3_000, seed: 22)
        let byLead = org.historyByLead
        #expect(byLead.count == org.leads.count, "every lead has at least its created row")
        for (id, lead) in org.leads {
            let rows = try #require(byLead[id])
            let created = try #require(lead["CreatedDate"])
            #expect(rows.first?["Field"] == "created" && rows.first?["CreatedDate"] == created)
            #expect(rows.filter { $0["Field"] == "created" }.count == 1)
            for row in rows {
                let time = try #require(row["CreatedDate"])
                #expect(time >= created, "\(id): \(row["Field"] ?? "") before creation")
                #expect(time <= lead["SystemModstamp"] ?? "", "\(id): \(row["Field"] ?? "") after the last edit")
                #expect(time < "2025-07-01", "\(id): change after the export")
            }
            let conversions = rows.filter { $0["Field"] == "leadConverted" }
            if lead["IsConverted"] == "true" {
                #expect(conversions.count == 1)
                #expect(conversions.first?["CreatedDate"]?.hasPrefix(lead["ConvertedDate"] ?? "-") == true)
                let closing = rows.last { $0["Field"] == "Status" }
                #expect(closing?["NewValue"] == "Closed - Converted" && closing?["CreatedDate"] == conversions.first?["CreatedDate"])
                for rating in rows where rating["Field"] == "Rating" {
                    #expect((rating["CreatedDate"] ?? "") <= (conversions.first?["CreatedDate"] ?? ""), "rated after conversion")
                }
            } else {
                #expect(conversions.isEmpty)
            }
        }
    }

    @Test func replayingTheHistoryGivesLeadCSVValues() throws {
        let org = try Org(leads: 3_000, seed: 23)
        let byLead = org.historyByLead
        var ratedByReps = 0, ratedTwice = 0, ratedWithoutRows = 0
        for (id, lead) in org.leads {
            let rows = byLead[id] ?? []
            // Status starts at the picklist default; each change continues from the previous value.
            var status = "Open - Not Contacted"
            for row in rows where row["Field"] == "Status" {
                #expect(row["OldValue"] == status, "\(id): Status change from \(row["OldValue"] ?? "") but it was \(status)")
                status = row["NewValue"] ?? ""
            }
            #expect(status == lead["Status"], "\(id): history ends at \(status), Lead.csv has \(lead["Status"] ?? "")")
            let ratings = rows.filter { $0["Field"] == "Rating" }
            if let first = ratings.first {
                var rating = first["OldValue"] ?? ""
                for row in ratings {
                    #expect(row["OldValue"] == rating)
                    rating = row["NewValue"] ?? ""
                }
                #expect(rating == lead["Rating"], "\(id): Rating history ends at \(rating), Lead.csv has \(lead["Rating"] ?? "")")
                if first["OldValue"] == "" { ratedByReps += 1 }
                if ratings.count == 2 { ratedTwice += 1 }
            } else if lead["Rating"] != "" {
                ratedWithoutRows += 1
            }
        }
        // Mostly set by reps; some set at creation by the web form (no row); some changed twice.
        #expect(ratedByReps > 4 * ratedWithoutRows, "\(ratedByReps) rated by reps, \(ratedWithoutRows) at creation")
        #expect(ratedWithoutRows > 0 && ratedTwice > 0)
    }

    /// The reason the history exists: today's Status and Rating were mostly set after the scoring moment.
    @Test func mostRatingsAndStatusesChangeAfterTheFirstWeek() throws {
        let org = try Org(leads: 5_000, seed: 24)
        let byLead = org.historyByLead
        for field in ["Status", "Rating"] {
            var withValue = 0, changedLater = 0
            for (id, lead) in org.leads where (lead["CreatedDate"] ?? "") < "2025-04-02" {
                let created = try #require(SalesforceDate.parse(lead["CreatedDate"] ?? ""))
                let later = (byLead[id] ?? []).filter {
                    $0["Field"] == field && (SalesforceDate.parse($0["CreatedDate"] ?? "") ?? 0) > created + 7 * 86_400
                }
                let valueThen = later.first?["OldValue"] ?? lead[field] ?? ""
                guard lead[field] != "" || valueThen != "" else { continue }
                withValue += 1
                if !later.isEmpty { changedLater += 1 }
            }
            let share = Double(changedLater) / Double(withValue)
            #expect((0.5...0.75).contains(share), "\(field): \(changedLater) of \(withValue) changed after day 7")
        }
    }
}
