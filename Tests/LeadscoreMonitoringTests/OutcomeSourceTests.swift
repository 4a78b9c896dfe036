import Foundation
import LeadscoreData
import LeadscoreMonitoring
import Testing

/// Reading outcomes from a lead export: what is accepted (any delimiter, 15- or 18-character Ids, no Status)
/// and what is refused with the line, the column and the fix; the `monitoring.outcomes` settings; ISO weeks.
@Suite("Outcome sources and settings") struct OutcomeSourceTests {
    static let id18 = "00Q5e0003tU8jFNEAZ"
    static let id15 = String(id18.prefix(15))
    static let other = "00Q5e0003tU8jFWEAZ"

    static func read(_ text: String, leads: Set<String> = [id18, other], fields: OutcomeFields = OutcomeFields()) async throws
        -> OutcomeLookup {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("outcomes-\(UUID().uuidString.prefix(8)).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        return try await CSVOutcomeSource(url: url).outcomes(for: Set(leads.map(LeadOutcome.key(for:))), fields: fields)
    }

    static func problems(_ text: String) async -> [InputError] {
        do {
            _ = try await read(text)
            return []
        } catch let errors as InputErrors {
            return errors.errors
        } catch let error as InputError {
            return [error]
        } catch {
            return [InputError(source: "?", problem: "\(error)", fix: "")]
        }
    }

    @Test func readsAnExportWhateverItsDelimiterAndIdLength() async throws {
        let lookup = try await Self.read("""
            Lead ID;id;isconverted;ConvertedDate;CreatedDate;Status;Company
            x;\(Self.id15);1;2024-08-02;2024-07-01T10:00:00.000+0000;Closed - Converted;"Müller; Söhne"
            y;00Q000000000999;0;;2024-07-02T10:00:00.000+0000;;Other
            z;\(Self.other);false;;7/3/2024 9:15 AM;Open - Not Contacted;Acme

            """)
        #expect(lookup.hasStatus && lookup.notes.isEmpty && lookup.outcomes.count == 2)
        let converted = try #require(lookup.outcomes[Self.id18])
        #expect(converted.leadId == Self.id15 && converted.converted && converted.status == "Closed - Converted")
        #expect(converted.convertedAt == SalesforceDate.parse("2024-08-02") && converted.createdAt == SalesforceDate.parse("2024-07-01T10:00:00Z"))
        let open = try #require(lookup.outcomes[Self.other])
        #expect(!open.converted && open.convertedAt == nil && open.status == "Open - Not Contacted")
    }

    @Test func withoutStatusTheWorkedRateIsUnknown() async throws {
        let lookup = try await Self.read("Id,IsConverted,ConvertedDate,CreatedDate\n\(Self.id18),false,,2024-07-01\n")
        #expect(!lookup.hasStatus && lookup.outcomes[Self.id18]?.status == nil)
        #expect(lookup.notes.count == 1 && lookup.notes[0].hasSuffix("has no Status column: worked rates are unknown (export Status to see them)"))
    }

    @Test func aMissingColumnIsNamedWithTheFix() async throws {
        let problems = await Self.problems("Id,IsConverted,CreatedDate,Status\n\(Self.id18),false,2024-07-01,Open\n")
        let problem = try #require(problems.first)
        #expect(problems.count == 1 && problem.line == 1 && problem.field == "ConvertedDate")
        #expect(problem.problem.contains("no ConvertedDate column") && problem.fix.contains("Id, IsConverted, CreatedDate, ConvertedDate"))
    }

    @Test func badRowsAreRefusedWithLineColumnAndFix() async throws {
        let problems = await Self.problems("""
            Id,IsConverted,ConvertedDate,CreatedDate,Status
            \(Self.id18),maybe,,2024-07-01,Open
            \(Self.other),true,,2024-07-01,Closed - Converted
            00Q000000000001,perhaps,,yesterday,Open
            ,false,,2024-07-01,Open
            \(Self.id18),false,,2024-07-01,"Open

            """)
        let byLine = Dictionary(grouping: problems, by: { $0.line ?? 0 })
        #expect(byLine[2]?.first?.field == "IsConverted" && byLine[2]?.first?.problem.contains("'maybe' is not a yes/no value") == true)
        #expect(byLine[3]?.first?.field == "ConvertedDate" && byLine[3]?.first?.problem.contains("IsConverted is true but ConvertedDate is empty") == true)
        #expect(byLine[4] == nil, "a lead that was never scored is not read")
        #expect(byLine[5]?.first?.field == "Id")
        #expect(byLine[6]?.first?.problem.contains("never closed") == true)
        #expect(problems.allSatisfy { !$0.fix.isEmpty && $0.source.hasSuffix(".csv") })
    }

    @Test func aLeadTwiceWithOtherValuesIsRefused() async throws {
        let problems = await Self.problems("""
            Id,IsConverted,ConvertedDate,CreatedDate
            \(Self.id18),false,,2024-07-01
            \(Self.id15),true,2024-07-09,2024-07-01

            """)
        #expect(problems.count == 1 && problems.first?.line == 3 && problems.first?.problem.contains("also on line 2") == true)
        // The same values twice (a report's duplicate row) are fine.
        let lookup = try await Self.read("Id,IsConverted,ConvertedDate,CreatedDate\n\(Self.id18),false,,2024-07-01\n\(Self.id15),false,,2024-07-01\n")
        #expect(lookup.outcomes.count == 1)
    }

    @Test func theContractsOwnLabelFieldsAreRead() async throws {
        var fields = OutcomeFields()
        fields.flag = "Became_SQL__c"
        fields.date = nil
        let lookup = try await Self.read("Id,Became_SQL__c,CreatedDate\n\(Self.id18),Yes,2024-07-01\n", fields: fields)
        #expect(lookup.outcomes[Self.id18]?.converted == true && lookup.outcomes[Self.id18]?.convertedAt == nil)
    }

    @Test func settingsHaveDefaultsAndRefuseMistakes() throws {
        #expect(try MonitoringSettingsLoader.parse("monitoring: {}\n").outcomes == MonitoringSettings.Outcomes())
        #expect(MonitoringSettings().outcomes.windowDays == 90 && MonitoringSettings().outcomes.unworkedStatuses == ["Open - Not Contacted"])
        let settings = try MonitoringSettingsLoader.parse("""
            monitoring:
              outcomes:
                window_days: 60
                unworked_statuses: ["Open - Not Contacted", New]
            """)
        #expect(settings.outcomes.windowDays == 60 && settings.outcomes.unworkedStatuses == ["Open - Not Contacted", "New"])
        do {
            _ = try MonitoringSettingsLoader.parse("""
                monitoring:
                  outcomes:
                    window_days: 0
                    unworked_statuses: []
                    windows: 3
                """, source: "prod.yaml")
            Issue.record("mistakes were accepted")
        } catch let errors as InputErrors {
            let byField = Dictionary(grouping: errors.errors, by: { $0.field ?? "" })
            #expect(byField["monitoring.outcomes.window_days"]?.first?.line == 3)
            #expect(byField["monitoring.outcomes.unworked_statuses"]?.first?.fix.contains("Open - Not Contacted") == true)
            #expect(byField["monitoring.outcomes.windows"]?.first?.fix.contains("window_days") == true)
            #expect(errors.errors.allSatisfy { $0.source == "prod.yaml" })
        }
    }

    @Test func isoWeeksFollowTheThursdayRuleInUTC() {
        func week(_ text: String) -> ISOWeek { ISOWeek(containing: Date(timeIntervalSince1970: SalesforceDate.parse(text)!)) }
        #expect(week("2024-07-01T00:00:00Z").label == "2024-W27" && week("2024-07-07T23:59:59Z").label == "2024-W27")
        #expect(week("2024-07-08T00:00:00Z").label == "2024-W28")
        #expect(week("2024-12-30T12:00:00Z").label == "2025-W01", "Monday of the week holding 2025's first Thursday")
        #expect(week("2021-01-03T12:00:00Z").label == "2020-W53" && week("1969-12-31T12:00:00Z").label == "1970-W01")
        #expect(week("2024-07-03T15:00:00Z").start == Date(timeIntervalSince1970: SalesforceDate.parse("2024-07-01")!))
        #expect(week("2024-07-03T15:00:00Z").end == Date(timeIntervalSince1970: SalesforceDate.parse("2024-07-08")!))
    }
}
