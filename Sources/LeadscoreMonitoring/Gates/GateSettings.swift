/// The `monitoring.gates:` section of `leadscore.yaml`: how much worse than the production model a
/// retrained candidate may look before `leadscore retrain` marks it failed and `models promote`
/// refuses it. Every key has a default, so a config without the section still gates retrains.
///
/// ```yaml
/// monitoring:
///   gates:
///     max_rejected_share: 0.02          # data: snapshot rows refused by the contract
///     max_unexpected_value_share: 0.05  # data: a picklist's values outside the contract's list
///     max_input_psi: 0.5                # data: an input's PSI against the champion's training baseline
///     max_null_rate_increase: 0.2       # data: an input's null rate above the champion's baseline
///     pr_auc_tolerance: 0.01            # offline: candidate PR AUC ≥ champion's − this, same leads
///     lift_tolerance: 0.1               # offline: candidate top-decile lift ≥ champion's − this
///     segment_min_leads: 200            # segments: smaller segments are not judged
///     segment_auc_tolerance: 0.05       # segments: ROC AUC may fall at most this much below the champion's
///     latency_p95_ms: 250               # operational: one lead; default monitoring.thresholds.latency_p95_ms ticket
///     batch_latency_p95_ms: 1000        # operational: one batch of service.max_batch_leads leads
///     latency_sample: 500               # operational: test leads timed
/// ```
public struct GateSettings: Sendable, Equatable {
    /// A snapshot whose rejected share is above this was likely read with a wrong contract or export.
    public var maxRejectedShare = 0.02
    /// Picklist values the contract does not list are kept (scored as other levels), but many of them
    /// mean the org's picklist changed and the contract was not updated.
    public var maxUnexpectedValueShare = 0.05
    /// Above the 0.25 "major shift" alerting convention on purpose: a retrain usually follows drift; what
    /// the data gate must catch is a broken extract (a remapped field, a new unit), which moves PSI by far more.
    public var maxInputPSI = 0.5
    /// Absolute rise of an input's null rate over the champion's training baseline.
    public var maxNullRateIncrease = 0.2
    /// How far below the champion's PR AUC (average precision) the candidate may land on the same leads.
    public var prAUCTolerance = 0.01
    /// How far below the champion's top-decile lift the candidate may land on the same leads.
    public var liftTolerance = 0.1
    /// Segments with fewer test leads are too noisy to judge; they are listed, not gated.
    public var segmentMinimumLeads = 200
    /// How far a segment's ROC AUC may fall below the champion's on the same leads.
    public var segmentAUCTolerance = 0.05
    /// 95th percentile of scoring one lead, in milliseconds; nil: the ticket level of
    /// `monitoring.thresholds.latency_p95_ms`, the budget the running service is monitored against.
    public var latencyP95Milliseconds: Double?
    /// 95th percentile of scoring one batch of the service's `max_batch_leads`, in milliseconds.
    public var batchLatencyP95Milliseconds = 1_000.0
    /// How many test leads are timed one by one (and cycled through for the batches).
    public var latencySampleLeads = 500

    public init() {}

    static let keys = [
        "max_rejected_share", "max_unexpected_value_share", "max_input_psi", "max_null_rate_increase",
        "pr_auc_tolerance", "lift_tolerance", "segment_min_leads", "segment_auc_tolerance", "latency_p95_ms",
        "batch_latency_p95_ms", "latency_sample",
    ]
}
