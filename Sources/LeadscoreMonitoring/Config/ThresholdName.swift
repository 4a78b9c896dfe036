/// The thresholds of `monitoring.thresholds`, named as in `leadscore.yaml`.
public enum ThresholdName: String, Sendable, CaseIterable, Equatable {
    /// PSI of an input field's distribution against training (0.1 moderate, 0.25 significant).
    case driftPSI = "drift_psi"
    /// Jensen–Shannon divergence (base-2 logs, so 0…1) of an input field against training.
    case driftJS = "drift_js"
    /// Absolute rise of a field's null rate over its training baseline.
    case nullRateIncrease = "null_rate_increase"
    /// Share of a field's present values never seen in training.
    case unseenValues = "unseen_values"
    /// Share of a numeric field's values outside training's min…max.
    case outOfRange = "out_of_range"
    /// PSI of the score distribution against the model's baseline.
    case scorePSI = "score_psi"
    /// Largest absolute change of one tier's share of leads.
    case tierMixChange = "tier_mix_change"
    /// Share of scoring requests refused or failed.
    case errorRate = "error_rate"
    /// 95th percentile of scoring latency, in milliseconds.
    case latencyP95Milliseconds = "latency_p95_ms"
    /// Share of requests rejected for a field.
    case validationFailures = "validation_failures"
    /// Share of created leads scored within `coverage_minutes` (lower is worse).
    case coverage

    /// Coverage is the one figure that gets worse as it falls.
    public var direction: Threshold.Direction {
        self == .coverage ? .lowerIsWorse : .higherIsWorse
    }

    /// Figures computed from the leads' distribution, which are noise on a handful of leads: below
    /// `min_rows` they are at most `info`. Service health and coverage count every request and stay as measured.
    public var needsMinimumRows: Bool {
        switch self {
        case .driftPSI, .driftJS, .nullRateIncrease, .unseenValues, .outOfRange, .scorePSI, .tierMixChange: return true
        case .errorRate, .latencyP95Milliseconds, .validationFailures, .coverage: return false
        }
    }

    /// The defaults: the PSI convention, and levels a team can live with before it has its own history.
    public var defaultThreshold: Threshold {
        switch self {
        case .driftPSI, .scorePSI: return Threshold(ticket: 0.1, page: 0.25)
        case .driftJS: return Threshold(ticket: 0.05, page: 0.1)
        case .nullRateIncrease, .unseenValues: return Threshold(ticket: 0.05, page: 0.20)
        case .outOfRange: return Threshold(ticket: 0.01, page: 0.05)
        case .tierMixChange: return Threshold(ticket: 0.10, page: 0.25)
        case .errorRate: return Threshold(ticket: 0.01, page: 0.05)
        case .latencyP95Milliseconds: return Threshold(ticket: 250, page: 1_000)
        case .validationFailures: return Threshold(ticket: 0.02, page: 0.10)
        case .coverage: return Threshold(ticket: 0.98, page: 0.90, direction: .lowerIsWorse)
        }
    }

    /// The values a level may take: shares and divergences are 0…1, PSI is unbounded but above 10 meaningless.
    var allowedRange: ClosedRange<Double> {
        switch self {
        case .driftPSI, .scorePSI: return 0...10
        case .latencyP95Milliseconds: return 1...600_000
        default: return 0...1
        }
    }
}
