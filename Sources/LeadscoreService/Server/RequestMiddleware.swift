import Foundation
import Hummingbird
import Logging
import NIOConcurrencyHelpers

/// The outermost layer of every request: gives it an id, caps concurrent requests and their
/// duration, turns every error into the JSON error body, and records the metrics and one JSON log line.
struct RequestMiddleware: RouterMiddleware {
    typealias Context = ServiceContext

    let metrics: ServiceMetrics
    let maxConcurrent: Int
    let timeout: Duration
    /// Paths whose other methods are 405 rather than 404.
    let knownPaths: KnownPaths
    let logger: Logger
    let inFlight: NIOLockedValueBox<Int>

    init(metrics: ServiceMetrics, maxConcurrent: Int, timeout: Duration, knownPaths: KnownPaths = KnownPaths([:]),
         logger: Logger) {
        self.metrics = metrics
        self.maxConcurrent = maxConcurrent
        self.timeout = timeout
        self.knownPaths = knownPaths
        self.logger = logger
        inFlight = NIOLockedValueBox(0)
    }

    func handle(_ request: Request, context: ServiceContext, next: (Request, ServiceContext) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var context = context
        context.requestId = Self.requestId(from: request)
        var response: Response
        let admitted = inFlight.withLockedValue { count in
            guard count < maxConcurrent else { return false }
            count += 1
            return true
        }
        if admitted {
            defer { inFlight.withLockedValue { $0 -= 1 } }
            do {
                response = try await withTimeout(request, context, next)
            } catch {
                response = errorResponse(error, context: context, request: request)
            }
        } else {
            response = errorResponse(APIError.unavailable("the server is at its limit of \(maxConcurrent) concurrent requests; retry shortly"),
                                     context: context, request: request)
        }
        response.headers[.init("X-Request-Id")!] = context.requestId
        let elapsed = ContinuousClock.now - started
        let route = context.endpointPath ?? "unmatched"
        metrics.request(route: route, status: Int(response.status.code), duration: elapsed)
        if response.status.code >= 500 || logger.logLevel <= .info {
            logger.log(level: response.status.code >= 500 ? .error : .info, "request", metadata: [
                "request_id": "\(context.requestId)", "method": "\(request.method)", "route": "\(route)",
                "status": "\(response.status.code)", "latency_us": "\(elapsed.nanoseconds / 1_000)",
                "client": "\(context.caller.withLockedValue { $0 } ?? "-")",
            ])
        }
        return response
    }

    private func withTimeout(_ request: Request, _ context: ServiceContext,
                             _ next: (Request, ServiceContext) async throws -> Response) async throws -> Response {
        // The group does not outlive this call, so the non-escaping handler may run in its child task.
        try await withoutActuallyEscaping(next) { next in
            let handler = UncheckedBox(value: next)
            return try await withThrowingTaskGroup(of: Response.self) { group in
                let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
                group.addTask { try await handler.value(request, context) }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    throw APIError.unavailable("the request took longer than \(seconds) s and was stopped; retry or send fewer leads")
                }
                defer { group.cancelAll() }
                return try await group.next()!
            }
        }
    }

    /// The JSON error body for any error: ours as they are, Hummingbird's by status, anything else a 500.
    private func errorResponse(_ error: any Error, context: ServiceContext, request: Request) -> Response {
        let apiError: APIError
        switch error {
        case let error as APIError:
            apiError = error
        case let error as HTTPError:
            switch error.status {
            case .notFound:
                if let allowed = knownPaths.allowed(for: request.uri.path) {
                    let allow = allowed.joined(separator: ", ")
                    apiError = APIError(.methodNotAllowed, code: "method_not_allowed",
                                        message: "\(request.method) is not allowed on \(request.uri.path); use \(allow)",
                                        headers: [.allow: allow])
                } else {
                    apiError = .notFound("no such endpoint: \(request.method) \(request.uri.path); see /openapi.json")
                }
            case .contentTooLarge: apiError = APIError(.contentTooLarge, code: "body_too_large",
                                                       message: "the body is too large; send fewer leads per request or use POST /v1/jobs")
            case .methodNotAllowed: apiError = APIError(.methodNotAllowed, code: "method_not_allowed",
                                                        message: "\(request.method) is not allowed on \(request.uri.path)")
            default: apiError = APIError(error.status, code: "http_error", message: error.body ?? error.status.reasonPhrase)
            }
        case StoreError.unusable:
            logger.error("store unreachable", metadata: ["request_id": "\(context.requestId)", "error": "\(error)"])
            apiError = .unavailable("the store cannot be reached; retry shortly", retryAfter: 2)
        case let StoreError.conflict(message):
            apiError = APIError(.conflict, code: "conflict", message: message)
        default:
            logger.error("unhandled error", metadata: ["request_id": "\(context.requestId)", "error": "\(error)"])
            apiError = APIError(.internalServerError, code: "internal_error",
                                message: "an internal error occurred; the request id identifies it in the server log")
        }
        return Self.json(APIErrorResponse(error: APIErrorBody(apiError), requestId: context.requestId),
                         status: apiError.status, headers: apiError.headers)
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        let data = (try? ScoringService.encoder.encode(value)) ?? Data("{}".utf8)
        return json(data: data, status: status, headers: headers)
    }

    static func json(data: Data, status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The caller's `X-Request-Id` when it is a plain token of at most 64 characters, else a new UUID.
    private static func requestId(from request: Request) -> String {
        if let given = request.headers[.init("X-Request-Id")!], (1...64).contains(given.count),
           given.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }), given.allSatisfy(\.isASCII) {
            return given
        }
        return UUID().uuidString.lowercased()
    }
}

/// Carries a value the compiler cannot prove Sendable across a task boundary the caller guarantees.
private struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
}
