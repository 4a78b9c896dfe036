import Foundation

/// Where a Salesforce sync stands, kept in the service's store so a run killed at any point is resumed,
/// under the same run id, by the next one.
public struct SyncCheckpoint: Sendable, Codable, Equatable {
    /// Which sync (one per org and object), e.g. `lead-sync`.
    public var name: String
    /// Leads modified at or before this moment (`SystemModstamp`) are done.
    public var watermark: Date?
    /// The run in progress, or interrupted: the next run resumes it.
    public var openRunId: String?
    public var openRunStartedAt: Date?
    public var lastRunId: String?
    public var lastCompletedAt: Date?
    /// Runs that ended in failure in a row; the circuit breaker reads it.
    public var consecutiveFailures: Int
    /// The models (production, canary, percentage) the watermark was reached with: when they change, every
    /// lead needs a new score, so the next run reads them all again.
    public var modelSignature: String?
    /// When the last failed run ended and why: the circuit breaker's cooldown starts there.
    public var lastFailureAt: Date?
    public var lastError: String?

    public init(name: String, watermark: Date? = nil, openRunId: String? = nil, openRunStartedAt: Date? = nil,
                lastRunId: String? = nil, lastCompletedAt: Date? = nil, consecutiveFailures: Int = 0) {
        self.name = name
        self.watermark = watermark
        self.openRunId = openRunId
        self.openRunStartedAt = openRunStartedAt
        self.lastRunId = lastRunId
        self.lastCompletedAt = lastCompletedAt
        self.consecutiveFailures = consecutiveFailures
    }
}

/// A write decided but not yet confirmed by Salesforce: planned (written before the call, so a crash
/// cannot lose it) or failed (the retry queue). Removed once the lead and its audit event are written.
public struct PendingWrite: Sendable, Codable, Equatable {
    public var sync: String
    public var leadId: String
    /// The run that decided the write; with the lead id it makes the audit event's external id.
    public var runId: String
    /// The Lead fields to set, as a JSON object.
    public var fields: Data
    /// The audit event's fields, as a JSON object.
    public var event: Data
    /// Route mode: the follow-up Task to create once the lead is written, as a JSON object.
    public var followUp: Data?
    /// A lead entering a hot tier: the `Hot_Lead__e` event to publish (and announce by webhook), as a JSON object.
    public var hotLead: Data?
    /// Steps after the lead write already done, so a retry repeats none of them.
    public var completed: [Step]?
    /// Calls that failed so far, and the last reason.
    public var attempts: Int
    public var lastError: String?
    public var updatedAt: Date

    public init(sync: String, leadId: String, runId: String, fields: Data, event: Data, attempts: Int = 0,
                lastError: String? = nil, updatedAt: Date) {
        self.sync = sync
        self.leadId = leadId
        self.runId = runId
        self.fields = fields
        self.event = event
        self.attempts = attempts
        self.lastError = lastError
        self.updatedAt = updatedAt
    }

    /// The follow-up steps of a write, in order.
    public enum Step: String, Sendable, Codable, CaseIterable {
        case followUpTask = "task", hotLeadEvent = "event", hotLeadWebhook = "webhook"
    }

    public func isDone(_ step: Step) -> Bool { completed?.contains(step) ?? false }

    public mutating func markDone(_ step: Step) {
        if !isDone(step) { completed = (completed ?? []) + [step] }
    }
}
