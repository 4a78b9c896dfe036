import Hummingbird
import Logging

/// The authentication back-off as the routes apply it: refuses a blocked attempt with 429 and
/// `Retry-After`, and records failures with a metric and, when a block starts, a warning.
struct AuthBackoff: Sendable {
    let throttle: AuthFailureThrottle
    let metrics: ServiceMetrics
    let logger: Logger

    func subjects(_ context: ServiceContext, client: String?) -> [AuthFailureThrottle.Subject] {
        throttle.subjects(source: context.sourceAddress, client: client)
    }

    /// Throws 429 while any of the subjects is blocked.
    func admit(_ subjects: [AuthFailureThrottle.Subject]) throws {
        guard let wait = throttle.wait(subjects) else { return }
        metrics.authRefusedByBackoff()
        throw APIError(.tooManyRequests, code: "too_many_failed_authentications",
                       message: "too many failed authentications from this source; retry after \(wait) s with the right credential",
                       headers: [.retryAfter: String(wait)])
    }

    /// Records a failed authentication (`kind`: bearer or oauth).
    func failed(_ subjects: [AuthFailureThrottle.Subject], kind: String, context: ServiceContext) {
        metrics.authFailure(kind: kind)
        guard let seconds = throttle.failed(subjects) else { return }
        logger.warning("authentication back-off", metadata: [
            "request_id": "\(context.requestId)", "kind": "\(kind)", "subjects": "\(subjects.map(\.key).joined(separator: " "))",
            "blocked_s": "\(seconds)",
        ])
    }

    func succeeded(_ subjects: [AuthFailureThrottle.Subject]) {
        throttle.succeeded(subjects)
    }
}
