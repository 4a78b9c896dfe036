import Foundation
import LeadscoreData
import Yams

/// What goes wrong on purpose: the `--faults faults.yaml` file. Every rate is a probability per call,
/// drawn from a generator seeded with `seed`, so a run can be replayed.
///
/// ```yaml
/// seed: 7
/// server_unavailable: 0.05        # 503 SERVER_UNAVAILABLE
/// request_limit_exceeded: 0.02    # 403 REQUEST_LIMIT_EXCEEDED
/// unable_to_lock_row:             # UNABLE_TO_LOCK_ROW on writes
///   rate: 0.1
///   scope: record                 # record: each record of a write on its own; request: the whole write
/// slow:                           # answer late
///   rate: 0.1
///   delay_seconds: 2
/// dropped_connections: 0.01       # close the connection without answering
/// session_expires_after_calls: 50 # then 401 INVALID_SESSION_ID
/// daily_api_limit: 1000           # then 403 REQUEST_LIMIT_EXCEEDED; Sforce-Limit-Info shows it
/// hidden_fields: [AnnualRevenue]  # Lead fields the integration user cannot read
/// token_endpoint: false           # true: slow, dropped and 503 faults hit /services/oauth2/token too
/// ```
/// Faults apply to `/services/data` calls. Unknown keys and out-of-range values are errors naming the
/// key, its line and the fix, all reported at once.
public struct FaultPlan: Sendable, Equatable {
    public enum LockScope: String, Sendable, CaseIterable {
        case record, request
    }

    public var seed: UInt64 = 1
    public var serverUnavailableRate = 0.0
    public var requestLimitExceededRate = 0.0
    public var unableToLockRowRate = 0.0
    public var unableToLockRowScope = LockScope.record
    public var slowRate = 0.0
    public var slowDelaySeconds = 0.0
    public var droppedConnectionRate = 0.0
    public var sessionExpiresAfterCalls: Int?
    public var dailyAPILimit: Int?
    public var hiddenFields: [String] = []
    public var includesTokenEndpoint = false

    /// No faults at all.
    public static let none = FaultPlan()

    public init() {}

    static let keys = ["seed", "server_unavailable", "request_limit_exceeded", "unable_to_lock_row", "slow",
                       "dropped_connections", "session_expires_after_calls", "daily_api_limit", "hidden_fields",
                       "token_endpoint"]

    /// Reads a faults file.
    public static func load(from url: URL) throws -> FaultPlan {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw InputError(source: url.path, problem: "cannot be read", fix: "check the path given to --faults")
        }
        return try parse(text, source: url.lastPathComponent)
    }

    /// Reads a faults file's text; `source` names it in errors.
    public static func parse(_ text: String, source: String) throws -> FaultPlan {
        let reader = YAMLNodeReader(source: source)
        var plan = FaultPlan()
        guard let root = try YAMLNodeReader.compose(text, source: source) else { return plan }
        guard let top = reader.mapping(root, "", allowed: keys) else { throw InputErrors(reader.errors) }
        let rate = 0.0...1.0
        if let seed = reader.int(top["seed"], "seed", range: 0...Int.max) { plan.seed = UInt64(seed) }
        plan.serverUnavailableRate = reader.double(top["server_unavailable"], "server_unavailable", range: rate) ?? 0
        plan.requestLimitExceededRate = reader.double(top["request_limit_exceeded"], "request_limit_exceeded", range: rate) ?? 0
        plan.droppedConnectionRate = reader.double(top["dropped_connections"], "dropped_connections", range: rate) ?? 0
        if let lock = reader.mapping(top["unable_to_lock_row"], "unable_to_lock_row", allowed: ["rate", "scope"]) {
            plan.unableToLockRowRate = reader.double(lock["rate"], "unable_to_lock_row.rate", range: rate) ?? 0
            plan.unableToLockRowScope = reader.enumeration(lock["scope"], "unable_to_lock_row.scope", as: LockScope.self) ?? .record
        }
        if let slow = reader.mapping(top["slow"], "slow", allowed: ["rate", "delay_seconds"]) {
            plan.slowRate = reader.double(slow["rate"], "slow.rate", range: rate) ?? 0
            plan.slowDelaySeconds = reader.double(slow["delay_seconds"], "slow.delay_seconds", range: 0...120) ?? 0
            if plan.slowRate > 0, plan.slowDelaySeconds == 0 {
                reader.fail(slow["rate"], "slow.delay_seconds", "is needed when slow.rate is above 0",
                            fix: "add delay_seconds: 2 (how long a slow answer takes, at most 120)")
            }
        }
        plan.sessionExpiresAfterCalls = reader.int(top["session_expires_after_calls"], "session_expires_after_calls",
                                                   range: 1...1_000_000_000)
        plan.dailyAPILimit = reader.int(top["daily_api_limit"], "daily_api_limit", range: 1...1_000_000_000)
        plan.hiddenFields = reader.strings(top["hidden_fields"], "hidden_fields") ?? []
        plan.includesTokenEndpoint = reader.bool(top["token_endpoint"], "token_endpoint") ?? false
        if !reader.errors.isEmpty { throw InputErrors(reader.errors) }
        return plan
    }
}
