import Foundation
import HTTPTypes
import Hummingbird

/// Guards `/services/data/vXX.X/…`: a valid session (`Authorization: Bearer <access token>`, else 401
/// INVALID_SESSION_ID), the daily API allowance (else 403 REQUEST_LIMIT_EXCEEDED), a served API version
/// (else 404 NOT_FOUND), and `Sforce-Limit-Info` on every answer once the call is counted, errors
/// included, as Salesforce sends it.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = DevRequestContext
    let sessions: SessionStore
    let usage: APIUsage
    let faults: FaultInjector

    static let limitInfo = HTTPField.Name("Sforce-Limit-Info")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw SalesforceError.invalidSession
        }
        switch await sessions.use(String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces), now: Date()) {
        case .valid: break
        case .invalid: throw SalesforceError.invalidSession
        case .expiredByFault:
            await faults.record(.sessionExpired, path: path)
            throw SalesforceError.invalidSession
        }
        guard let used = try await usage.count() else {
            await faults.record(.dailyLimitExceeded, path: path)
            var error = SalesforceError(status: .forbidden, errorCode: "REQUEST_LIMIT_EXCEEDED",
                                        message: "TotalRequests Limit exceeded.")
            error.headers[Self.limitInfo] = usage.header(used: usage.limit)
            throw error
        }
        let limitInfo = usage.header(used: used)
        do {
            if await faults.requestLimitExceeded(path: path) {
                throw SalesforceError(status: .forbidden, errorCode: "REQUEST_LIMIT_EXCEEDED",
                                      message: "TotalRequests Limit exceeded.")
            }
            guard let version = DevSalesforce.version(fromPathSegment: context.parameters.get("version") ?? "") else {
                throw SalesforceError.notFound
            }
            var context = context
            context.apiVersion = version
            var response = try await next(request, context)
            response.headers[Self.limitInfo] = limitInfo
            return response
        } catch {
            guard var answer = SalesforceError.answering(error) else { throw error }
            answer.headers[Self.limitInfo] = limitInfo
            throw answer
        }
    }
}
