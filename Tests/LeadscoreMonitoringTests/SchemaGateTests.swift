import LeadscoreData
import Testing
@testable import LeadscoreMonitoring

/// The API half of the operational gate on hand-made contracts: what callers send today must still be
/// accepted; new optional fields are fine.
struct SchemaGateTests {
    static let champion = DataContract(
        name: "schema-test", idField: "Id", createdField: "CreatedDate", label: LabelDefinition(field: "IsConverted"),
        fields: [
            FieldSpec(name: "Id", type: .id, required: true, scoring: .excluded),
            FieldSpec(name: "CreatedDate", type: .datetime, required: true, scoring: .excluded),
            FieldSpec(name: "LeadSource", type: .picklist, required: true, values: ["Web", "Other"]),
            FieldSpec(name: "NumberOfEmployees", type: .integer),
            FieldSpec(name: "Industry", type: .picklist),
            FieldSpec(name: "Email", type: .email, pii: true, derive: [.emailDomainClass]),
            FieldSpec(name: "Status", type: .picklist, scoring: .leakage),
            FieldSpec(name: "IsConverted", type: .boolean, scoring: .leakage),
        ])

    static func edited(_ change: (inout DataContract) -> Void) -> DataContract {
        var contract = champion
        change(&contract)
        return contract
    }

    static func index(_ name: String, in contract: DataContract) -> Int {
        contract.fields.firstIndex { $0.name == name }!
    }

    @Test func theSameContractPasses() {
        let checks = SchemaComparison.checks(candidate: Self.champion, champion: Self.champion)
        #expect(checks.count == 1 && checks[0].passed && checks[0].name == "api_schema")
        // Id, CreatedDate, LeadSource, NumberOfEmployees, Industry, Email: leakage and label fields are not sent.
        #expect(checks[0].value == 6 && checks[0].reference == 6)
    }

    @Test func aRemovedRequiredFieldFails() {
        let candidate = Self.edited { $0.fields.remove(at: Self.index("LeadSource", in: $0)) }
        let checks = SchemaComparison.checks(candidate: candidate, champion: Self.champion)
        #expect(checks.map(\.name) == ["api_schema:LeadSource"] && !checks[0].passed)
        #expect(checks[0].message.contains("required") && checks[0].message.contains("not in the candidate's contract"))
    }

    @Test func aFieldNoLongerUsedByModelsFails() {
        let candidate = Self.edited { $0.fields[Self.index("Industry", in: $0)].scoring = .excluded }
        let checks = SchemaComparison.checks(candidate: candidate, champion: Self.champion)
        #expect(checks.map(\.name) == ["api_schema:Industry"] && !checks[0].passed)
        #expect(checks[0].message.contains("scoring: excluded"))
    }

    @Test func aRetypedFieldFailsButAWiderNumberPasses() {
        let retyped = Self.edited { $0.fields[Self.index("Industry", in: $0)].type = .number }
        let checks = SchemaComparison.checks(candidate: retyped, champion: Self.champion)
        #expect(checks.map(\.name) == ["api_schema:Industry"] && !checks[0].passed)
        #expect(checks[0].message.contains("picklist") && checks[0].message.contains("number"))
        // Whole numbers are still numbers; a picklist becoming free text is still a string.
        let widened = Self.edited {
            $0.fields[Self.index("NumberOfEmployees", in: $0)].type = .number
            $0.fields[Self.index("Industry", in: $0)].type = .string
        }
        #expect(SchemaComparison.checks(candidate: widened, champion: Self.champion).allSatisfy { $0.passed })
        // …but not the other way: 2.5 employees would now be refused.
        let narrowed = Self.edited { $0.fields[Self.index("NumberOfEmployees", in: $0)].type = .integer }
        let original = Self.edited { $0.fields[Self.index("NumberOfEmployees", in: $0)].type = .number }
        #expect(SchemaComparison.checks(candidate: narrowed, champion: original).map(\.passed) == [false])
    }

    @Test func aNewOptionalFieldPassesAndANewRequiredOneFails() {
        let optional = Self.edited { $0.fields.append(FieldSpec(name: "Webinar_Attended__c", type: .boolean)) }
        let passed = SchemaComparison.checks(candidate: optional, champion: Self.champion)
        #expect(passed.count == 1 && passed[0].passed && passed[0].message.contains("new optional fields: Webinar_Attended__c"))
        let required = Self.edited { $0.fields.append(FieldSpec(name: "Webinar_Attended__c", type: .boolean, required: true)) }
        let failed = SchemaComparison.checks(candidate: required, champion: Self.champion)
        #expect(failed.map(\.name) == ["api_schema:Webinar_Attended__c"] && !failed[0].passed)
        #expect(failed[0].message.contains("a new field"))
        let nowRequired = Self.edited { $0.fields[Self.index("Industry", in: $0)].required = true }
        #expect(SchemaComparison.checks(candidate: nowRequired, champion: Self.champion).map(\.name) == ["api_schema:Industry"])
    }
}
