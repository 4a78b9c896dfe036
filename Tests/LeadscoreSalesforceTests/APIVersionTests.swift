import LeadscoreSalesforce
import Testing

@Test func apiVersionForms() throws {
    #expect(try SalesforceAPIVersion(parsing: "v62.0", source: "t").pathSegment == "v62.0")
    #expect(try SalesforceAPIVersion(parsing: "60", source: "t").description == "60.0")
    #expect(throws: (any Error).self) { try SalesforceAPIVersion(parsing: "62.5", source: "t") }
    #expect(throws: (any Error).self) { try SalesforceAPIVersion(parsing: "20.0", source: "t") }
}
