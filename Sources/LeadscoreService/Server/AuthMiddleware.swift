import Foundation
import Hummingbird

/// Requires a bearer credential with `scope` (401 without a valid one, 403 when it lacks the
/// scope), then applies the caller's rate limit (429 with Retry-After). A source that keeps sending
/// wrong credentials is refused for a while before its credential is checked (`AuthBackoff`).
struct AuthMiddleware: RouterMiddleware {
    typealias Context = ServiceContext

    let authenticator: Authenticator
    let scope: Scope
    let limiter: TokenBucketLimiter
    let backoff: AuthBackoff

    func handle(_ request: Request, context: ServiceContext, next: (Request, ServiceContext) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.count > 7,
              header.prefix(7).lowercased() == "bearer " else {
            throw APIError.unauthenticated
        }
        let credential = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        let subjects = backoff.subjects(context, client: APIKeyMaker.split(credential)?.id)
        try backoff.admit(subjects)
        guard let identity = await authenticator.identify(bearer: credential) else {
            backoff.failed(subjects, kind: "bearer", context: context)
            throw APIError.unauthenticated
        }
        backoff.succeeded(subjects)
        guard identity.scopes.contains(scope) else { throw APIError.forbidden(scope: scope) }
        if let wait = limiter.take(client: identity.client) { throw APIError.rateLimited(retryAfter: wait) }
        var context = context
        context.identity = identity
        return try await next(request, context)
    }
}
