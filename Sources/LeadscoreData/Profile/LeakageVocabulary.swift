/// The words with which Salesforce admins name, and reps fill in, fields about the lead's outcome or
/// the sales work done on it: `Lead_Status__c`, `Disqualification_Reason__c`, `Rep_Rating__c`,
/// `Days_Since_Last_Activity__c`, values such as "Closed - Won" or "Not interested".
///
/// A name or a value is only a hint (a `status` field may be an e-mail verification status), so it makes
/// a field a `review` suspect on its own and a `leakage` suspect only with evidence from the data. What
/// stays out on purpose: engagement words (views, opens, visits, downloads, attended, requested, source),
/// firmographics, and `MQL`/"marketing qualified" — marketing automation sets that stage from engagement
/// before sales touches the lead, so it is a pre-sales input (if it is stamped late, the missingness and
/// history rules still see it).
enum LeakageVocabulary {
    /// What a matched name speaks of; `description` completes "name 'X' speaks of …".
    enum Theme: Sendable {
        case outcome, qualification, judgement, salesWork, recency, pipeline, routing, notes

        var description: String {
            switch self {
            case .outcome: return "the lead's outcome"
            case .qualification: return "qualification by sales"
            case .judgement: return "a judgement assigned by people or tools"
            case .salesWork: return "sales work done on the lead"
            case .recency: return "a last-activity value that keeps moving until the export"
            case .pipeline: return "an opportunity or deal that follows the lead"
            case .routing: return "routing or ownership decided after the lead arrived"
            case .notes: return "notes reps write while working the lead"
            }
        }
    }

    /// A run of words, ignored when any `unless` word is also in the name ("marketing qualified").
    struct Pattern: Sendable {
        var phrase: [String]
        var unless: Set<String> = []
        var theme: Theme

        func matches(_ tokens: FieldNameTokens) -> Bool {
            tokens.contains(phrase) && !tokens.containsAny(unless)
        }
    }

    /// A name's match: the first theme found (patterns are ordered most telling first) and its words.
    struct NameMatch: Sendable, Equatable {
        var theme: Theme
        var words: String
        /// A judgement names a person who made it ("rep", "sdr"): said so in the evidence.
        var byPeople: Bool

        var description: String {
            theme == .judgement && byPeople ? "a rep's judgement" : theme.description
        }
    }

    static func match(name: String) -> NameMatch? {
        let tokens = FieldNameTokens(name)
        guard let pattern = namePatterns.first(where: { $0.matches(tokens) }) else { return nil }
        return NameMatch(theme: pattern.theme, words: pattern.phrase.joined(separator: " "),
                         byPeople: tokens.containsAny(peopleWords))
    }

    /// Whether a picklist or text value records an outcome or a step of sales work.
    static func isOutcomeValue(_ value: String) -> Bool {
        let tokens = FieldNameTokens(value)
        return valuePatterns.contains { $0.matches(tokens) }
    }

    private static let peopleWords: Set<String> = ["rep", "reps", "sdr", "bdr", "sales", "agent", "owner", "manual"]

    private static func patterns(_ theme: Theme, _ phrases: [String], unless: Set<String> = []) -> [Pattern] {
        phrases.map { Pattern(phrase: $0.split(separator: " ").map(String.init), unless: unless, theme: theme) }
    }

    /// Names: words, or runs of words, admins use for fields filled in after the lead was worked.
    static let namePatterns: [Pattern] =
        patterns(.outcome, ["status", "stage", "disposition", "outcome", "outcomes", "result", "results", "converted",
                            "conversion", "won", "win", "lost", "loss", "closed", "close", "churn", "churned"])
        + patterns(.qualification, ["qualified", "qualification"], unless: ["marketing", "mql"])
        + patterns(.qualification, ["disqualified", "disqualification", "disqualify", "unqualified", "sql", "sal",
                                    "sales accepted", "rejected", "rejection", "reject", "bant"])
        + patterns(.recency, ["last activity", "last contact", "last contacted", "last touch", "last touched",
                              "last call", "last meeting", "last modified", "last viewed", "last referenced",
                              "last updated", "modstamp", "days since", "time since"])
        + patterns(.judgement, ["rating", "rated", "grade", "graded", "score", "scored", "scoring", "quality", "tag",
                                "tags", "priority", "temperature", "likelihood", "probability"])
        + patterns(.salesWork, ["calls", "call count", "call attempts", "call attempt", "emails sent", "email sent",
                                "sales emails", "contacted", "contact attempts", "contact attempt", "touches",
                                "touch count", "meeting held", "meetings held", "meeting booked", "meeting completed",
                                "demo held", "demo completed", "demo given", "demo done", "follow up", "followup",
                                "task", "tasks", "response time", "first response"])
        + patterns(.salesWork, ["activity count", "activities", "sales activity"],
                   unless: ["web", "website", "online", "marketing", "site"])
        + patterns(.pipeline, ["opportunity", "opportunities", "opp", "oppty", "deal", "deals", "quote", "quoted",
                               "quotes", "proposal", "pipeline", "booking", "bookings"])
        + patterns(.notes, ["notes", "note", "comments", "comment", "feedback", "remarks"])
        + patterns(.routing, ["owner", "assigned", "assignment", "assignee", "routed", "routing", "queue", "rep",
                              "sdr", "bdr"])

    /// Values: what reps pick as a lead moves through qualification.
    static let valuePatterns: [Pattern] =
        patterns(.outcome, ["closed", "won", "lost", "converted", "not interested", "interested", "junk",
                            "disqualified", "unqualified", "do not contact", "already a customer", "wrong number",
                            "contacted", "attempted", "attempting", "no response", "unresponsive", "nurture",
                            "nurturing", "recycled", "duplicate", "spam", "bad fit", "meeting booked", "meeting held",
                            "meeting set", "opportunity", "sql", "sal", "rejected"])
        + patterns(.qualification, ["qualified"], unless: ["marketing", "mql"])
}
