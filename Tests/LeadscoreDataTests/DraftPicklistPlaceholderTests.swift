import Foundation
import Testing
@testable import LeadscoreData

/// A describe whose picklists offer a default placeholder ("N/A", "Select") as a real choice drafts a
/// contract the validator accepts: the placeholder leaves `missing_values`, and a remark says so.
struct DraftPicklistPlaceholderTests {
    func draft(picklists: String) throws -> ContractDrafter.Draft {
        let describe = """
        {"name": "Lead", "fields": [
          {"name": "Id", "label": "Lead ID", "type": "id"},
          {"name": "IsConverted", "label": "Converted", "type": "boolean"},
          {"name": "CreatedDate", "label": "Created Date", "type": "datetime"},
          {"name": "NumberOfEmployees", "label": "Employees", "type": "int"},
          \(picklists)
        ]}
        """
        return ContractDrafter.draft(fromDescribe: try SalesforceDescribe.decode(Data(describe.utf8), source: "d.json"),
                                     name: "placeholders")
    }

    @Test func aPlaceholderOfferedByAPicklistLeavesMissingValues() throws {
        let draft = try draft(picklists: """
          {"name": "Industry", "label": "Industry", "type": "picklist", "picklistValues": [
            {"value": "Banking", "active": true}, {"value": "N/A", "active": true}, {"value": "--None--", "active": false}]},
          {"name": "Budget_Confirmed__c", "label": "Budget Confirmed", "type": "picklist", "picklistValues": [
            {"value": "Yes, signed"}, {"value": "n/a"}, {"value": "select"}]}
        """)
        let contract = draft.contract
        #expect(ContractValidator.validate(contract).isEmpty)
        // The same draft with the default list is what the validator refuses.
        var unchanged = contract
        unchanged.missingValues = .standard
        #expect(ContractValidator.validate(unchanged).map(\.problem) == [
            "'Select' is also an allowed value of Budget_Confirmed__c, which would never be seen",
            "'N/A' is also an allowed value of Industry, which would never be seen",
            "'N/A' is also an allowed value of Budget_Confirmed__c, which would never be seen",
        ])

        // Only the offered placeholders leave (case ignored); an inactive value offers nothing.
        #expect(contract.missingValues.placeholders
            == MissingValues.defaultPlaceholders.filter { $0 != "N/A" && $0 != "Select" })
        #expect(contract.field(named: "Industry")?.values == ["Banking", "N/A"])
        #expect(FieldParser.parse("N/A", as: .picklist, missingValues: contract.missingValues) == .success(.text("N/A")))
        #expect(FieldParser.parse("--None--", as: .picklist, missingValues: contract.missingValues) == .success(.missing))
        #expect(draft.remarks.contains(
            "'N/A' left out of missing_values: it is an allowed value of Industry, Budget_Confirmed__c; "
                + "in other fields it now reads as a value, not as missing"))
        #expect(draft.remarks.contains {
            $0.hasPrefix("'Select' left out of missing_values: it is an allowed value of Budget_Confirmed__c;")
        })

        // Written and read back, the draft loads as it is.
        let yaml = ContractWriter.yaml(contract, remarks: draft.remarks)
        let loaded = try ContractLoader.parse(yaml)
        #expect(loaded.missingValues == contract.missingValues)
        #expect(yaml.contains("# NOTE: 'N/A' left out of missing_values"))
    }

    @Test func picklistsWithoutPlaceholdersKeepTheDefaults() throws {
        let draft = try draft(picklists: """
          {"name": "Industry", "label": "Industry", "type": "picklist", "picklistValues": [
            {"value": "Banking"}, {"value": "None"}, {"value": "N/A Holdings"}]}
        """)
        #expect(draft.contract.missingValues == .standard)
        #expect(!draft.remarks.contains { $0.contains("missing_values") })
        #expect(ContractValidator.validate(draft.contract).isEmpty)
    }
}
