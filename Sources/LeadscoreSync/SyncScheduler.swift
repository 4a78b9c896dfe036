import Foundation
import LeadscoreData
import LeadscoreSalesforce
import LeadscoreService
import Logging

/// Keeps scores fresh from inside `leadscore serve`: runs ``LeadSync`` every `sync.every`, so one process
/// both answers Flow callouts and writes scores back.
///
/// Each run takes the models the server is serving at that moment (the ``ServingSetHolder`` the registry
/// watcher updates), so a promotion or rollback reaches the next run without a restart. Runs never
/// overlap: the schedule waits for a run to end, and a run longer than the interval pushes the next one
/// a full interval later instead of starting runs back to back. A failed run (Salesforce unreachable,
/// a refused login, a missing field) is logged and the schedule goes on; the next run resumes it from
/// the store's checkpoint and outbox. While the sync's circuit breaker is open, runs are skipped with a
/// warning until its cooldown ends. Cancelling the task that calls ``run()`` stops the schedule; a
/// run cut short that way is resumed by the next start, as after `kill -9`.
///
/// Every run ends in one structured log line (counts, run id, API calls, seconds; no lead data, no
/// secrets) and in ``lastRun``.
///
/// ```swift
/// guard let scheduler = SyncScheduler(client: client, store: store, holder: server.holder,
///                                     settings: settings, logger: logger) else { return } // no sync.every
/// let schedule = Task { await scheduler.run() }
/// …
/// schedule.cancel()
/// await schedule.value
/// ```
///
/// One process per org should keep the schedule: servers sharing a store would otherwise run the same
/// sync side by side.
public actor SyncScheduler {
    /// One scheduled run and how it ended.
    public struct Run: Sendable {
        public enum Outcome: Sendable {
            case completed(SyncSummary)
            case failed(any Error)
            /// The circuit breaker (`sync.circuit_breaker`) keeps Salesforce alone until this moment.
            case paused(until: Date)
            /// No model is in production yet; nothing was read.
            case waitingForModel
            /// Stopped by shutdown midway; the next start resumes it.
            case interrupted
        }

        public let startedAt: Date
        public let seconds: Double
        public let outcome: Outcome

        /// The run's summary when it completed.
        public var summary: SyncSummary? {
            if case let .completed(summary) = outcome { return summary }
            return nil
        }
    }

    public let settings: SyncSettings
    /// Time from the start of one run to the start of the next (`sync.every`).
    public let interval: Duration
    /// The latest run, whatever its outcome.
    public private(set) var lastRun: Run?
    /// The summary of the latest run that completed.
    public private(set) var lastCompleted: SyncSummary?
    /// Runs that failed since the last one that completed.
    public private(set) var consecutiveFailures = 0
    private var scheduling = false
    private let client: SalesforceClient
    private let store: any ServiceStore
    private let holder: ServingSetHolder
    private let logger: Logger
    private let onRun: @Sendable (Run) -> Void

    /// Returns nil when `settings.every` is not set: there is no schedule to keep.
    /// - Parameter onRun: called after every run (tests and metrics follow the schedule with it).
    public init?(client: SalesforceClient, store: any ServiceStore, holder: ServingSetHolder, settings: SyncSettings,
                 logger: Logger, onRun: @escaping @Sendable (Run) -> Void = { _ in }) {
        guard let every = settings.every else { return nil }
        self.client = client
        self.store = store
        self.holder = holder
        self.settings = settings
        self.interval = every
        self.logger = logger
        self.onRun = onRun
    }

    /// Runs the sync now and then every `interval` until the calling task is cancelled. A second call
    /// while the schedule runs returns at once, so there is never more than one run at a time.
    public func run() async {
        guard !scheduling else {
            logger.warning("the sync schedule is already running", metadata: ["sync": "\(settings.name)"])
            return
        }
        scheduling = true
        defer { scheduling = false }
        logger.info("sync scheduled", metadata: [
            "sync": "\(settings.name)", "mode": "\(settings.mode.rawValue)", "every": "\(interval)"])
        let clock = ContinuousClock()
        while !Task.isCancelled {
            let started = clock.now
            await runOnce()
            var next = started.advanced(by: interval)
            if next <= clock.now, !Task.isCancelled {
                logger.warning("the sync run took longer than sync.every; the next one starts a full interval after it",
                               metadata: ["sync": "\(settings.name)", "every": "\(interval)"])
                next = clock.now.advanced(by: interval)
            }
            do {
                try await Task.sleep(until: next, clock: clock)
            } catch {
                break
            }
        }
        logger.info("sync schedule stopped", metadata: ["sync": "\(settings.name)"])
    }

    /// One run with the models serving now; never throws: the outcome is logged and kept in ``lastRun``.
    private func runOnce() async {
        let started = Date()
        let outcome: Run.Outcome
        if let models = holder.set {
            do {
                let summary = try await LeadSync(client: client, store: store, models: models, settings: settings,
                                                 logger: logger).run()
                outcome = .completed(summary)
            } catch let SyncError.circuitOpen(_, until, _) {
                outcome = .paused(until: until)
            } catch {
                outcome = Task.isCancelled ? .interrupted : .failed(error)
            }
        } else {
            outcome = .waitingForModel
        }
        let run = Run(startedAt: started, seconds: Date().timeIntervalSince(started), outcome: outcome)
        record(run)
        onRun(run)
    }

    private func record(_ run: Run) {
        lastRun = run
        var metadata: Logger.Metadata = ["sync": "\(settings.name)", "mode": "\(settings.mode.rawValue)",
                                         "seconds": "\(String(format: "%.2f", run.seconds))"]
        switch run.outcome {
        case let .completed(summary):
            lastCompleted = summary
            consecutiveFailures = 0
            metadata.merge(Self.metadata(of: summary)) { $1 }
            logger.info("sync run completed", metadata: metadata)
        case let .failed(error):
            consecutiveFailures += 1
            metadata["consecutive_failures"] = "\(consecutiveFailures)"
            metadata["next_run_in"] = "\(interval)"
            metadata["error"] = "\(error)"
            logger.error("sync run failed; the schedule goes on and the next run resumes it", metadata: metadata)
        case let .paused(until):
            metadata["until"] = "\(SalesforceDate.formatDateTime(until.timeIntervalSince1970))"
            logger.warning("sync run skipped: the circuit breaker is open after repeated failures", metadata: metadata)
        case .waitingForModel:
            logger.warning("sync run skipped: no model is in production yet (leadscore models register/promote)",
                           metadata: metadata)
        case .interrupted:
            logger.notice("sync run interrupted by shutdown; the next start resumes it", metadata: metadata)
        }
    }

    /// A summary's counts as log metadata: nothing about any one lead.
    static func metadata(of summary: SyncSummary) -> Logger.Metadata {
        let skipped = SkipReason.allCases.compactMap { reason in summary.skipped[reason].map { "\(reason.rawValue)=\($0)" } }
        return [
            "run_id": "\(summary.runId)", "resumed": "\(summary.resumed)", "leads_read": "\(summary.leadsRead)",
            "scored": "\(summary.scored)", "written": "\(summary.written)", "routed": "\(summary.routed)",
            "skipped": "\(skipped.joined(separator: ","))", "failed": "\(summary.failed)", "retried": "\(summary.retried)",
            "abandoned": "\(summary.abandoned)", "audit_events": "\(summary.eventsWritten)",
            "tasks_created": "\(summary.tasksCreated)", "hot_leads": "\(summary.hotLeadsAnnounced)",
            "api_calls": "\(summary.apiCalls)",
        ]
    }
}
