import Foundation
import LeadscoreService
import Logging

/// Keeps watch from inside `leadscore serve`: a monitor pass over the last `monitoring.window` every
/// `monitoring.every`, with its alerts, so drift or a failing service is noticed without a cron job.
///
/// Passes never overlap: the next starts a full interval after the previous one started, or after it
/// ended when it ran longer. A failed pass (the store unreachable, the webhook down) is logged and the
/// schedule goes on; the alert state is only written after a successful post, so a finding not
/// delivered is sent by a later pass. Every pass ends in one log line with counts only.
public actor MonitorScheduler {
    public let settings: MonitoringSettings
    public let interval: Duration
    /// The latest report, for the dashboard and tests.
    public private(set) var lastReport: MonitorReport?
    private let store: any ServiceStore
    /// Where each pass learns which leads were created, for coverage; nil: coverage is not checked.
    private let leads: (any CreatedLeadSource)?
    private let dispatcher: AlertDispatcher
    private let directory: URL
    private let logger: Logger

    /// - Parameter directory: where a relative `monitoring.alerts.state_file` is resolved.
    public init(store: any ServiceStore, settings: MonitoringSettings, interval: Duration,
                leads: (any CreatedLeadSource)? = nil, dispatcher: AlertDispatcher, directory: URL, logger: Logger) {
        self.store = store
        self.leads = leads
        self.settings = settings
        self.interval = interval
        self.dispatcher = dispatcher
        self.directory = directory
        self.logger = logger
    }

    /// Passes now and every `interval` until the calling task is cancelled.
    public func run() async {
        logger.info("monitoring scheduled", metadata: ["every": "\(interval)", "window": "\(settings.window)"])
        let clock = ContinuousClock()
        while !Task.isCancelled {
            let started = clock.now
            await passOnce()
            let next = max(started.advanced(by: interval), clock.now)
            do {
                try await Task.sleep(until: next, clock: clock)
            } catch {
                break
            }
        }
        logger.info("monitoring schedule stopped")
    }

    /// One pass and its alerts; never throws: a failure is logged.
    public func passOnce(now: Date = Date()) async {
        let window = TimeInterval(settings.window.components.seconds)
        do {
            let report = try await MonitorPass.run(store: store, settings: settings, from: now.addingTimeInterval(-window),
                                                   to: now, leads: leads)
            lastReport = report
            let summary = try await dispatcher.dispatch(report.findings, now: now, directory: directory)
            logger.info("monitor pass completed", metadata: [
                "audit_rows": "\(report.auditRows)", "findings": "\(report.findings.filter { $0.severity > .info }.count)",
                "worst": "\(report.worstSeverity?.rawValue ?? "none")", "alerts_sent": "\(summary.sent.count)",
                "within_cooldown": "\(summary.suppressedByCooldown.count)", "acknowledged": "\(summary.acknowledged.count)"])
        } catch {
            guard !Task.isCancelled else { return }
            logger.error("monitor pass failed; the schedule goes on", metadata: ["error": "\(error)"])
        }
    }
}
