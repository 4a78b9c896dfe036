import Foundation
import Testing
@testable import LeadscoreData
@testable import LeadscoreService

/// The OpenAPI document is valid OpenAPI 3.0.3, stays inside what Salesforce Flow imports, and lists
/// exactly the Lead fields the data contract lets a caller send.
struct OpenAPIDocumentTests {
    // MARK: Validity

    @Test func passesOpenAPISpecValidator() throws {
        let data = OpenAPIDocument.make(contract: try sampleOrgContract(), maxBatchLeads: 200,
                                        serverURL: "https://leadscore.example.com")
        switch try runOpenAPISpecValidator(on: data) {
        case .valid: break
        case let .invalid(message): Issue.record("openapi-spec-validator rejected the document: \(message)")
        case let .unavailable(message): Issue.record("\(message)")
        }
    }

    /// Proves the validator really runs: a document without `info` must be rejected.
    @Test func specValidatorRejectsABrokenDocument() throws {
        var document = try parseDocument(OpenAPIDocument.make(contract: try sampleOrgContract(), maxBatchLeads: 10,
                                                              serverURL: nil))
        document["info"] = nil
        let verdict = try runOpenAPISpecValidator(on: try JSONSerialization.data(withJSONObject: document))
        if case let .unavailable(message) = verdict { Issue.record("\(message)") }
        #expect(verdict != .valid)
    }

    @Test func isDeterministicAndNamesTheContract() throws {
        let contract = try sampleOrgContract()
        let data = OpenAPIDocument.make(contract: contract, maxBatchLeads: 100, serverURL: nil)
        #expect(data == OpenAPIDocument.make(contract: contract, maxBatchLeads: 100, serverURL: nil))
        let document = try parseDocument(data)
        #expect(document["openapi"] as? String == "3.0.3")
        let info = try #require(document["info"] as? [String: Any])
        #expect(info["title"] as? String == "leadscore scoring API")
        #expect(info["version"] as? String == "sample-org-leads 1")
        #expect(document["servers"] == nil)

        let served = try parseDocument(OpenAPIDocument.make(contract: contract, maxBatchLeads: 100,
                                                            serverURL: "https://leadscore.example.com"))
        let servers = try #require(served["servers"] as? [[String: Any]])
        #expect(servers.map { $0["url"] as? String } == ["https://leadscore.example.com"])
    }

    // MARK: Flow limits

    @Test(arguments: ["sample", "every type"])
    func staysWithinFlowLimits(contract name: String) throws {
        let contract = name == "sample" ? try sampleOrgContract() : everyTypeContract
        let document = try parseDocument(OpenAPIDocument.make(contract: contract, maxBatchLeads: 50, serverURL: nil))
        let violations = flowLimitViolations(in: document)
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
    }

    /// The checker itself catches each regression it is there for.
    @Test func flowLimitCheckCatchesRegressions() throws {
        let document = try parseDocument(OpenAPIDocument.make(contract: try sampleOrgContract(), maxBatchLeads: 50,
                                                              serverURL: nil))
        let leadSource = ["components", "schemas", "Lead", "properties", "LeadSource"]
        let breakages: [(String, [String], Any)] = [
            ("'enum'", leadSource + ["enum"], ["Web", "Partner Referral"]),
            ("'oneOf'", ["components", "schemas", "BatchItem", "oneOf"], [["type": "string"]]),
            ("format int64", ["components", "schemas", "Job", "properties", "total", "format"], "int64"),
            ("an array without exactly one item schema", ["components", "schemas", "AuditEventInfo", "properties",
                                                          "reasonCodes", "items"], [["type": "string"], ["type": "integer"]]),
            ("$ref #/components/schemas/Missing", ["components", "schemas", "ScoreRequest", "properties", "lead", "$ref"],
             "#/components/schemas/Missing"),
            ("not a named component", ["paths", "/v1/score", "post", "requestBody", "content", "application/json", "schema"],
             ["type": "object"]),
        ]
        for (expected, path, value) in breakages {
            let broken = setting(value, at: path, in: document)
            let violations = flowLimitViolations(in: broken)
            #expect(violations.contains { $0.contains(expected) }, "\(expected) not caught: \(violations)")
        }
    }

