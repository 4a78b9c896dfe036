import Foundation
import Testing
@testable import LeadscoreData

struct ContractTests {
    @Test func loadsAValidContract() throws {
        let contract = try ContractLoader.parse(smallContractYAML)
        #expect(contract.fields.count == 12)
        #expect(contract.label == LabelDefinition(field: "IsConverted", dateField: "ConvertedDate", windowDays: 30))
        #expect(contract.field(named: "Email")?.derive == [.emailDomainClass])
        #expect(contract.field(named: "NumberOfEmployees")?.missing == .indicator)
        #expect(contract.features.leadSourceGroups.map(\.name) == ["Referral", "Inbound"])
    }

    @Test func reportsEveryProblemWithLineFieldAndFix() throws {
        let yaml = """
        version: 1
        name: broken
        label:
          field: Converted
        fields:
          - name: LeadSource
            type: picklst
          - name: NumberOfEmployees
            type: integer
            missing: unknown
          - name: Converted
            type: string
            requred: true
        """
        let errors = try #require(throws: InputErrors.self) { try ContractLoader.parse(yaml) }.errors
        let typo = try #require(errors.first { $0.field == "fields.LeadSource.type" })
        #expect(typo.line == 7)
        #expect(typo.fix.contains("picklist"))
        let unknownKey = try #require(errors.first { $0.problem.contains("requred") })
        #expect(unknownKey.line == 13)
        #expect(unknownKey.fix.contains("did you mean 'required'"))
        // Semantic checks run once the structure is sound; fix the structural errors and see them.
        let semantic = yaml.replacingOccurrences(of: "picklst", with: "picklist").replacingOccurrences(of: "requred", with: "required")
        let second = try #require(throws: InputErrors.self) { try ContractLoader.parse(semantic) }.errors
        let missing = try #require(second.first { $0.field == "fields.NumberOfEmployees.missing" })
        #expect(missing.line == 8)
        #expect(missing.fix.contains("indicator"))
        let label = try #require(second.first { $0.field == "label.field" })
        #expect(label.problem.contains("must be yes/no"))
    }

    @Test func malformedYAMLNamesTheLine() throws {
        let error = try #require(throws: InputError.self) { try ContractLoader.parse("version: 1\nfields: [a, b\nname: x\n") }
        #expect(error.line != nil)
        #expect(error.problem.contains("malformed"))
    }

    @Test func unsupportedVersionIsRefused() throws {
        let yaml = smallContractYAML.replacingOccurrences(of: "version: 1", with: "version: 7")
        let errors = try #require(throws: InputErrors.self) { try ContractLoader.parse(yaml) }.errors
        #expect(errors.contains { $0.field == "version" && $0.line == 1 })
    }

    @Test func writerOutputLoadsBackUnchanged() throws {
        var contract = try ContractLoader.parse(smallContractYAML)
        contract.fields[3].note = "tricky: \"quotes\", #hash and a\nnewline"
        contract.fields[3].values.append("Yes")  // a YAML 1.1 boolean word must stay text
        contract.fields[4].minimum = 0  // NumberOfEmployees
        contract.fields[4].maximum = 2.5e6
        contract.fields[7].minimum = SalesforceDate.parse("1700-01-01")  // LastActivityDate
        contract.fields[11].maximum = SalesforceDate.parse("2030-06-01T12:30:00Z")  // CreatedDate
        let yaml = ContractWriter.yaml(contract, remarks: ["a remark"])
        #expect(yaml.contains("    min: 1700-01-01") && yaml.contains("    max: 2500000") && yaml.contains("    max: 2030-06-01T12:30:00Z"))
        let reloaded = try ContractLoader.parse(yaml)
        #expect(reloaded == contract)
    }

    @Test func rangesOnlySuitNumbersAndDatesAndMustBeOrdered() throws {
        let yaml = smallContractYAML
            .replacingOccurrences(of: "{name: NumberOfEmployees, type: integer}", with: "{name: NumberOfEmployees, type: integer, min: 10, max: 5}")
            .replacingOccurrences(of: "{name: Demo_Requested__c, type: boolean}", with: "{name: Demo_Requested__c, type: boolean, max: 1}")
            .replacingOccurrences(of: "{name: LastActivityDate, type: date}", with: "{name: LastActivityDate, type: date, min: yesterday}")
        let errors = try #require(throws: InputErrors.self) { try ContractLoader.parse(yaml) }.errors
        #expect(errors.contains { $0.field == "fields.Demo_Requested__c.max" && $0.problem.contains("only apply to number") })
        #expect(errors.contains { $0.field == "fields.LastActivityDate.min" && $0.problem.contains("'yesterday' is not a date") })
        let ordered = yaml.replacingOccurrences(of: ", max: 1}", with: "}").replacingOccurrences(of: ", min: yesterday}", with: "}")
        let second = try #require(throws: InputErrors.self) { try ContractLoader.parse(ordered) }.errors
        #expect(second.map(\.field) == ["fields.NumberOfEmployees.min"] && second.first?.problem == "min is above max")
    }

