import Foundation
import Yams

/// `90s`, `15m`, `6h` or `7d`: how every section of leadscore.yaml (and `--since`) writes a duration.
public enum DurationText {
    /// The duration of `text`, nil when it is not a positive whole number and a unit (s, m, h, d).
    public static func parse(_ text: String) -> Duration? {
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let unit = trimmed.last, let seconds = units[unit], let count = Int64(trimmed.dropLast()), count > 0,
              count <= Int64.max / seconds else { return nil }
        return .seconds(count * seconds)
    }

    /// `90s`, `6h`, `7d`: a duration in its largest whole unit.
    public static func plain(_ duration: Duration) -> String {
        let seconds = duration.components.seconds
        for (unit, size) in [("d", Int64(86_400)), ("h", 3_600), ("m", 60)] where seconds % size == 0 {
            return "\(seconds / size)\(unit)"
        }
        return "\(seconds)s"
    }
}

extension YAMLNodeReader {
    /// A duration within `range`; a malformed or out-of-range one is recorded with its fix.
    public func duration(_ node: Node?, _ path: String, range: ClosedRange<Duration>) -> Duration? {
        guard let text = string(node, path) else { return nil }
        guard let duration = DurationText.parse(text) else {
            fail(node, path, "'\(text)' is not a duration", fix: "write a number and a unit: 90s, 15m, 6h or 7d")
            return nil
        }
        guard range.contains(duration) else {
            fail(node, path, "'\(text)' is outside \(DurationText.plain(range.lowerBound)) to \(DurationText.plain(range.upperBound))",
                 fix: "choose a duration in that range")
            return nil
        }
        return duration
    }
}
