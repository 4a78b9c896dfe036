import Foundation
import Testing
@testable import LeadscoreData

/// Reading LeadHistory CSVs into `FieldHistory`, and looking values up in it.
struct HistoryTests {
    static let lead = SalesforceId.caseSafe("00Q5e00000AbCdE")
    static let other = SalesforceId.caseSafe("00Q5e00000XyZ12")

    @Test func readsChangesPerLeadAndFieldInTimeOrder() throws {
        let history = try FieldHistory.parse(text: """
        Id,LeadId,CreatedDate,Field,OldValue,NewValue
        0175e0000000003AAA,\(Self.lead),2025-03-10T09:00:00.000+0000,Rating,Warm,Hot
        0175e0000000001AAA,\(Self.lead),2025-03-01T10:00:00.000+0000,created,,
        0175e0000000002AAA,\(Self.lead),2025-03-02T11:30:00.000+0000,Rating,,Warm
        0175e0000000004AAA,\(Self.other),2025-03-05T08:00:00.000+0000,Status,Open - Not Contacted,Working - Contacted

        """)
        #expect(history.rowCount == 4 && history.rejectedRowCount == 0 && history.problems.isEmpty)
        #expect(history.fieldNames == ["Rating", "Status", "created"])
        #expect(history.isTracked("Rating") && history.isTracked("rating") && history.isTracked("Status"))
        #expect(!history.isTracked("LeadSource"))
        let march2 = try #require(SalesforceDate.parse("2025-03-02T11:30:00Z"))
        let march10 = try #require(SalesforceDate.parse("2025-03-10T09:00:00Z"))
        #expect(history.changes(of: "Rating", leadId: Self.lead) == [
            .init(time: march2, oldValue: "", newValue: "Warm"),
            .init(time: march10, oldValue: "Warm", newValue: "Hot"),
        ])
        #expect(history.changes(of: "Status", leadId: Self.lead).isEmpty)
        #expect(history.changes(of: "Status", leadId: Self.other).count == 1)
        #expect(history.source.kind == "csv" && history.source.location == "LeadHistory.csv")
    }

    @Test func valueAtAMomentIsTheOldValueOfTheFirstLaterChange() throws {
        let history = try FieldHistory.parse(text: """
        LeadId,CreatedDate,Field,OldValue,NewValue
        \(Self.lead),2025-03-02T00:00:00Z,Rating,,Cold
        \(Self.lead),2025-03-05T00:00:00Z,Rating,Cold,Warm
        \(Self.lead),2025-03-20T00:00:00Z,Rating,Warm,Hot
        """)
        func rating(at text: String) throws -> String {
            history.value(of: "Rating", leadId: Self.lead, today: "Hot", at: try #require(SalesforceDate.parse(text)))
        }
        #expect(try rating(at: "2025-03-01") == "", "before any change: the first change's old value")
        #expect(try rating(at: "2025-03-03") == "Cold")
        #expect(try rating(at: "2025-03-05T00:00:00Z") == "Warm", "a change at the moment itself is in effect")
        #expect(try rating(at: "2025-03-10") == "Warm", "several changes: the earliest one after the moment decides")
        #expect(try rating(at: "2025-04-01") == "Hot", "nothing later: today's value")
        #expect(history.value(of: "Rating", leadId: Self.other, today: "Cold", at: 0) == "Cold", "a lead without history")
        #expect(history.value(of: "Industry", leadId: Self.lead, today: "Retail", at: 0) == "Retail", "an untracked field")
    }

    @Test func fifteenAndEighteenCharacterIdsMeet() throws {
        let id15 = String(Self.lead.prefix(15))
        let history = try FieldHistory.parse(text: """
        LeadId,CreatedDate,Field,OldValue,NewValue
        \(id15),2025-03-02T00:00:00Z,Rating,,Cold
        \(Self.lead),2025-03-05T00:00:00Z,Rating,Cold,Warm
        """)
        #expect(history.changes(of: "Rating", leadId: Self.lead).count == 2)
        #expect(history.changes(of: "Rating", leadId: id15).count == 2)
        // Case matters in a 15-character Id: another lead.
        #expect(history.changes(of: "Rating", leadId: id15.lowercased()).isEmpty)
    }

    @Test func columnsAreFoundInAnyOrderAndSpelling() throws {
        let dataLoader = try FieldHistory.parse(text: """
        "NEWVALUE","FIELD","LEADID","OLDVALUE","CREATEDDATE","ID"
        "Hot","Rating","\(Self.lead)","Warm","2025-03-10T09:00:00.000+0000","0175e0000000003AAA"
        """)
        let report = try FieldHistory.parse(text: """
        Lead ID,Edit Date,Field / Event,Old Value,New Value
        \(Self.lead),"3/10/2025, 9:00 AM",Rating,Warm,Hot
        """)
        let expected = [FieldHistory.Change(time: try #require(SalesforceDate.parse("2025-03-10T09:00:00Z")),
                                             oldValue: "Warm", newValue: "Hot")]
        #expect(dataLoader.changes(of: "Rating", leadId: Self.lead) == expected)
        #expect(report.changes(of: "Rating", leadId: Self.lead) == expected)
    }

    @Test func missingColumnsAreNamedWithTheFix() throws {
        let errors = try #require(throws: InputErrors.self) {
            try FieldHistory.parse(text: "Id,LeadId,Field,NewValue\n", sourceName: "hist.csv")
        }.errors
        #expect(errors.map(\.field) == ["CreatedDate", "OldValue"])
        #expect(errors.allSatisfy { $0.source == "hist.csv" && $0.line == 1 && $0.fix.contains("Lead History") })
    }

    @Test func badRowsAreReportedByLineAndTheRestKept() throws {
        let history = try FieldHistory.parse(text: """
        Id,LeadId,CreatedDate,Field,OldValue,NewValue
        0175e0000000001AAA,\(Self.lead),2025-03-01T10:00:00.000+0000,Rating,,Warm
        0175e0000000002AAA,not-an-id,2025-03-01T10:00:00.000+0000,Rating,,Warm
        0175e0000000003AAA,\(Self.lead),yesterday,Rating,Warm,Hot
        0175e0000000004AAA,\(Self.lead),2025-03-01T10:00:00.000+0000,,Warm,Hot
        short,row
        bad-id,\(Self.lead),2025-03-02T10:00:00.000+0000,Status,,Working - Contacted
        ,\(Self.other),2025-03-02T10:00:00.000+0000,Status,,Working - Contacted
        """)
        #expect(history.rowCount == 2)
        #expect(history.rejectedRowCount == 5)
        #expect(history.problems.map(\.line) == [3, 4, 5, 6, 7])
        #expect(history.problems.map(\.field) == ["LeadId", "CreatedDate", "Field", nil, "Id"])
        #expect(history.problems[0].problem.contains("'not-an-id' is not a 15- or 18-character Lead Id"))
        #expect(history.problems[1].fix.contains("2025-03-04T15:22:10.000+0000"))
        #expect(history.problems[3].problem.contains("has 2 values but the header has 6 columns"))
        #expect(history.changes(of: "Status", leadId: Self.other).count == 1, "an empty Id is allowed")
    }

    /// Salesforce may return rows in any order; the history (and so the snapshot) must not depend on it.
    @Test func rowOrderDoesNotMatterAndIdsOrderSameSecondChanges() throws {
        let rows = [
            "0175e0000000002AAA,\(Self.lead),2025-03-02T10:00:00Z,Rating,Warm,Hot",
            "0175e0000000001AAA,\(Self.lead),2025-03-02T10:00:00Z,Rating,,Warm",
            "0175e0000000003AAA,\(Self.lead),2025-03-01T10:00:00Z,Status,Open - Not Contacted,Working - Contacted",
        ]
        let header = "Id,LeadId,CreatedDate,Field,OldValue,NewValue\n"
        let forward = try FieldHistory.parse(text: header + rows.joined(separator: "\n"))
        let backward = try FieldHistory.parse(text: header + rows.reversed().joined(separator: "\n"))
        for history in [forward, backward] {
            #expect(history.changes(of: "Rating", leadId: Self.lead).map(\.newValue) == ["Warm", "Hot"])
            #expect(history.value(of: "Rating", leadId: Self.lead, today: "Hot", at: 0) == "")
        }
    }

    @Test func loadsFromAFileAndDescribesItForTheManifest() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("LeadHistory.csv")
        let text = "LeadId,CreatedDate,Field,OldValue,NewValue\r\n\(Self.lead),2025-03-02T00:00:00Z,Rating,,Cold\r\n"
        try writeText(text, to: url)
        let history = try FieldHistory.load(from: url)
        #expect(history.source == SourceDescription(kind: "csv", location: "LeadHistory.csv",
                                                    sha256: Checksum.sha256Hex(text), bytes: text.utf8.count,
                                                    dialect: CSVDialect(delimiter: .comma, detected: true, lineEnding: .crlf)))
        let described = try FieldHistory.load(from: url, description: SourceDescription(kind: "salesforce", location: "org"))
        #expect(described.source.kind == "salesforce")
        #expect(throws: InputError.self) { try FieldHistory.load(from: directory.appendingPathComponent("absent.csv")) }
    }

    @Test func reconstructableFieldsLeaveOutTheLeadsIdentityAndOutcome() throws {
        let contract = try ContractLoader.parse(smallContractYAML)
        #expect(FieldHistory.reconstructableFields(of: contract) == [
            "Email", "Title", "LeadSource", "NumberOfEmployees", "Product_Interest__c", "Demo_Requested__c",
            "LastActivityDate", "Rating",
        ])
    }
}
