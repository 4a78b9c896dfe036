import Foundation
import LeadscoreData

/// The `--since` of `leadscore monitor`: a look-back like `7d`, `24h` or `90m`.
public enum MonitorWindow {
    public static func parse(_ text: String, option: String = "--since") throws -> TimeInterval {
        guard let duration = DurationText.parse(text), duration >= .seconds(60), duration <= .seconds(400 * 86_400) else {
            throw InputError(source: option, problem: "'\(text)' is not a look-back window",
                             fix: "use a number and m, h or d, from 1m up to 400d: e.g. 7d, 24h, 90m")
        }
        return TimeInterval(duration.components.seconds)
    }
}
