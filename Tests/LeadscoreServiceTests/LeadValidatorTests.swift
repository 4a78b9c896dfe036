import Foundation
import LeadscoreData
import Testing
@testable import LeadscoreService

/// The contract check of one lead, without HTTP: what Flow and Apex send is accepted, each
/// problem names its field, and equal inputs hash equally whatever their JSON spelling.
@Suite struct LeadValidatorTests {
    let contract = DataContract(
        name: "unit", idField: "Id", createdField: "CreatedDate", label: LabelDefinition(field: "IsConverted"),
        fields: [
            FieldSpec(name: "Id", type: .id),
            FieldSpec(name: "CreatedDate", type: .datetime, required: true,
                      minimum: SalesforceDate.parse("1700-01-01"), maximum: SalesforceDate.parse("4000-12-31")),
            FieldSpec(name: "LeadSource", type: .picklist, values: ["Web", "Partner"]),
            FieldSpec(name: "Interests__c", type: .multipicklist),
            FieldSpec(name: "NumberOfEmployees", type: .integer, minimum: 0, maximum: 1e7),
            FieldSpec(name: "Webinar__c", type: .boolean),
            FieldSpec(name: "Email", type: .email, pii: true, derive: [.emailDomainClass]),
            FieldSpec(name: "IsConverted", type: .boolean, required: true, scoring: .leakage),
        ])

    private func validate(_ lead: [String: JSONValue], _ policy: ValidationPolicy = ValidationPolicy(),
                          from source: LeadValidator.Source = .json) -> Result<LeadValidator.ValidLead, APIError> {
        LeadValidator(contract: contract, policy: policy).validate(lead, from: source)
    }

    @Test func acceptsFlowAndApexSpellings() throws {
        let iso = try validate(["CreatedDate": .string("2025-03-04T15:22:10.000+0000"), "NumberOfEmployees": .number(250),
                                "Webinar__c": .bool(true), "Interests__c": .array([.string("b"), .string("a")]),
                                "LeadSource": .null, "Email": .string("ana@acme.com")]).get()
        let text = try validate(["CreatedDate": .string("2025-03-04T15:22:10Z"), "NumberOfEmployees": .number(250),
                                 "Webinar__c": .bool(true), "Interests__c": .string("a;b"),
                                 "Email": .string("bob@acme.com")]).get()
        #expect(iso.inputHash == text.inputHash)
        // Numbers and flags as text break the API document's types: refused, naming the field.
        guard case let .failure(error) = validate(["CreatedDate": .string("2025-03-04"), "NumberOfEmployees": .string("250"),
                                                   "Webinar__c": .string("true")]) else {
            Issue.record("expected a refusal")
            return
        }
        #expect(error.details.map(\.code) == ["wrong_type", "wrong_type"])
        // From text (a CSV job), numbers and flags are read from text and hash as the typed ones.
        let csv = try validate(["CreatedDate": .string("2025-03-04T15:22:10Z"), "NumberOfEmployees": .string("250"),
                                "Webinar__c": .string("true"), "Interests__c": .string("a;b"), "Email": .string("bob@acme.com")],
                               from: .text).get()
        #expect(csv.inputHash == text.inputHash)
        #expect(iso.record["Email"] == nil)
        #expect(iso.record["Email.domain_class"] == .text("corporate"))
        #expect(iso.record["Interests__c"] == .text("a;b"))
    }

    @Test func everyProblemIsNamedOnce() {
        guard case let .failure(error) = validate(["NumberOfEmployees": .string("2.5"), "Webinar__c": .number(3),
                                                   "Interests__c": .array([.number(1)]), "Id": .string("nope")]) else {
            Issue.record("expected a refusal")
            return
        }
        #expect(error.status == .unprocessableContent)
        #expect(Set(error.details.map(\.field)) == ["NumberOfEmployees", "Webinar__c", "Interests__c", "Id", "CreatedDate"])
        #expect(error.details.allSatisfy { !$0.message.isEmpty })
    }

    /// Form placeholders are no value, as in snapshots: a required field holding one is missing, and a picklist
    /// holding one is not an unknown value (the contract's `missing_values`, defaults here).
    @Test func placeholdersAreMissingValues() throws {
        guard case let .failure(error) = validate(["CreatedDate": .string(" N/A ")]) else {
            Issue.record("a placeholder must not satisfy a required field")
            return
        }
        #expect(error.details.map(\.code) == ["required"])
        let strict = ValidationPolicy(unknownPicklistValues: .refuse, unknownFields: .refuse)
        let lead = try validate(["CreatedDate": .string("2025-03-04"), "LeadSource": .string("--None--"),
                                 "Email": .string("N/A")], strict).get()
        #expect(lead.warnings.isEmpty)
        #expect(lead.record["LeadSource"] == nil || lead.record["LeadSource"] == .missing)
    }

    @Test func outcomeFieldsAreNotRequiredAtScoringTime() throws {
        _ = try validate(["CreatedDate": .string("2025-03-04")]).get()
    }

