import LeadscoreSOQL
import Testing

@Test func errorDescriptionCarriesSalesforceCode() {
    #expect(SOQLError(code: "MALFORMED_QUERY", message: "unexpected token: 'FROMM'").description
        == "MALFORMED_QUERY: unexpected token: 'FROMM'")
}
