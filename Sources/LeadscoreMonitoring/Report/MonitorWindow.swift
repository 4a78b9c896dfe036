import Foundation
import LeadscoreData

/// The `--since` of `leadscore monitor`: a look-back like `7d`, `24h` or `90m`.
public enum MonitorWindow {
    public static func parse(_ text: String, option: String = "--since") throws -> TimeInterval {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let units: [Character: TimeInterval] = ["m": 60, "h": 3_600, "d": 86_400]
        guard let unit = trimmed.last, let seconds = units[unit], let count = Double(trimmed.dropLast()), count > 0,
              count * seconds <= 400 * 86_400 else {
            throw InputError(source: option, problem: "'\(text)' is not a look-back window",
                             fix: "use a number and m, h or d, up to 400 days: e.g. 7d, 24h, 90m")
        }
        return count * seconds
    }
}
