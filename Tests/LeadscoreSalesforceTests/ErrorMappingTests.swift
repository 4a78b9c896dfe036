import Foundation
import LeadscoreSalesforce
import Testing

/// Salesforce error bodies → typed errors whose fix names the setting, and which of them are retried.
///
/// Bodies follow the REST API Developer Guide, "Status Codes and Error Responses"
/// (developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm): a JSON array of
/// `{"message", "errorCode", "fields"}`; query messages carry the SOQL excerpt and `ERROR at Row:…:Column:…`.
@Suite struct ErrorMappingTests {
    static func error(_ body: String, status: Int = 400, query: String? = nil) -> SalesforceAPIError {
        SalesforceAPIError(status: status, body: Data(body.utf8), operation: "query Lead", query: query)
    }

    @Test func malformedIdFromTheGuide() {
        let error = Self.error(#"[{"fields":["Id"],"message":"Account ID: id value of incorrect type: 001900K0001pPuOAAU","errorCode":"MALFORMED_ID"}]"#)
        #expect(error.errorCode == "MALFORMED_ID")
        #expect(error.fields == ["Id"])
        #expect(error.message == "Account ID: id value of incorrect type: 001900K0001pPuOAAU")
        #expect(!error.isRetriable)
    }

    @Test func invalidFieldNamesTheObjectFieldAndPermissionSet() {
        let error = Self.error(#"[{"message":"\nSELECT Id, AnnualRevenue FROM Lead\n           ^\nERROR at Row:1:Column:12\nNo such column 'AnnualRevenue' on entity 'Lead'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.","errorCode":"INVALID_FIELD"}]"#)
        #expect(error.fix.hasPrefix("the integration user lacks Read on Lead.AnnualRevenue (or the field does not exist)"))
        #expect(error.fix.contains("permission set"))
        #expect(!error.isRetriable)
        #expect(error.description.contains("HTTP 400 INVALID_FIELD"))
    }

    @Test func malformedQueryShowsThePosition() {
        let soql = "SELECT Id, Company FROM Lead WHERE CreatedDate >= 2024-01-01 AND AND Status = 'Open'"
        let column = soql.utf8.distance(from: soql.startIndex, to: soql.range(of: "AND Status")!.lowerBound) + 1
        let error = Self.error(#"[{"message":"\nCreatedDate >= 2024-01-01 AND AND Status\n                             ^\nERROR at Row:1:Column:\#(column)\nunexpected token: 'AND'","errorCode":"MALFORMED_QUERY"}]"#,
                               query: soql)
        #expect(column == 66)
        #expect(error.fix.contains("at row 1, column 66"))
        #expect(error.fix.contains("2024-01-01 AND ⟨here⟩AND Status"))
        #expect(!error.isRetriable)
    }

    @Test(arguments: [
        (#"[{"message":"insufficient access rights on object id","errorCode":"INSUFFICIENT_ACCESS_OR_READONLY","fields":[]}]"#, 400, "Edit on the object"),
        (#"[{"message":"The REST API is not enabled for this Organization.","errorCode":"API_DISABLED_FOR_ORG"}]"#, 403, "API Enabled"),
        (#"[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]"#, 403, "API Requests, Last 24 Hours"),
        (#"[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]"#, 401, "session policies"),
        (#"[{"message":"entity is deleted","errorCode":"ENTITY_IS_DELETED","fields":[]}]"#, 400, "Recycle Bin"),
        (#"[{"message":"Score must be between 0 and 100","errorCode":"FIELD_CUSTOM_VALIDATION_EXCEPTION","fields":["AI_Score__c"]}]"#, 400, "validation rule"),
        (#"[{"message":"sObject type 'Leed' is not supported.","errorCode":"INVALID_TYPE"}]"#, 400, "cannot see Leed"),
        (#"[{"message":"Unable to create/update fields: AI_Score__c.","errorCode":"INVALID_FIELD_FOR_INSERT_UPDATE","fields":["AI_Score__c"]}]"#, 400, "Edit on AI_Score__c"),
        (#"[{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}]"#, 404, "API name"),
    ])
    func fixesNameWhatToDo(body: String, status: Int, fix: String) {
        let error = Self.error(body, status: status)
        #expect(error.fix.contains(fix), "\(error.errorCode): \(error.fix)")
    }

    @Test func retriableCodesAndStatuses() {
        #expect(Self.error(#"[{"message":"unable to obtain exclusive access to this record","errorCode":"UNABLE_TO_LOCK_ROW"}]"#).isRetriable)
        #expect(Self.error(#"[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]"#, status: 403).isRetriable)
        #expect(Self.error(#"[{"message":"Server unavailable","errorCode":"SERVER_UNAVAILABLE"}]"#, status: 503).isRetriable)
        #expect(Self.error("<html>Service Unavailable</html>", status: 503).isRetriable)
        #expect(Self.error("", status: 500).isRetriable)
        #expect(!Self.error(#"[{"message":"bad","errorCode":"MALFORMED_QUERY"}]"#).isRetriable)
        #expect(!Self.error(#"[{"message":"no access","errorCode":"INSUFFICIENT_ACCESS_OR_READONLY"}]"#, status: 403).isRetriable)
        #expect(Self.error(#"[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]"#, status: 401)
            .needsReauthentication)
    }

    @Test func bodiesThatAreNotSalesforceErrors() {
        let html = Self.error("<html>\n<body>Bad Gateway</body>\n</html>", status: 502)
        #expect(html.errorCode == "HTTP_502")
        #expect(html.message == "<html> <body>Bad Gateway</body> </html>")
        let empty = Self.error("", status: 404)
        #expect(empty.message == "no error body (HTTP 404)")
        #expect(empty.fix.contains("does not exist"))
        let object = Self.error(#"{"errorCode":"INVALID_FIELD","message":"No such column 'X' on entity 'Lead'"}"#)
        #expect(object.fix.contains("Lead.X"))
    }

    @Test func clientErrorsSayWhatToDo() {
        #expect(SalesforceClientError.untrustedCertificate(host: "127.0.0.1", reason: "self-signed").description.contains("salesforce.ca_file"))
        #expect(SalesforceClientError.unreachable(operation: "query Lead", attempts: 5, reason: "connection refused")
            .description.contains("after 5 attempts"))
        #expect(SalesforceClientError.bulkJobTimedOut(jobId: "750x", state: "InProgress", minutes: 60)
            .description.contains("bulk_timeout_minutes"))
    }
}