    @Test func everyOperationHasAnIdAndTheRightSecurity() throws {
        let document = try parseDocument(OpenAPIDocument.make(contract: try sampleOrgContract(), maxBatchLeads: 50,
                                                              serverURL: nil))
        #expect(document["security"] == nil, "a document-wide security default would lock /health and /oauth/token")
        let schemes = (document["components"] as? [String: Any])?["securitySchemes"] as? [String: Any]
        let bearer = try #require(schemes?["bearerAuth"] as? [String: Any])
        #expect(bearer["type"] as? String == "http")
        #expect(bearer["scheme"] as? String == "bearer")

        let found = operations(in: document)
        #expect(Set(found.map { "\($0.method.uppercased()) \($0.path)" }) == [
            "POST /v1/score", "POST /v1/score/batch", "POST /v1/jobs", "GET /v1/jobs/{jobId}",
            "GET /v1/jobs/{jobId}/results", "GET /v1/models", "GET /v1/audit", "POST /oauth/token",
            "POST /v1/models/{version}/promote", "POST /v1/models/{version}/shadow", "POST /v1/models/rollback",
            "GET /health", "GET /ready", "GET /metrics", "GET /openapi.json",
        ])
        var ids: Set<String> = []
        for (path, method, operation) in found {
            let label = "\(method.uppercased()) \(path)"
            let id = try #require(operation["operationId"] as? String, "\(label) has no operationId")
            #expect(id.count <= 80 && id.first?.isLowercase == true && id.allSatisfy { $0.isLetter || $0.isNumber },
                    "\(label): operationId \(id) is not camelCase within 80 characters")
            #expect(ids.insert(id).inserted, "operationId \(id) is used twice")

            let security = operation["security"] as? [[String: [String]]]
            if path.hasPrefix("/v1/") {
                #expect(security == [["bearerAuth": []]], "\(label) must require bearerAuth")
            } else {
                #expect(operation["security"] == nil, "\(label) must need no authentication")
            }
            let responses = try #require(operation["responses"] as? [String: [String: Any]])
            for (status, response) in responses {
                #expect((response["description"] as? String)?.isEmpty == false, "\(label) \(status) has no description")
                #expect(response["content"] != nil, "\(label) \(status): Flow wants a {} body, not an empty one")
            }
        }
    }

    @Test func scoreEndpointsDeclareTheirErrorsAndIdempotencyKey() throws {
        let document = try parseDocument(OpenAPIDocument.make(contract: try sampleOrgContract(), maxBatchLeads: 75,
                                                              serverURL: nil))
        for (path, _, operation) in operations(in: document) where path.hasPrefix("/v1/score") {
            let responses = try #require(operation["responses"] as? [String: [String: Any]])
            #expect(Set(responses.keys) == ["200", "400", "401", "403", "409", "413", "415", "422", "429", "503"])
            let errorSchema = ((responses["422"]?["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"]
            #expect((errorSchema as? [String: String]) == ["$ref": "#/components/schemas/ErrorResponse"])
            let parameters = try #require(operation["parameters"] as? [[String: Any]])
            #expect(parameters.contains { $0["name"] as? String == "Idempotency-Key" && $0["in"] as? String == "header"
                && $0["required"] as? Bool == false })
        }
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let batch = (schemas["BatchScoreRequest"] as? [String: Any])?["properties"] as? [String: Any]
        #expect((batch?["leads"] as? [String: Any])?["maxItems"] as? Int == 75)
        let response = try #require((schemas["ScoreResponse"] as? [String: Any])?["properties"] as? [String: Any])
        #expect(Set(response.keys) == [
            "leadId", "score", "probability", "tier", "tierLabel", "route", "confidence", "reviewNeeded", "reasons",
            "reasonText", "modelVersion", "dataVersion", "scoredAt", "requestId", "warnings",
        ])
    }

    // MARK: The Lead schema

    @Test func leadSchemaListsWhatACallerSendsForTheSampleOrg() throws {
        let lead = try leadSchema(try sampleOrgContract())
        let properties = try #require(lead["properties"] as? [String: [String: Any]])
        #expect(Set(properties.keys) == [
            "Id", "CreatedDate", "Title", "Email", "LeadSource", "Industry", "Country", "State",
            "Product_Interest__c", "NumberOfEmployees", "AnnualRevenue", "Email_Opens__c", "Web_Page_Views__c",
            "Pricing_Page_Visits__c", "Content_Downloads__c", "Webinar_Attended__c", "Demo_Requested__c",
            "HasOptedOutOfEmail",
        ])
        // Leakage, the label, and PII without a derived feature never reach a caller's mapping.
        for absent in ["ConvertedDate", "IsConverted", "Status", "Rating", "OwnerId", "LastActivityDate", "Phone", "LastName"] {
            #expect(properties[absent] == nil, "\(absent) must not be in the Lead schema")
        }
        #expect(lead["required"] as? [String] == ["CreatedDate"])
        #expect(lead["additionalProperties"] == nil)

        let source = try #require(properties["LeadSource"]?["description"] as? String)
        #expect(source.contains("One of: Web, Phone Inquiry, Partner Referral, Purchased List, Trade Show, Webinar, "
            + "Employee Referral, Other."))
        #expect(properties["Email"]?["type"] as? String == "string")
        #expect((properties["Email"]?["description"] as? String)?.contains("domain class") == true)
        #expect((properties["Title"]?["description"] as? String)?.contains("seniority and job function") == true)
        #expect(properties["CreatedDate"]?["format"] as? String == "date-time")
        #expect(properties["NumberOfEmployees"]?["type"] as? String == "integer")
        #expect(properties["AnnualRevenue"]?["type"] as? String == "number")
        #expect(properties["Demo_Requested__c"]?["type"] as? String == "boolean")
        let interest = try #require(properties["Product_Interest__c"]?["description"] as? String)
        #expect(interest.contains("Values separated by ;, each one of: Analytics, Automation, Integrations, Security, Support."))
        #expect((properties["Industry"]?["description"] as? String)?.contains("May be null") == true)
    }

    @Test func leadSchemaMapsEveryFieldType() throws {
        let lead = try leadSchema(everyTypeContract)
        let properties = try #require(lead["properties"] as? [String: [String: Any]])
        let shapes = properties.mapValues { [$0["type"] as? String, $0["format"] as? String].compactMap { $0 } }
        #expect(shapes == [
            "Id": ["string"], "CreatedDate": ["string", "date-time"], "Email": ["string"], "Title": ["string"],
            "LeadSource": ["string"], "Country_Code__c": ["string"], "Product_Interest__c": ["string"],
            "NumberOfEmployees": ["integer"], "AnnualRevenue": ["number"], "Demo_Requested__c": ["boolean"],
            "First_Touch_Date__c": ["string", "date"], "Website_Visitor_Id__c": ["string"],
        ])
        #expect(Set(lead["required"] as? [String] ?? []) == ["CreatedDate", "LeadSource"])
        #expect((properties["LeadSource"]?["description"] as? String)?.contains("Required: must not be null.") == true)

        // A 400-value picklist is cut to fit External Services' description limit, saying how many are left out.
        let countries = try #require(properties["Country_Code__c"]?["description"] as? String)
        #expect(countries.count <= 1_333)
        #expect(countries.hasPrefix("Country Code. One of: C000, C001,"))
        #expect(countries.contains("more listed in the data contract."))
        #expect(countries.hasSuffix("May be null or left out (missing)."))
    }

    // MARK: Helpers

    private func leadSchema(_ contract: DataContract) throws -> [String: Any] {
        let document = try parseDocument(OpenAPIDocument.make(contract: contract, maxBatchLeads: 10, serverURL: nil))
        let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any]
        return try #require(schemas?["Lead"] as? [String: Any])
    }

    /// `document` with `value` set at `path`, creating nothing: every key but the last must exist.
    private func setting(_ value: Any, at path: [String], in document: [String: Any]) -> [String: Any] {
        var copy = document
        guard let key = path.first else { return document }
        if path.count == 1 {
            copy[key] = value
        } else {
            copy[key] = setting(value, at: Array(path.dropFirst()), in: document[key] as? [String: Any] ?? [:])
        }
        return copy
    }

    /// One field of every type, plus the cases the rules are about: a label field wrongly marked
    /// allowed, leakage, excluded PII, PII with derivations, and a picklist too long for one description.
    private let everyTypeContract = DataContract(
        name: "acme-leads", revision: "2025-03", idField: "Id", createdField: "CreatedDate",
        label: LabelDefinition(field: "IsConverted", dateField: "ConvertedDate"),
        fields: [
            FieldSpec(name: "Id", type: .id, required: true, scoring: .excluded),
            FieldSpec(name: "CreatedDate", type: .datetime, required: true, scoring: .excluded),
            FieldSpec(name: "Email", type: .email, pii: true, piiAction: .hash, derive: [.emailDomainClass]),
            FieldSpec(name: "Title", type: .string, pii: true, derive: [.titleSeniority]),
            FieldSpec(name: "Phone", type: .phone, pii: true, scoring: .excluded),
            FieldSpec(name: "LeadSource", label: "Lead Source", type: .picklist, required: true,
                      values: ["Web", "Partner Referral"]),
            FieldSpec(name: "Country_Code__c", label: "Country Code", type: .picklist,
                      values: (0..<400).map { "C" + String(format: "%03d", $0) }),
            FieldSpec(name: "Product_Interest__c", type: .multipicklist, values: ["Analytics", "Security"]),
            FieldSpec(name: "NumberOfEmployees", type: .integer),
            FieldSpec(name: "AnnualRevenue", type: .number),
            FieldSpec(name: "Demo_Requested__c", type: .boolean),
            FieldSpec(name: "First_Touch_Date__c", type: .date),
            FieldSpec(name: "Website_Visitor_Id__c", type: .id),
            FieldSpec(name: "Rating", type: .picklist, values: ["Hot", "Cold"], scoring: .leakage),
            FieldSpec(name: "OwnerId", type: .id, scoring: .excluded),
            FieldSpec(name: "IsConverted", type: .boolean),
            FieldSpec(name: "ConvertedDate", type: .date, scoring: .leakage),
        ])
}
