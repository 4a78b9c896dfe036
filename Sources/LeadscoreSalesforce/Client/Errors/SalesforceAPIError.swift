import Foundation

/// Salesforce refused a request: its HTTP status and the first entry of its error body
/// `[{"message": …, "errorCode": …, "fields": […]}]`, plus what to do about it (``fix``).
///
/// Thrown once retries and re-authentication are spent, so the error a user sees is final: a
/// `REQUEST_LIMIT_EXCEEDED` here means the org stayed over its limit through every retry.
public struct SalesforceAPIError: Error, Sendable, Equatable, CustomStringConvertible {
    public let status: Int
    /// Salesforce's code (`INVALID_FIELD`, `MALFORMED_QUERY`, …), or `HTTP_<status>` when the body had none.
    public let errorCode: String
    public let message: String
    public let fields: [String]
    /// What the client was doing, e.g. `query Lead` or `GET /services/data/v62.0/sobjects/Lead/describe`.
    public let operation: String
    /// The SOQL, for errors about a query (its position is shown for `MALFORMED_QUERY`).
    public let query: String?
    /// How many times the request was sent.
    public let attempts: Int

    public init(status: Int, errorCode: String, message: String, fields: [String] = [], operation: String,
                query: String? = nil, attempts: Int = 1) {
        self.status = status
        self.errorCode = errorCode
        self.message = message
        self.fields = fields
        self.operation = operation
        self.query = query
        self.attempts = attempts
    }

    /// Reads an error body. Salesforce sends a JSON array of errors (REST, Bulk 2.0); a few endpoints
    /// send one object; a proxy or an outage may send HTML or nothing, which becomes `HTTP_<status>`
    /// with the start of the body as the message.
    public init(status: Int, body: Data, operation: String, query: String? = nil, attempts: Int = 1) {
        let parsed = try? SalesforceValue(json: body)
        let first: [String: SalesforceValue]?
        switch parsed {
        case let .array(items)?: first = items.first?.objectValue
        case let .object(members)?: first = members
        default: first = nil
        }
        let code = first?["errorCode"]?.stringValue ?? first?["statusCode"]?.stringValue
        let message = first?["message"]?.stringValue
        let fields = first?["fields"]?.arrayValue?.compactMap(\.stringValue) ?? []
        self.init(status: status, errorCode: code ?? "HTTP_\(status)",
                  message: message ?? Self.excerpt(of: body, status: status),
                  fields: fields, operation: operation, query: query, attempts: attempts)
    }

    /// The same error with the final attempt count.
    func with(attempts: Int) -> SalesforceAPIError {
        SalesforceAPIError(status: status, errorCode: errorCode, message: message, fields: fields,
                           operation: operation, query: query, attempts: attempts)
    }

    /// Whether Salesforce says the request may succeed if sent again unchanged: server faults,
    /// row-lock contention, the concurrent/long-running request limit, or throttling.
    public var isRetriable: Bool {
        if Self.retriableCodes.contains(errorCode) { return true }
        if Self.validationCodes.contains(errorCode) { return false }
        return status >= 500 || status == 429
    }

    /// The session is gone: fetch a new access token and try once more.
    public var needsReauthentication: Bool { status == 401 || errorCode == "INVALID_SESSION_ID" }

    static let retriableCodes: Set<String> = ["UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE", "REQUEST_LIMIT_EXCEEDED"]
    /// Codes that describe the request itself: sending it again gives the same answer.
    static let validationCodes: Set<String> = ["MALFORMED_QUERY", "INVALID_FIELD", "INVALID_TYPE", "MALFORMED_ID",
                                               "INVALID_QUERY_FILTER_OPERATOR", "INVALID_FIELD_FOR_INSERT_UPDATE",
                                               "JSON_PARSER_ERROR", "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                                               "INSUFFICIENT_ACCESS_OR_READONLY", "API_DISABLED_FOR_ORG",
                                               "ENTITY_IS_DELETED", "NOT_FOUND", "INVALID_ID_FIELD"]

    /// What the user should do, specific to the code (see ``SalesforceErrorAdvice``).
    public var fix: String { SalesforceErrorAdvice.fix(for: self) }

    public var description: String {
        let tries = attempts > 1 ? " after \(attempts) attempts" : ""
        let fieldList = fields.isEmpty ? "" : " (fields: \(fields.joined(separator: ", ")))"
        return "Salesforce refused \(operation)\(tries): HTTP \(status) \(errorCode): \(message)\(fieldList). Fix: \(fix)"
    }

    /// The start of a non-JSON body, on one line, for the message.
    private static func excerpt(of body: Data, status: Int) -> String {
        let text = String(decoding: body.prefix(300), as: UTF8.self)
            .components(separatedBy: .newlines).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? "no error body (HTTP \(status))" : text
    }
}
