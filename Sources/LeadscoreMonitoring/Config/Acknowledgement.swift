import Foundation
import LeadscoreData

/// An expected shift an admin has explained (`monitoring.acknowledged`): the finding with this
/// check and subject is still reported, but not alerted on until `until`. The note says why, so the
/// next person reading the config knows whether it still holds.
public struct Acknowledgement: Sendable, Equatable, CustomStringConvertible {
    public var check: String
    public var subject: String
    /// The first instant it no longer applies. A date alone (`2026-12-31`) covers that whole day in UTC.
    public var until: Date
    public var note: String

    public init(check: String, subject: String, until: Date, note: String) {
        self.check = check
        self.subject = subject
        self.until = until
        self.note = note
    }

    /// The ``MonitorFinding/key`` it silences.
    public var key: String { "\(check):\(subject)" }

    /// Whether it silences `finding` at `now`.
    public func covers(_ finding: MonitorFinding, at now: Date) -> Bool {
        finding.key == key && !hasExpired(at: now)
    }

    public func hasExpired(at now: Date) -> Bool {
        now >= until
    }

    public var description: String {
        "\(key) acknowledged until \(SalesforceDate.formatDateTime(until.timeIntervalSince1970)) (\(note))"
    }
}
