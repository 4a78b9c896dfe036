import Foundation
import LeadscoreData
import LeadscoreSalesforce
import Testing

/// The SOQL an extract runs is built from the contract and checked against the org's describe.
@Suite("Extract query") struct ExtractQueryTests {
    static let describe = try! SalesforceDescribe.decode(Data("""
        {"name": "Lead", "fields": [
          {"name": "Id", "type": "id"}, {"name": "FirstName", "type": "string"}, {"name": "Email", "type": "email"},
          {"name": "LeadSource", "type": "picklist"}, {"name": "IsConverted", "type": "boolean"},
          {"name": "ConvertedDate", "type": "date"}, {"name": "CreatedDate", "type": "datetime"}]}
        """.utf8), source: "test")

    static func contract(_ names: [String]) -> DataContract {
        var fields = [
            FieldSpec(name: "Id", type: .id), FieldSpec(name: "FirstName", type: .string, pii: true),
            FieldSpec(name: "Email", type: .email, pii: true, derive: [.emailDomainClass]),
            FieldSpec(name: "LeadSource", type: .picklist), FieldSpec(name: "IsConverted", type: .boolean),
            FieldSpec(name: "ConvertedDate", type: .date), FieldSpec(name: "CreatedDate", type: .datetime),
        ]
        fields += names.map { FieldSpec(name: $0, type: .number) }
        return DataContract(name: "t", idField: "Id", createdField: "CreatedDate",
                            label: LabelDefinition(field: "IsConverted", dateField: "ConvertedDate"), fields: fields)
    }

    @Test func selectsWhatTheSnapshotKeepsWithinTheWindow() throws {
        let from = SalesforceDate.parse("2024-01-01")!, to = SalesforceDate.parse("2025-07-01")!
        let query = try ExtractQuery(contract: Self.contract([]), describe: Self.describe, from: from, to: to)
        // FirstName is dropped personal data with nothing derived: never selected. Email feeds a derived class.
        #expect(query.soql == "SELECT Id, Email, LeadSource, IsConverted, ConvertedDate, CreatedDate FROM Lead "
            + "WHERE CreatedDate >= 2024-01-01T00:00:00Z AND CreatedDate < 2025-07-01T00:00:00Z ORDER BY CreatedDate, Id")
        #expect(query.countSOQL == "SELECT COUNT() FROM Lead "
            + "WHERE CreatedDate >= 2024-01-01T00:00:00Z AND CreatedDate < 2025-07-01T00:00:00Z")
        #expect(query.columns.contains("FirstName"))
        #expect(query.historySOQL(fields: ["LeadSource", "Email"], createdField: "CreatedDate", from: from)
            == "SELECT Id, LeadId, CreatedDate, Field, OldValue, NewValue FROM LeadHistory WHERE Field IN "
            + "('LeadSource', 'Email') AND CreatedDate >= 2024-01-01T00:00:00Z ORDER BY LeadId, CreatedDate")
    }

    @Test func noWindowMeansNoCondition() throws {
        let query = try ExtractQuery(contract: Self.contract([]), describe: Self.describe, from: nil, to: nil)
        #expect(query.condition == nil)
        #expect(query.countSOQL == "SELECT COUNT() FROM Lead")
    }

    @Test func fieldsTheUserCannotReadAreListedTogether() {
        let error = #expect(throws: InputError.self) {
            try ExtractQuery(contract: Self.contract(["AnnualRevenue", "Score__c"]), describe: Self.describe, from: nil, to: nil)
        }
        #expect(error?.field == "AnnualRevenue, Score__c")
        #expect(error?.fix.contains("Lead.AnnualRevenue, Lead.Score__c") == true)
    }
}
