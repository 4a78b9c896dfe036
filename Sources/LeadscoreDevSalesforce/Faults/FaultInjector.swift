import Foundation
import Logging

/// Draws the fault plan's faults call by call and counts what it injected, for `GET /__dev/stats` and
/// the log. One seeded generator serves every draw, so a single client replaying the same calls sees
/// the same faults.
public actor FaultInjector {
    /// The faults the server can inject; the raw values are the keys of `/__dev/stats`.
    public enum Kind: String, Sendable, CaseIterable {
        case serverUnavailable = "server_unavailable"
        case requestLimitExceeded = "request_limit_exceeded"
        case dailyLimitExceeded = "daily_api_limit"
        case unableToLockRow = "unable_to_lock_row"
        case slowResponse = "slow"
        case droppedConnection = "dropped_connections"
        case sessionExpired = "session_expires_after_calls"
    }

    /// What happens to a call before it reaches the API.
    struct Infrastructure: Sendable {
        var delaySeconds: Double?
        var drop = false
        var unavailable = false
    }

    public let plan: FaultPlan
    private var generator: SplitMix64
    private var calls = 0
    private var injected: [Kind: Int] = [:]
    private let logger: Logger

    init(plan: FaultPlan, logger: Logger) {
        self.plan = plan
        self.logger = logger
        generator = SplitMix64(seed: plan.seed)
    }

    /// Counts one call and draws its slow / dropped / unavailable faults, in that order.
    func infrastructure(path: String) -> Infrastructure {
        calls += 1
        var outcome = Infrastructure()
        if draw(plan.slowRate) {
            outcome.delaySeconds = plan.slowDelaySeconds
            note(.slowResponse, path: path)
        }
        if draw(plan.droppedConnectionRate) {
            outcome.drop = true
            note(.droppedConnection, path: path)
        } else if draw(plan.serverUnavailableRate) {
            outcome.unavailable = true
            note(.serverUnavailable, path: path)
        }
        return outcome
    }

    /// Whether this call gets an injected 403 REQUEST_LIMIT_EXCEEDED.
    func requestLimitExceeded(path: String) -> Bool {
        guard draw(plan.requestLimitExceededRate) else { return false }
        note(.requestLimitExceeded, path: path)
        return true
    }

    /// Whether a write (or one record of it, by the plan's scope) fails with UNABLE_TO_LOCK_ROW.
    func unableToLockRow(path: String) -> Bool {
        guard draw(plan.unableToLockRowRate) else { return false }
        note(.unableToLockRow, path: path)
        return true
    }

    /// Records a fault decided elsewhere (a session ended by the plan, the daily limit reached).
    func record(_ kind: Kind, path: String) {
        note(kind, path: path)
    }

    /// `{"calls": N, "faults": {"server_unavailable": n, …}}`: every kind, zero or not.
    public func statistics() -> JSONValue {
        .object([
            ("calls", .integer(Int64(calls))),
            ("faults", .object(Kind.allCases.map { ($0.rawValue, .integer(Int64(injected[$0] ?? 0))) })),
        ])
    }

    /// How many faults of `kind` were injected so far.
    public func count(of kind: Kind) -> Int {
        injected[kind] ?? 0
    }

    private func draw(_ rate: Double) -> Bool {
        guard rate > 0 else { return false }
        return generator.nextUnitInterval() < rate
    }

    private func note(_ kind: Kind, path: String) {
        injected[kind, default: 0] += 1
        logger.info("fault injected", metadata: ["fault": "\(kind.rawValue)", "path": "\(path)",
                                                 "total": "\(injected[kind] ?? 0)"])
    }
}

/// SplitMix64 (Steele, Lea and Flood 2014): small, fast and fully determined by its seed.
struct SplitMix64: Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A uniform draw in [0, 1) from the top 53 bits.
    mutating func nextUnitInterval() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }
}
