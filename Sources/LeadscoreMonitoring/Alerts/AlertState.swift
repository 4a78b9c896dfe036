import Foundation

/// What the alert webhook was sent, per ``MonitorFinding/key``: the severity and when. It is what
/// makes the cooldown hold across monitor passes (and processes), so it lives in a small JSON file,
/// replaced in one step on every change: a crash leaves the old state or the new one, never half.
public struct AlertState: Sendable, Equatable, Codable {
    /// One finding's last post.
    public struct Sent: Sendable, Equatable, Codable {
        public var severity: Severity
        public var at: Date

        public init(severity: Severity, at: Date) {
            self.severity = severity
            self.at = at
        }
    }

    /// The format of the file, so a later version can tell an old state from a corrupt one.
    public private(set) var version = 1
    public var sent: [String: Sent] = [:]

    public init() {}

    /// Whether a post of `finding` at `now` would repeat one made within `cooldown` at the same or a
    /// higher severity (an escalation, ticket then page, is never a repeat).
    public func isRepeat(_ finding: MonitorFinding, at now: Date, cooldown: Duration) -> Bool {
        guard let last = sent[finding.key] else { return false }
        return last.severity >= finding.severity && now.timeIntervalSince(last.at) < cooldown.timeInterval
    }

    /// Remembers that `findings` were posted at `now`, and forgets posts older than `cooldown`, which
    /// suppress nothing any more (so the file stays as small as the set of open alerts).
    /// Times are kept to the whole second, as the file writes them.
    public mutating func record(_ findings: [MonitorFinding], at now: Date, cooldown: Duration) {
        sent = sent.filter { now.timeIntervalSince($0.value.at) < cooldown.timeInterval }
        let second = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        // Two findings of one key in a pass (a field's PSI and its Jensen–Shannon): the worse is remembered.
        let worst = Dictionary(findings.map { ($0.key, $0.severity) }, uniquingKeysWith: max)
        for (key, severity) in worst {
            sent[key] = Sent(severity: severity, at: second)
        }
    }

    /// The state in `url`; a missing file is an empty state (nothing sent yet).
    public static func load(from url: URL) throws -> AlertState {
        guard FileManager.default.fileExists(atPath: url.path) else { return AlertState() }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw AlertError.corruptState(path: url.path, problem: "it cannot be read: \(error.localizedDescription)")
        }
        let state: AlertState
        do {
            state = try decoder.decode(AlertState.self, from: data)
        } catch {
            throw AlertError.corruptState(path: url.path, problem: "it is not the JSON leadscore writes")
        }
        guard state.version == 1 else {
            throw AlertError.corruptState(path: url.path, problem: "it has version \(state.version), this leadscore reads version 1")
        }
        return state
    }

    /// Writes the state to a temporary file beside `url`, then renames it over `url`.
    public func save(to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString.prefix(8))")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Self.encoder.encode(self).write(to: temporary)
            // rename(2) replaces the old file in one step: a reader sees the old state or the new one.
            guard rename(temporary.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw AlertError.stateNotWritten(path: url.path, problem: error.localizedDescription)
        }
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return encoder
    }
}

extension Duration {
    /// The duration in seconds, for comparing with `Date` intervals.
    var timeInterval: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
