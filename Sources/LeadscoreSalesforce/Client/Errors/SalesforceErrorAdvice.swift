import Foundation

/// Turns a Salesforce error code into the step an admin takes to fix it.
///
/// Salesforce's messages say what went wrong in the platform's terms; the people running leadscore
/// need the Setup page to open. Most failures of an integration come down to a handful of causes
/// (a field the integration user cannot read, a missing permission, an exhausted allowance), so each
/// gets a sentence that names the object, field or position involved when the message reveals it.
enum SalesforceErrorAdvice {
    static func fix(for error: SalesforceAPIError) -> String {
        switch error.errorCode {
        case "INVALID_FIELD":
            if let (object, field) = noSuchColumn(in: error.message) {
                return "the integration user lacks Read on \(object).\(field) (or the field does not exist): add it to the "
                    + "integration user's permission set (Setup → Permission Sets → Object Settings → \(object) → Read on "
                    + "\(field)), or remove \(field) from the data contract if the org does not have it"
            }
            return "a field in the request is unknown to the integration user: check its API name (custom fields end in __c) "
                + "and give the permission set Read (or Edit, for writes) on it"
        case "INVALID_TYPE":
            let object = quoted(after: "sObject type ", in: error.message) ?? "the object"
            return "the integration user cannot see \(object) (or it does not exist): check the API name and give the "
                + "permission set Read on \(object)"
        case "MALFORMED_QUERY", "INVALID_QUERY_FILTER_OPERATOR":
            let position = queryPosition(error).map { " — \($0)" } ?? ""
            return "the SOQL is not valid\(position); check the field names and the WHERE clause (leadscore builds the "
                + "query from the data contract, so check the contract's field API names)"
        case "INSUFFICIENT_ACCESS_OR_READONLY", "INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY":
            return "the integration user may not change this record: give its permission set Edit on the object and fields "
                + "and make sure sharing grants access to the records (ownership, a sharing rule, or Modify All)"
        case "API_DISABLED_FOR_ORG", "API_CURRENTLY_DISABLED":
            return "the API is off for this user or org: enable 'API Enabled' in the integration user's profile or permission "
                + "set (the org's edition must include API access: Enterprise, Unlimited, Performance or Developer)"
        case "REQUEST_LIMIT_EXCEEDED":
            return "the org's API allowance is used up (Setup → Company Information → API Requests, Last 24 Hours): run again "
                + "later, lower salesforce.limit_share so leadscore slows down sooner, or ask Salesforce for a larger allowance"
        case "INVALID_SESSION_ID":
            return "Salesforce refused a freshly issued access token: check the connected app's session policies (IP "
                + "relaxation, session timeout), that the integration user is active, and that login_url points at this org"
        case "ENTITY_IS_DELETED":
            return "the record was deleted in Salesforce (it is in the Recycle Bin): skip it, or restore it first"
        case "FIELD_CUSTOM_VALIDATION_EXCEPTION":
            return "a validation rule in the org rejected the value (its message is above): exempt the integration user in "
                + "the rule (e.g. a custom permission checked with $Permission) or correct the value"
        case "UNABLE_TO_LOCK_ROW":
            return "other automation kept the records locked through every retry: run again when fewer jobs touch the same "
                + "records, or raise salesforce.retry.max_attempts"
        case "SERVER_UNAVAILABLE":
            return "Salesforce stayed unavailable through every retry: check https://status.salesforce.com and run again"
        case "INVALID_FIELD_FOR_INSERT_UPDATE":
            let fields = error.fields.isEmpty ? "the field" : error.fields.joined(separator: ", ")
            return "\(fields) cannot be written by the integration user: give the permission set Edit on \(fields) "
                + "(field-level security) or stop writing it"
        case "MALFORMED_ID", "INVALID_ID_FIELD", "INVALID_CROSS_REFERENCE_KEY":
            return "an Id in the request is not a valid Id of the right object: check the record Ids sent"
        case "NOT_FOUND":
            return "the object, record or URL does not exist: check the object's API name, the record Id and api_version"
        case "STRING_TOO_LONG":
            return "a value is longer than the field allows: shorten it or lengthen the field in Setup → Object Manager"
        case "REQUIRED_FIELD_MISSING":
            return "a required field was not sent: add it to the record, or make it optional in the org"
        case "INVALID_OPERATION_WITH_EXPIRED_PASSWORD":
            return "the integration user's password has expired: reset it, or give the user a profile whose password never expires"
        case "QUERY_TIMEOUT", "OPERATION_TOO_LARGE":
            return "the query is too heavy for REST: filter on an indexed field (CreatedDate, SystemModstamp) or lower "
                + "salesforce.rest_max_rows so the extract uses the Bulk API"
        case "INVALID_QUERY_LOCATOR":
            return "the query cursor expired (Salesforce keeps it about 15 minutes between pages): run the extract again"
        default:
            return fallback(status: error.status)
        }
    }

    private static func fallback(status: Int) -> String {
        switch status {
        case 401: return "the access token was refused: check the connected app and the integration user"
        case 403: return "the integration user lacks a permission for this request: check its profile and permission sets"
        case 404: return "the resource does not exist: check object API names, record Ids and api_version"
        case 500...: return "Salesforce failed through every retry: run again later, and open a case with Salesforce if it persists"
        default: return "read Salesforce's message above; it names the problem in the request"
        }
    }

    /// `No such column 'AnnualRevenue' on entity 'Lead'` → (`Lead`, `AnnualRevenue`).
    static func noSuchColumn(in message: String) -> (object: String, field: String)? {
        guard let field = quoted(after: "No such column ", in: message),
              let object = quoted(after: " on entity ", in: message) else { return nil }
        return (object, field)
    }

    /// The text between the quotes right after `marker`.
    private static func quoted(after marker: String, in message: String) -> String? {
        guard let start = message.range(of: marker + "'") else { return nil }
        let rest = message[start.upperBound...]
        guard let end = rest.firstIndex(of: "'") else { return nil }
        return String(rest[..<end])
    }

    /// `ERROR at Row:1:Column:35` → "at row 1, column 35: …FROM Accont ← here", from the query when known.
    static func queryPosition(_ error: SalesforceAPIError) -> String? {
        guard let marker = error.message.range(of: "Row:") else { return nil }
        let numbers = error.message[marker.upperBound...].split(whereSeparator: { !$0.isNumber }).prefix(2).compactMap { Int($0) }
        guard numbers.count == 2 else { return nil }
        let (row, column) = (numbers[0], numbers[1])
        var position = "at row \(row), column \(column)"
        let lines = error.query?.components(separatedBy: "\n") ?? []
        if row >= 1, row <= lines.count {
            let line = Array(lines[row - 1])
            let index = min(max(column - 1, 0), line.count)
            let before = String(line[max(0, index - 30)..<index])
            let after = String(line[index..<min(line.count, index + 30)])
            position += ": …\(before)⟨here⟩\(after)…"
        }
        return position
    }
}
