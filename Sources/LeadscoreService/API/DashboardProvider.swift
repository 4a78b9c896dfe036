import Foundation

/// Renders the page `GET /dashboard` serves. The service only defines the seam: the monitoring
/// module, which depends on the service (not the other way round), implements it and `leadscore serve`
/// hands one to ``ScoringServer``.
///
/// The page must be self-contained: the route serves it with a Content-Security-Policy that allows
/// no script, font, stylesheet or image from anywhere (inline CSS and `data:` images only).
public protocol DashboardProvider: Sendable {
    /// The whole HTML document as of `now`. An implementation may return a recently rendered page
    /// rather than reading the audit log on every request.
    func page(now: Date) async throws -> String
}
