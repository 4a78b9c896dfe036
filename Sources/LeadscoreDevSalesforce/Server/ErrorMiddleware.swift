import Hummingbird
import Logging

/// The outermost middleware: every error leaves in Salesforce's shape. Hummingbird's own errors (no
/// such route, a body over its limit) become NOT_FOUND and friends; anything else is a bug in this
/// server, logged and answered as 500 UNKNOWN_EXCEPTION, which is how Salesforce reports its own faults.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = DevRequestContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as OAuthError {
            throw error
        } catch let error as InfrastructureFaultMiddleware.DroppedConnection {
            throw error
        } catch {
            if let answer = SalesforceError.answering(error) { throw answer }
            logger.error("unexpected error", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            throw SalesforceError(status: .internalServerError, errorCode: "UNKNOWN_EXCEPTION",
                                  message: "An unexpected error occurred. Please include this ErrorId if you contact support: dev-salesforce")
        }
    }
}
