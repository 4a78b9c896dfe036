import Foundation
import LeadscoreService

/// The page behind `GET /dashboard`: a monitor pass over the last `window` of the audit log, rendered
/// as one self-contained HTML page (``DashboardHTML``).
///
/// A render reads the whole window twice (the monitor pass, then the days), so it is kept for
/// `cacheSeconds`: a room full of people pressing reload, or a wall screen refreshing every few
/// seconds, costs one scan per period. Requests that arrive while a render runs wait for that render
/// instead of starting their own. The render runs in its own task and a waiting request can be
/// cancelled (the server's request timeout does), so a slow scan answers the timed-out request with
/// its 503 at once and still leaves its page for the next reload.
public actor MonitoringDashboard: DashboardProvider {
    /// Supplies the closed delayed-label cohorts at `now`, oldest first; nil or empty when none has closed.
    public typealias CohortSource = @Sendable (_ now: Date) async throws -> [CohortLift]?

    public static let defaultCacheSeconds: TimeInterval = 30

    private let store: any ServiceStore
    private let settings: MonitoringSettings
    private let window: TimeInterval
    private let cacheSeconds: TimeInterval
    private let cohorts: CohortSource?
    private var cached: (page: String, renderedAt: Date)?
    private var rendering: Task<Void, Never>?
    /// Requests waiting for the render in progress.
    private var waiting: [UUID: CheckedContinuation<String, any Error>] = [:]

    /// - Parameters:
    ///   - window: how far back the page looks, in seconds; nil: `monitoring.window` (7 days by default).
    ///   - cohorts: where delayed-label cohorts come from; nil: the page says no cohort has closed yet.
    public init(store: any ServiceStore, settings: MonitoringSettings, window: TimeInterval? = nil,
                cacheSeconds: TimeInterval = MonitoringDashboard.defaultCacheSeconds, cohorts: CohortSource? = nil) {
        self.store = store
        self.settings = settings
        self.window = window ?? TimeInterval(settings.window.components.seconds)
        self.cacheSeconds = cacheSeconds
        self.cohorts = cohorts
    }

    public func page(now: Date) async throws -> String {
        if let cached, now.timeIntervalSince(cached.renderedAt) < cacheSeconds { return cached.page }
        try Task.checkCancellation()
        if rendering == nil { startRendering(now: now) }
        let id = UUID()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in waiting[id] = continuation }
        } onCancel: {
            Task { await self.stopWaiting(id) }
        }
    }

    private func startRendering(now: Date) {
        rendering = Task { [store, settings, window, cacheSeconds, cohorts] in
            let result: Result<String, any Error>
            do {
                result = .success(try await Self.render(store: store, settings: settings, window: window, now: now,
                                                        cacheSeconds: cacheSeconds, cohorts: cohorts))
            } catch {
                result = .failure(error)
            }
            finish(result, renderedAt: now)
        }
    }

    /// Keeps a rendered page (a failed render is not kept: the next request tries again) and answers everyone waiting.
    private func finish(_ result: Result<String, any Error>, renderedAt: Date) {
        if case let .success(page) = result { cached = (page, renderedAt) }
        rendering = nil
        let waiters = waiting
        waiting = [:]
        for continuation in waiters.values { continuation.resume(with: result) }
    }

    private func stopWaiting(_ id: UUID) {
        waiting.removeValue(forKey: id)?.resume(throwing: CancellationError())
    }

    /// Reads and renders off the actor, which stays free to take the requests that join this render.
    private static func render(store: any ServiceStore, settings: MonitoringSettings, window: TimeInterval, now: Date,
                               cacheSeconds: TimeInterval, cohorts: CohortSource?) async throws -> String {
        DashboardHTML.render(try await DashboardData.gather(store: store, settings: settings, window: window, now: now,
                                                            cacheSeconds: cacheSeconds, cohorts: cohorts))
    }
}
