import Foundation
import Hummingbird

/// Every refusal the API gives: a 4xx status and the JSON body DESIGN.md fixes,
/// `{"error": {"code", "message", "details": [{"field", "code", "message"}]}, "requestId"}`.
/// A 5xx means a bug or an outage, never bad input.
public struct APIError: Error, Sendable, Equatable {
    public struct Detail: Error, Sendable, Codable, Equatable {
        public var field: String
        public var code: String
        public var message: String

        public init(field: String, code: String, message: String) {
            self.field = field
            self.code = code
            self.message = message
        }
    }

    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    public var details: [Detail]
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, code: String, message: String, details: [Detail] = [],
                headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers
    }

    /// 422 for leads that do not match the contract; past `limit` details the rest are counted in one more.
    public static func validation(_ details: [Detail], limit: Int = .max) -> APIError {
        var listed = Array(details.prefix(limit))
        if details.count > limit {
            listed.append(Detail(field: "", code: "more_problems", message: "\(details.count - limit) more problems not listed"))
        }
        let fields = details.prefix(10).map(\.field).joined(separator: ", ") + (details.count > 10 ? ", …" : "")
        return APIError(.unprocessableContent, code: "validation_failed",
                        message: "the lead does not match the data contract: \(fields)", details: listed)
    }

    /// The error with each detail's field placed under `path` (`lead`, `leads[3]`): one field-path style
    /// for every error. A detail about the lead as a whole (an empty field) becomes `path` itself.
    public func located(at path: String) -> APIError {
        var located = self
        located.details = details.map { detail in
            var detail = detail
            detail.field = detail.field.isEmpty ? path : "\(path).\(detail.field)"
            return detail
        }
        located.message = details.isEmpty ? message : message.replacingOccurrences(
            of: "the lead does not match the data contract: ", with: "\(path) does not match the data contract: ")
        return located
    }

    public static func malformedJSON(_ reason: String) -> APIError {
        APIError(.badRequest, code: "malformed_json", message: "the body is not valid JSON (\(reason)); send a JSON object")
    }

    public static func badRequest(field: String, _ message: String) -> APIError {
        APIError(.badRequest, code: "bad_request", message: message,
                 details: [Detail(field: field, code: "bad_request", message: message)])
    }

    public static let unauthenticated = APIError(
        .unauthorized, code: "unauthenticated",
        message: "send an API key or access token as 'Authorization: Bearer <key-or-token>'",
        headers: [.wwwAuthenticate: "Bearer realm=\"leadscore\""])

    public static func forbidden(scope: Scope) -> APIError {
        APIError(.forbidden, code: "forbidden", message: "this key or token lacks the '\(scope.rawValue)' scope; use a key that has it")
    }

    public static func notFound(_ what: String) -> APIError {
        APIError(.notFound, code: "not_found", message: what)
    }

    public static func tooLarge(limit: Int) -> APIError {
        APIError(.contentTooLarge, code: "body_too_large",
                 message: "the body is larger than \(limit) bytes; send fewer leads per request or use POST /v1/jobs",
                 details: [Detail(field: "body", code: "too_large", message: "at most \(limit) bytes")])
    }

    public static func rateLimited(retryAfter: Int) -> APIError {
        APIError(.tooManyRequests, code: "rate_limited",
                 message: "too many requests for this client; retry after \(retryAfter) s",
                 headers: [.retryAfter: String(retryAfter)])
    }

    public static func unavailable(_ message: String, retryAfter: Int = 1) -> APIError {
        APIError(.serviceUnavailable, code: "unavailable", message: message, headers: [.retryAfter: String(retryAfter)])
    }
}
