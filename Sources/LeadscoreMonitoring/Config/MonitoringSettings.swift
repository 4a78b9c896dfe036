import Foundation

/// The `monitoring:` section of `leadscore.yaml`. Every key has a default, so a config without the
/// section monitors with the conventional thresholds and alerts in the log only.
///
/// ```yaml
/// monitoring:
///   window: 7d                    # default --since of `leadscore monitor`
///   every: 1h                     # inside `leadscore serve`: a pass and its alerts on this schedule
///   min_rows: 200                 # fewer leads in the window: drift/quality findings are at most info
///   thresholds:                   # each {ticket: x, page: y}; page at least as bad as ticket
///     drift_psi: {ticket: 0.1, page: 0.25}
///     coverage: {ticket: 0.98, page: 0.90}        # lower is worse
///   coverage_minutes: 15
///   coverage_source: salesforce   # ask the org (salesforce: section) which leads were created; default none
///   alerts:
///     webhook_url_env: LEADSCORE_ALERT_WEBHOOK    # or webhook_url_file; the URL is a secret
///     webhook_min_severity: ticket
///     cooldown: 6h
///     state_file: var/monitor-state.json
///   acknowledged:
///     - {check: drift, subject: LeadSource, until: 2026-12-31, note: "new webinar campaign"}
///   outcomes:                     # `leadscore outcomes`: cohorts joined with what happened
///     window_days: 90             # label window when a bundle's contract has none
///     unworked_statuses: ["Open - Not Contacted"]   # Status values that mean nobody worked the lead
/// ```
public struct MonitoringSettings: Sendable, Equatable {
    /// How far back a monitor pass looks when `--since` is not given.
    public var window: Duration = .seconds(7 * 86_400)
    /// Inside `leadscore serve`: a pass and its alerts this often (`monitoring.every`); nil: no schedule.
    public var every: Duration?
    /// Below this many leads in the window, drift and quality figures are noise: at most `info`.
    public var minRows = 200
    public var thresholds = MonitoringThresholds()
    /// A created lead counts as covered when it was scored within this many minutes.
    public var coverageMinutes = 15
    /// Where monitor passes learn which leads were created, for coverage; `leadscore monitor --csv` overrides it.
    public var coverageSource = CoverageSource.none
    public var alerts = Alerts()
    /// Expected shifts that are reported but not alerted on, each until its date.
    public var acknowledged: [Acknowledgement] = []
    public var outcomes = Outcomes()
    /// What a retrained candidate must show before it may be promoted (`monitoring.gates`).
    public var gates = GateSettings()
    /// The config file the settings came from, for errors about the secrets it names.
    public var source = "leadscore.yaml"

    public init() {}

    /// `monitoring.coverage_source`.
    public enum CoverageSource: String, Sendable, Equatable, CaseIterable {
        /// Coverage is not checked unless `leadscore monitor --csv` gives a lead export.
        case none
        /// The org of the config's `salesforce:` section is queried on `CreatedDate` every pass.
        case salesforce
    }

    /// Where alerts go besides the log, and how often the same one may be repeated.
    public struct Alerts: Sendable, Equatable {
        /// The Slack-compatible incoming webhook; nil: findings are only logged.
        public var webhook: AlertWebhookLocation?
        /// Findings below this severity are logged but never posted.
        public var minimumSeverity: Severity = .ticket
        /// A finding already posted at the same or a higher severity is not posted again within this.
        public var cooldown: Duration = .seconds(6 * 3_600)
        /// The JSON file that remembers what was posted when (relative paths: to the working directory).
        public var stateFile = "var/monitor-state.json"

        public init() {}
    }

    /// The delayed-label cohort report (`leadscore outcomes`).
    public struct Outcomes: Sendable, Equatable {
        /// The label window for leads whose model's contract sets none (`label.window_days`): a cohort is
        /// reported once this many days have passed since its last lead's first scoring.
        public var windowDays = 90
        /// Lead Status values that mean nobody has worked the lead yet; any other status counts as worked.
        public var unworkedStatuses: Set<String> = ["Open - Not Contacted"]

        public init() {}
    }

    /// The severity `value` reaches on threshold `name`. `rows` is the number of leads behind the
    /// value: below ``minRows`` a drift or quality figure is at most `info`.
    public func severity(_ name: ThresholdName, value: Double, rows: Int? = nil) -> Severity {
        let severity = thresholds[name].severity(for: value)
        if name.needsMinimumRows, let rows, rows < minRows { return .info }
        return severity
    }

    /// A finding for `value` measured against threshold `name`, its severity and level filled in.
    public func finding(_ name: ThresholdName, check: String, subject: String, value: Double, rows: Int? = nil,
                        message: String) -> MonitorFinding {
        MonitorFinding(check: check, subject: subject, value: value, threshold: thresholds[name].level(for: value),
                       severity: severity(name, value: value, rows: rows), message: message)
    }

    /// The acknowledgement that silences `finding` at `now`, if any.
    public func acknowledgement(for finding: MonitorFinding, at now: Date) -> Acknowledgement? {
        acknowledged.first { $0.covers(finding, at: now) }
    }

    /// Acknowledgements whose date has passed: they silence nothing any more, and the config should
    /// drop or renew them.
    public func expiredAcknowledgements(at now: Date) -> [Acknowledgement] {
        acknowledged.filter { $0.hasExpired(at: now) }
    }
}
