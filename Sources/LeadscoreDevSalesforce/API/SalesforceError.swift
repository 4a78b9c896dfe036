import Foundation
import Hummingbird

/// An error answered the way Salesforce's REST API answers errors: an HTTP status and a JSON array of
/// `{"message", "errorCode"}` objects, with `fields` when the error concerns fields.
///
/// REST API Developer Guide, "Status Codes and Error Responses": "the response body contains an array
/// of error objects … `[{"fields": [...], "message": "...", "errorCode": "..."}]`". Handlers throw it;
/// Hummingbird turns it into the response through `HTTPResponseError`, so no bad input becomes a 500.
public struct SalesforceError: Error, Sendable, Equatable, HTTPResponseError {
    public var status: HTTPResponse.Status
    public var errorCode: String
    public var message: String
    public var fields: [String]?
    /// Headers added to the response (for example `Sforce-Limit-Info`).
    public var headers: HTTPFields = [:]

    public init(status: HTTPResponse.Status, errorCode: String, message: String, fields: [String]? = nil) {
        self.status = status
        self.errorCode = errorCode
        self.message = message
        self.fields = fields
    }

    public var body: JSONValue {
        var members: [(String, JSONValue)] = [("message", .string(message)), ("errorCode", .string(errorCode))]
        if let fields { members.append(("fields", .array(fields.map(JSONValue.string)))) }
        return .array([.object(members)])
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response.json(body, status: status, headers: headers)
    }

    /// The Salesforce-shaped answer for an error a route or Hummingbird threw: itself, or Hummingbird's
    /// own HTTP errors (an unknown path, an oversized body) in Salesforce's words. `nil` for anything
    /// else, which is a bug in this server and answered as 500 UNKNOWN_EXCEPTION by ``ErrorMiddleware``.
    static func answering(_ error: any Error) -> SalesforceError? {
        if let error = error as? SalesforceError { return error }
        guard let error = error as? HTTPError else { return nil }
        switch error.status {
        case .notFound: return .notFound
        case .methodNotAllowed: return SalesforceError(status: .methodNotAllowed, errorCode: "METHOD_NOT_ALLOWED",
                                                       message: "HTTP Method not allowed for this resource")
        case .contentTooLarge: return SalesforceError(status: .contentTooLarge, errorCode: "REQUEST_ENTITY_TOO_LARGE",
                                                      message: "The request body is too large")
        default: return SalesforceError(status: error.status, errorCode: "INVALID_REQUEST",
                                        message: error.body ?? error.status.reasonPhrase)
        }
    }

    // MARK: The errors several routes answer

    /// 404 for an unknown resource, version, object or record, as Salesforce words it.
    public static let notFound = SalesforceError(status: .notFound, errorCode: "NOT_FOUND",
                                                 message: "The requested resource does not exist")

    /// 401 for a missing, unknown or expired session ("Session expired or invalid").
    public static let invalidSession = SalesforceError(status: .unauthorized, errorCode: "INVALID_SESSION_ID",
                                                       message: "Session expired or invalid")

    /// 400 for a body that is not JSON, with the parser's reason.
    public static func jsonParser(_ reason: String) -> SalesforceError {
        SalesforceError(status: .badRequest, errorCode: "JSON_PARSER_ERROR", message: reason)
    }
}

extension Response {
    /// A JSON response with `Content-Type: application/json;charset=UTF-8`, as Salesforce sends it.
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json;charset=UTF-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: value.serialized)))
    }
}
