import Hummingbird

/// An OAuth 2.0 error (RFC 6749 §5.2) as Salesforce's token endpoint answers it: HTTP 400 with
/// `{"error": "invalid_grant", "error_description": "audience is invalid"}`.
struct OAuthError: Error, Sendable, Equatable, HTTPResponseError {
    var error: String
    var description: String
    var status: HTTPResponse.Status { .badRequest }

    init(error: String, description: String) {
        self.error = error
        self.description = description
    }

    static let invalidClient = OAuthError(error: "invalid_client", description: "invalid client credentials")
    static let unsupportedGrant = OAuthError(error: "unsupported_grant_type", description: "grant type not supported")

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response.json(.object([("error", .string(error)), ("error_description", .string(description))]),
                      status: status, headers: [.cacheControl: "no-store"])
    }
}
