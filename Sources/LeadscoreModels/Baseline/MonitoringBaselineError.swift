/// Why a monitoring baseline could not be built. These come from the training run's own data, so each
/// names what was missing and what to change.
public enum MonitoringBaselineError: Error, Sendable, Equatable, CustomStringConvertible {
    case noTrainingRows
    case noScores
    case unknownColumn(name: String, available: [String])
    case invalidProbability(position: Int, value: Double)

    public var description: String {
        switch self {
        case .noTrainingRows:
            return "the monitoring baseline needs at least one training lead; snapshot a period with leads in the train slice"
        case .noScores:
            return "the monitoring baseline needs the scores of at least one lead; score the test slice before building it"
        case let .unknownColumn(name, available):
            return "the monitoring baseline names column \(name), which the table does not have "
                + "(it has \(available.prefix(20).joined(separator: ", "))\(available.count > 20 ? ", …" : "")); "
                + "pass the columns of the snapshot the model was trained on"
        case let .invalidProbability(position, value):
            return "probability \(value) at position \(position) is not in 0…1; the model produced an invalid score, "
                + "check the calibration before building the baseline"
        }
    }
}
