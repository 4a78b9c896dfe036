/// How the champion was refitted on train + validation before the bundle was written, and what that
/// did on the test leads. Stored in `evaluation.json` beside the honest figures, which it never
/// replaces: the champion, its settings and the tiers were fixed before the test slice was scored,
/// and the refit changed none of them.
public struct RefitSummary: Sendable, Codable, Equatable {
    /// Leads the refitted model, its feature pipeline and its calibrator learned from: the whole train
    /// and validation slices, never a test lead.
    public var trainRows: Int
    public var validationRows: Int
    /// Trees: the round count kept by early stopping on validation, and the count the refit trained
    /// (`selectedRounds × (trainRows + validationRows) / trainRows`). `nil` for the other families.
    public var selectedRounds: Int?
    public var rounds: Int?
    /// Logistic: the L2 penalty per lead chosen on validation, reused as is. `nil` for the other families.
    public var l2: Double?
    /// The calibrator was fitted on out-of-fold margins from this many refits on train + validation.
    public var calibrationFolds: Int
    /// True when only the validation slice's out-of-fold margins calibrated (a time-ordered split: the
    /// latest period sets the level, as it does without a refit). `nil` in bundles written before.
    public var calibratedOnLatest: Bool?
    /// The refitted model's calibration: the method that won on validation, refitted, with its
    /// cross-validated log loss on the out-of-fold margins.
    public var calibration: CalibrationChoice
    /// The champion on the test leads before the refit (the card's honest figures) and the refitted
    /// model on the same leads.
    public var testBefore: MetricSet
    public var testAfter: MetricSet
    public var gain: RefitGain

    public init(trainRows: Int, validationRows: Int, selectedRounds: Int?, rounds: Int?, l2: Double?, calibrationFolds: Int,
                calibratedOnLatest: Bool? = nil, calibration: CalibrationChoice, testBefore: MetricSet, testAfter: MetricSet,
                gain: RefitGain) {
        self.trainRows = trainRows
        self.validationRows = validationRows
        self.selectedRounds = selectedRounds
        self.rounds = rounds
        self.l2 = l2
        self.calibrationFolds = calibrationFolds
        self.calibratedOnLatest = calibratedOnLatest
        self.calibration = calibration
        self.testBefore = testBefore
        self.testAfter = testAfter
        self.gain = gain
    }

    /// Leads the refit used.
    public var rows: Int { trainRows + validationRows }

    /// How the refit was done, in a line: "20,400 leads (17,000 train + 3,400 validation); 255 rounds
    /// (212 early-stopped × 20,400 / 17,000); Platt calibration on 5-fold out-of-fold margins".
    public var method: String {
        var parts = ["\(ReportFormat.count(rows)) leads (\(ReportFormat.count(trainRows)) train + "
            + "\(ReportFormat.count(validationRows)) validation)"]
        if let rounds, let selectedRounds {
            parts.append("\(ReportFormat.count(rounds)) rounds (\(ReportFormat.count(selectedRounds)) early-stopped × "
                + "\(ReportFormat.count(rows)) / \(ReportFormat.count(trainRows)))")
        }
        if let l2 { parts.append("L2 \(l2) per lead as chosen on validation") }
        let method = calibration.calibrator.method == .platt ? "Platt" : "isotonic"
        let rows = calibratedOnLatest == true ? " of the validation leads (the latest period)" : ""
        parts.append("\(method) calibration on \(calibrationFolds)-fold out-of-fold margins\(rows)")
        return parts.joined(separator: "; ")
    }

    /// The test figures before → after, e.g. "ROC AUC 0.812 → 0.818 (+0.006, 95% −0.002 to +0.013);
    /// log loss 0.401 → 0.395 (…); ECE 0.012 → 0.010".
    public var testChange: String {
        var roc = "ROC AUC \(ReportFormat.fixed(testBefore.rocAUC)) → \(ReportFormat.fixed(testAfter.rocAUC))"
        if let change = gain.rocAUC { roc += " (\(Self.signed(change))\(Self.range(gain.rocAUCInterval)))" }
        let loss = "log loss \(ReportFormat.fixed(testBefore.logLoss)) → \(ReportFormat.fixed(testAfter.logLoss)) "
            + "(\(Self.signed(gain.logLoss))\(Self.range(gain.logLossInterval)))"
        let ece = "ECE \(ReportFormat.fixed(testBefore.ece)) → \(ReportFormat.fixed(testAfter.ece))"
        return [roc, loss, ece].joined(separator: "; ")
    }

    private static func signed(_ value: Double) -> String {
        let text = ReportFormat.fixed(value)
        return text.hasPrefix("-") ? "−" + text.dropFirst() : "+" + text
    }

    private static func range(_ interval: Interval?) -> String {
        guard let interval else { return "" }
        return ", 95% \(signed(interval.lower)) to \(signed(interval.upper))"
    }
}