    /// Drafted bounds leave room for any real lead: 0 unless a negative value was seen, a hundred
    /// times the largest value seen, and Salesforce's own date range (1700–4000).
    @Test func draftsRangesWithAWideMargin() throws {
        #expect(DraftRanges.roundedUp(184_000) == 200_000 && DraftRanges.roundedUp(7) == 7 && DraftRanges.roundedUp(0.031) == 0.04)
        let csv = """
        Employees,Delta,Created Date,Score__c,Converted
        12,-3,2024-01-05T10:00:00Z,0.5,1
        1840,7,2024-02-01T11:00:00Z,0.25,0
        ,0,2024-03-01T09:00:00Z,,0
        """
        let url = try makeTemporaryDirectory().appendingPathComponent("ranges.csv")
        try writeText(csv, to: url)
        let contract = try ContractDrafter.draft(fromCSV: url, name: "ranges").contract
        let employees = try #require(contract.field(named: "NumberOfEmployees"))  // the report label "Employees"
        #expect(employees.minimum == 0 && employees.maximum == 200_000)
        let delta = try #require(contract.field(named: "Delta"))
        #expect(delta.minimum == -30 && delta.maximum == 700)
        #expect(contract.field(named: "Score__c")?.maximum == 50)
        let created = try #require(contract.field(named: "CreatedDate"))
        #expect(created.minimum == SalesforceDate.parse("1700-01-01") && created.maximum == SalesforceDate.parse("4000-12-31"))
        #expect(created.rangeProblem(SalesforceDate.parse("9999-01-01")!) == "above the contract's maximum 4000-12-31")
        #expect(employees.rangeProblem(-5) == "below the contract's minimum 0" && employees.rangeProblem(5) == nil)
        #expect(ContractValidator.validate(contract).isEmpty)
    }

    @Test func draftsFromADescribeResponse() throws {
        let describe = """
        {"name": "Lead", "fields": [
          {"name": "Id", "label": "Lead ID", "type": "id", "nillable": false},
          {"name": "Email", "label": "Email", "type": "email"},
          {"name": "Title", "label": "Title", "type": "string"},
          {"name": "LeadSource", "label": "Lead Source", "type": "picklist",
           "picklistValues": [{"value": "Web", "active": true}, {"value": "Old", "active": false}]},
          {"name": "Rating", "label": "Rating", "type": "picklist", "picklistValues": []},
          {"name": "Address", "label": "Address", "type": "address"},
          {"name": "IsConverted", "label": "Converted", "type": "boolean"},
          {"name": "ConvertedDate", "label": "Converted Date", "type": "date"},
          {"name": "AI_Score__c", "label": "AI Score", "type": "double"},
          {"name": "CreatedDate", "label": "Created Date", "type": "datetime"}
        ]}
        """
        let draft = ContractDrafter.draft(fromDescribe: try SalesforceDescribe.decode(Data(describe.utf8), source: "d.json"), name: "t")
        let contract = draft.contract
        #expect(ContractValidator.validate(contract).isEmpty)
        #expect(contract.field(named: "Address") == nil)
        #expect(draft.remarks.contains { $0.contains("Address") })
        #expect(contract.field(named: "LeadSource")?.values == ["Web"])
        #expect(contract.field(named: "Rating")?.scoring == .leakage)
        #expect(contract.field(named: "AI_Score__c")?.scoring == .leakage)
        #expect(contract.field(named: "Email")?.pii == true)
        #expect(contract.field(named: "Email")?.piiAction == .hash)
        #expect(contract.field(named: "Title")?.derive == [.titleSeniority, .titleFunction])
        #expect(contract.label == LabelDefinition(field: "IsConverted", dateField: "ConvertedDate", windowDays: 90))
        #expect(contract.createdField == "CreatedDate")
        #expect(contract.field(named: "CreatedDate")?.minimum == SalesforceDate.parse("1700-01-01"))
        #expect(draft.remarks.contains { $0.contains("numeric fields have no max") })
    }

    @Test func describeThatIsNotADescribeIsRefused() {
        #expect(throws: InputError.self) { try SalesforceDescribe.decode(Data("{\"records\": []}".utf8), source: "x.json") }
        #expect(throws: InputError.self) { try SalesforceDescribe.decode(Data("not json".utf8), source: "x.json") }
    }

    @Test func draftsFromAReportExportWithLabelsAndAPlainLabelColumn() throws {
        let csv = """
        Lead Source,Annual Revenue,Deal Size ($),Converted,Email,Product Interest
        Web,"1,200,000",5,1,a@b.com,A;B
        Partner Referral,,7,0,c@gmail.com,A
        Web,300000,9,0,d@e.org,
        """
        let url = try makeTemporaryDirectory().appendingPathComponent("report.csv")
        try writeText(csv, to: url)
        let draft = try ContractDrafter.draft(fromCSV: url, name: "report")
        let contract = draft.contract
        #expect(contract.fields.map(\.name) == ["LeadSource", "AnnualRevenue", "Deal_Size", "IsConverted", "Email", "Product_Interest"])
        #expect(contract.field(named: "LeadSource")?.label == "Lead Source")
        #expect(contract.field(named: "AnnualRevenue")?.type == .integer)
        #expect(contract.field(named: "IsConverted")?.type == .boolean)
        #expect(contract.field(named: "Email")?.type == .email)
        #expect(contract.field(named: "Product_Interest")?.type == .multipicklist)
        #expect(contract.label.field == "IsConverted")
        #expect(contract.createdField == nil)
        #expect(contract.label.windowDays == nil)
        #expect(draft.remarks.contains { $0.contains("stratified random") })
        #expect(ContractValidator.validate(contract).isEmpty)
    }
}
