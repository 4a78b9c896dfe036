import ArgumentParser
import LeadscoreData

/// A date or datetime flag value (`2025-01-01`, `2025-01-01T00:00:00Z`), as seconds since epoch.
struct DateOption: ExpressibleByArgument, Sendable {
    let seconds: Double

    init?(argument: String) {
        guard let seconds = SalesforceDate.parse(argument) else { return nil }
        self.seconds = seconds
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