    @Test func picklistAndUnknownFieldPolicies() throws {
        let lenient = try validate(["CreatedDate": .string("2025-03-04"), "LeadSource": .string("Fax"), "Shoe__c": .string("9")]).get()
        #expect(lenient.warnings.count == 2)
        let strict = ValidationPolicy(unknownPicklistValues: .refuse, unknownFields: .refuse)
        guard case let .failure(error) = validate(["CreatedDate": .string("2025-03-04"), "LeadSource": .string("Fax"),
                                                   "Shoe__c": .string("9")], strict) else {
            Issue.record("expected a refusal")
            return
        }
        #expect(error.details.map(\.code).sorted() == ["unknown_field", "unknown_value"])
    }

    /// 20,000 invented fields once gave 20,000 warnings (a 1 MB answer): twenty are named, the rest counted.
    @Test func manyUnknownFieldsAreSummarised() throws {
        var lead: [String: JSONValue] = ["CreatedDate": .string("2025-03-04")]
        for index in 0..<20_000 { lead[String(format: "Junk%05d__c", index)] = .string("x") }
        lead["A" + String(repeating: "L", count: 5_000)] = .string("long name")  // sorts first: listed, shortened
        let lenient = try validate(lead).get()
        #expect(lenient.warnings.count == LeadValidator.unknownFieldsListed + 1)
        #expect(lenient.warnings.last == "19981 more fields are not in the data contract and were ignored")
        #expect(lenient.warnings.allSatisfy { $0.count < 200 })
        guard case let .failure(error) = validate(lead, ValidationPolicy(unknownFields: .refuse)) else {
            Issue.record("expected a refusal")
            return
        }
        #expect(error.details.count == LeadValidator.unknownFieldsListed + 1)
        #expect(error.details.last?.code == "unknown_fields" && error.details.last?.field == "")  // the lead itself
        #expect(error.details.allSatisfy { $0.field.count <= 81 })
    }

    /// Negative employees, a year 9999: values no lead can have were scored silently.
    @Test func valuesOutsideTheContractRangeAreRefusedOrFlagged() throws {
        let lead: [String: JSONValue] = ["CreatedDate": .string("9999-01-01T00:00:00Z"), "NumberOfEmployees": .number(-5)]
        guard case let .failure(error) = validate(lead) else {
            Issue.record("expected a refusal")
            return
        }
        #expect(error.details.map(\.field) == ["CreatedDate", "NumberOfEmployees"])
        #expect(error.details.allSatisfy { $0.code == "out_of_range" })
        #expect(error.details.last?.message == "NumberOfEmployees is -5, below the contract's minimum 0; send the real value, or null when unknown")
        let flagged = try validate(lead, ValidationPolicy(outOfRange: .warn)).get()
        #expect(flagged.warnings.count == 2 && flagged.warnings.allSatisfy { $0.contains("scored as sent") })
        #expect(flagged.record["NumberOfEmployees"] == .number(-5))
        #expect(try validate(["CreatedDate": .string("2025-03-04"), "NumberOfEmployees": .number(1e7)]).get().warnings.isEmpty)
    }

    /// The API document types each field; the server holds to it (Schemathesis found `"Email": true` scored).
    @Test func jsonTypesFollowTheDocumentAndIdsTheirForm() throws {
        guard case let .failure(error) = validate(["CreatedDate": .string("2025-03-04"), "Email": .bool(true),
                                                   "LeadSource": .number(3)]) else {
            Issue.record("expected a refusal")
            return
        }
        #expect(error.details.map(\.field) == ["Email", "LeadSource"] && error.details.allSatisfy { $0.code == "wrong_type" })
        // A well-formed id is echoed whatever its checksum; a malformed one is named.
        let madeUp = try validate(["CreatedDate": .string("2025-03-04"), "Id": .string("00QAAAAAAAAAAAAAAA")]).get()
        #expect(madeUp.leadId == "00QAAAAAAAAAAAAAAA")
        guard case let .failure(badId) = validate(["CreatedDate": .string("2025-03-04"), "Id": .string("00Q-12")]) else {
            Issue.record("expected a refusal")
            return
        }
        #expect(badId.details.map(\.field) == ["Id"])
        #expect(LeadValidator.isSalesforceId("00Q5e0003i0ucYlEAI") && !LeadValidator.isSalesforceId("00Q5e0003i0ucYlEA"))
        // An id field that is not a Salesforce Id (a CSV's own lead number) takes any text.
        var numbered = contract
        numbered.fields[0].type = .string
        let lead = try LeadValidator(contract: numbered, policy: ValidationPolicy())
            .validate(["CreatedDate": .string("2025-03-04"), "Id": .string("L-000123")], from: .json).get()
        #expect(lead.leadId == "L-000123")
    }

    @Test func canaryBucketsAreStableAndSpread() {
        let buckets = (0..<2_000).map { ServingSet.bucket(of: "00Q\($0)") }
        #expect(buckets == (0..<2_000).map { ServingSet.bucket(of: "00Q\($0)") })
        let underTen = buckets.filter { $0 < 10 }.count
        #expect(underTen > 120 && underTen < 280)
    }

    @Test func resultCacheExpiresAndStaysBounded() {
        let cache = ResultCache<Int>(timeToLive: 10, capacity: 100)
        cache.insert(1, for: "a", now: 0)
        #expect(cache.value(for: "a", now: 5) == 1)
        #expect(cache.value(for: "a", now: 11) == nil)
        for index in 0..<500 { cache.insert(index, for: "k\(index)", now: 20) }
        #expect(cache.count <= 100)
        #expect(cache.value(for: "k499", now: 21) == 499)
    }
}
