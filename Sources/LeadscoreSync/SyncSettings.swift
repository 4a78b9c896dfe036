import Foundation
import LeadscoreSalesforce

/// The `sync:` section of `leadscore.yaml`.
///
/// ```yaml
/// sync:
///   mode: recommend                  # shadow | recommend | route
///   intake_owners: [00G5e000001AbCdEAF]          # route mode: only leads still owned by these are routed
///   route_owners: {SDR_Hot_Queue: 00G5e000001XyZaEAB, SDR_Queue: 00G5e000001XyZbEAB}   # route name → owner id
///   max_attempts: 5                  # a write failing this many runs in a row leaves the retry queue
///   bulk_threshold: 5000             # this many writes or more go through a Bulk API 2.0 ingest job
///   every: 15m                       # `leadscore serve` also runs the sync on this schedule
///   timezone: America/New_York       # hours of the SLA-impact table
///   follow_up:                       # route mode: a Task for the new owner of each routed lead
///     due: {A: 15m, B: 4h}           # tier → first-touch SLA; tiers not listed get no Task
///     queue_task_owners: {00G5e000001XyZaEAB: 0055e000001AbCdEAF}   # queues cannot own Tasks
///   hot_lead:                        # a lead entering a hot tier is announced
///     tiers: [A]                     # default: the policy's top tier
///     platform_event: true           # publish Hot_Lead__e for the org's own automation
///     webhook_url_env: LEADSCORE_HOT_LEAD_WEBHOOK   # Slack-compatible incoming webhook (or webhook_url_file)
///   circuit_breaker: {failures: 3, cooldown: 15m}
///   control_group: 0.05              # route mode: this share of leads keeps its owner (measures routing's lift)
/// ```
public struct SyncSettings: Sendable, Equatable {
    public var mode: SyncMode = .shadow
    /// The sync's name in the store (its checkpoint and queue); one per org.
    public var name = "lead-sync"
    /// Queue or user ids that mean "nobody has taken this lead yet".
    public var intakeOwners: Set<String> = []
    /// Owner id (queue or user) per route name of the scoring policy.
    public var routeOwners: [String: String] = [:]
    public var maxAttempts = 5
    /// From this many staged writes on, leads are written by a Bulk API 2.0 ingest job instead of
    /// sObject Collections (fewer API calls for big runs; Collections answer faster for small ones).
    public var bulkThreshold = 5_000
    /// `leadscore serve` runs the sync this often (nil: only when `leadscore sync` is run).
    public var every: Duration?
    /// The time zone of the SLA-impact table's hours and weekdays.
    public var timeZone = TimeZone(identifier: "UTC")!
    public var followUp = FollowUp()
    public var hotLead = HotLead()
    public var circuitBreaker = CircuitBreaker()
    /// Route mode: leads held back from routing, by lead id (``ControlGroup``); empty by default.
    public var controlGroup = ControlGroup()
    /// The config file the settings came from, for errors about secrets it names.
    public var source = "leadscore.yaml"

    public init() {}

    /// Route mode's follow-up Tasks: one for the new owner of each routed lead whose tier has an SLA.
    public struct FollowUp: Sendable, Equatable {
        /// Tier name → time to first touch; the Task is due (and its reminder set) that long after routing.
        public var due: [String: Duration] = [:]
        /// Salesforce does not let a queue own a Task: the user who gets the Tasks of a queue's leads.
        public var queueTaskOwners: [String: String] = [:]
        public init() {}
    }

    /// Announcing leads that enter a hot tier (written in recommend and route modes).
    public struct HotLead: Sendable, Equatable {
        /// Tier names that are hot; nil means the policy's top tier.
        public var tiers: Set<String>?
        /// Publish a `Hot_Lead__e` platform event per hot lead.
        public var platformEvent = true
        /// A Slack-compatible incoming webhook (a secret: its URL carries the token).
        public var webhook: SecretLocation?
        public init() {}
    }

    /// Stops calling Salesforce after repeated failures instead of hammering a failing org.
    public struct CircuitBreaker: Sendable, Equatable {
        /// Write batches failing in a row that stop a run; runs failing in a row that pause the sync.
        public var failures = 3
        /// How long the sync stays paused after `failures` failed runs.
        public var cooldown: Duration = .seconds(900)
        public init() {}
    }
}
