import Hummingbird
import NIOCore

/// Injects the faults that happen before an org looks at a call: a slow answer, a connection closed
/// without an answer, and 503 SERVER_UNAVAILABLE ("the server is unavailable to handle the request",
/// REST API Developer Guide, "Status Codes and Error Responses").
struct InfrastructureFaultMiddleware: RouterMiddleware {
    typealias Context = DevRequestContext
    let faults: FaultInjector

    /// Thrown after the connection is closed: nothing reaches the client, which sees the connection end.
    struct DroppedConnection: Error {}

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let decision = await faults.infrastructure(path: request.uri.path)
        if let delay = decision.delaySeconds {
            try await Task.sleep(for: .milliseconds(Int(delay * 1_000)))
        }
        if decision.drop {
            try? await context.channel.close(mode: .all)
            throw DroppedConnection()
        }
        if decision.unavailable {
            throw SalesforceError(status: .serviceUnavailable, errorCode: "SERVER_UNAVAILABLE",
                                  message: "Server temporarily unavailable, please try again later")
        }
        return try await next(request, context)
    }
}
