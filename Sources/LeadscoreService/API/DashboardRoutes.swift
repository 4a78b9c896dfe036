import Foundation
import Hummingbird

/// Admin scope: `GET /dashboard`, the monitoring dashboard as one self-contained HTML page (inline
/// CSS and SVG, no script, no external asset). A server started without a ``DashboardProvider``
/// answers 404 with the JSON error body.
struct DashboardRoutes {
    let provider: (any DashboardProvider)?

    /// The page loads nothing and runs nothing: `default-src 'none'` refuses every fetch, inline
    /// styles and `data:` images are the only exceptions, and it cannot be framed or post a form.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    func add(to group: RouterGroup<ServiceContext>) {
        group.get("dashboard") { _, _ in try await page() }
    }

    private func page() async throws -> Response {
        guard let provider else {
            throw APIError.notFound("this server runs without the monitoring dashboard: start it with `leadscore serve`, "
                + "which adds it, or read the same figures with `leadscore monitor`")
        }
        let html: String
        do {
            html = try await provider.page(now: Date())
        } catch let error as APIError {
            throw error
        } catch {
            // The store or a model bundle could not be read: the figures come back when it can.
            throw APIError.unavailable("the dashboard could not be built (\(error)); retry shortly", retryAfter: 5)
        }
        let headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8",
            .cacheControl: "no-store",
            .contentSecurityPolicy: Self.contentSecurityPolicy,
            .init("X-Content-Type-Options")!: "nosniff",
            .init("Referrer-Policy")!: "no-referrer",
        ]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
