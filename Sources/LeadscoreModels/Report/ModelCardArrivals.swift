/// The model card's "SLA impact" section, worded once for the HTML and the Markdown card: what the
/// arrival forecast means for the team that works the top tier, or why the card has none.
enum ModelCardArrivals {
    static let title = "SLA impact: expected leads per tier by hour and weekday"

    /// What the tables say and how to use them, before any number.
    static let meaning = "If routing were switched on at these thresholds, this is how many leads each tier would send "
        + "to its queue in each hour of a typical week, judged from the test leads (the most recent period) by the hour "
        + "they were created. Times are UTC. Check that the top tier's busiest hours fit what the SDR team can work "
        + "within its response-time target; if not, raise the top tier's threshold or plan capacity for those hours."

    /// The one line shown instead of the tables when the evaluation holds no forecast.
    static func missing(_ evaluation: ModelEvaluation) -> String {
        evaluation.arrivalForecastNote
            ?? "Not recorded: this bundle was trained before leadscore forecast arrivals by hour; retrain to see it."
    }
}
