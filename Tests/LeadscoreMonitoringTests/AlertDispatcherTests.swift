import Foundation
import LeadscoreData
import LeadscoreMonitoring
import Logging
import Testing

/// The dispatcher against a real webhook receiver on 127.0.0.1: what is posted, what is held back and
/// why, and that the state only moves once a post succeeded.
@Suite("Alert dispatcher") struct AlertDispatcherTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static let hour: TimeInterval = 3_600

    static let drift = MonitorFinding(check: "drift", subject: "LeadSource", value: 0.31, threshold: 0.25, severity: .page,
                                      message: "LeadSource drifted: PSI 0.31 >= 0.25")
    static let nulls = MonitorFinding(check: "null_rate", subject: "Industry", value: 0.08, threshold: 0.05, severity: .ticket,
                                      message: "Industry is empty 8 points more often than in training")
    static let tiers = MonitorFinding(check: "tier_mix", subject: "score", value: 0.04, threshold: 0.10, severity: .info,
                                      message: "tier A share moved 4 points")

    static func settings(_ configure: (inout MonitoringSettings) -> Void = { _ in }) -> MonitoringSettings {
        var settings = MonitoringSettings()
        settings.alerts.webhook = .environment("TEST_ALERT_WEBHOOK")
        configure(&settings)
        return settings
    }

    static func dispatcher(_ receiver: AlertReceiver, _ settings: MonitoringSettings = settings(),
                           log: LogRecorder = LogRecorder()) throws -> AlertDispatcher {
        try AlertDispatcher(settings: settings, logger: Logger(label: "test") { _ in log.handler() },
                            environment: ["TEST_ALERT_WEBHOOK": receiver.url])
    }

    @Test func sendsOnceThenTheCooldownHoldsUntilItEnds() async throws {
        try await AlertReceiver.run { receiver in
            let log = LogRecorder()
            let dispatcher = try Self.dispatcher(receiver, log: log)
            var state = AlertState()
            let first = try await dispatcher.dispatch([Self.tiers, Self.nulls, Self.drift], state: &state, now: Self.now)
            #expect(first.sent == [Self.nulls, Self.drift] && first.belowMinimum == [Self.tiers])
            #expect(first.suppressedByCooldown.isEmpty && first.acknowledged.isEmpty && first.logOnly.isEmpty)
            #expect(receiver.messages.count == 1)
            #expect(state.sent["drift:LeadSource"] == AlertState.Sent(severity: .page, at: Self.now))
            #expect(state.sent["null_rate:Industry"]?.severity == .ticket && state.sent["tier_mix:score"] == nil)

            let message = try #require(receiver.messages.first)
            let text = try #require(message["text"] as? String)
            let blocks = try #require(message["blocks"] as? [[String: Any]])
            #expect(text.contains("drift:LeadSource") && text.contains("1 page") && text.contains("1 ticket"))
            let lines = blocks.compactMap { ($0["text"] as? [String: Any])?["text"] as? String }
            let pageAt = try #require(lines.firstIndex { $0.contains("drift:LeadSource") })
            let ticketAt = try #require(lines.firstIndex { $0.contains("null_rate:Industry") })
            #expect(pageAt < ticketAt, "worst first")
            #expect(lines.contains { $0.contains("PSI 0.31 &gt;= 0.25") }, "markup characters are escaped")
            let posted = try #require(receiver.posts.first)
            #expect(!posted.contains("http") && !posted.contains("127.0.0.1") && !posted.contains("secret-token"))

            let warnings = log.entries.filter { $0.level >= .warning }
            #expect(warnings.map { $0.metadata["key"] } == ["null_rate:Industry", "drift:LeadSource"])
            #expect(warnings.map(\.level) == [.warning, .error])
            #expect(log.entries.allSatisfy { !"\($0.message) \($0.metadata)".contains("secret-token") })

            let again = try await dispatcher.dispatch([Self.nulls, Self.drift], state: &state, now: Self.now + 5 * Self.hour)
            #expect(again.sent.isEmpty && again.suppressedByCooldown == [Self.nulls, Self.drift])
            #expect(receiver.posts.count == 1)
            let later = try await dispatcher.dispatch([Self.drift], state: &state, now: Self.now + 6 * Self.hour)
            #expect(later.sent == [Self.drift] && receiver.posts.count == 2)
        }
    }

    @Test func anEscalationIsSentAtOnceAndADropIsNot() async throws {
        try await AlertReceiver.run { receiver in
            let dispatcher = try Self.dispatcher(receiver)
            var state = AlertState()
            var ticket = Self.drift
            ticket.severity = .ticket
            #expect(try await dispatcher.dispatch([ticket], state: &state, now: Self.now).sent == [ticket])
            let escalated = try await dispatcher.dispatch([Self.drift], state: &state, now: Self.now + Self.hour)
            #expect(escalated.sent == [Self.drift] && state.sent["drift:LeadSource"]?.severity == .page)
            let dropped = try await dispatcher.dispatch([ticket], state: &state, now: Self.now + 2 * Self.hour)
            #expect(dropped.suppressedByCooldown == [ticket] && receiver.messages.count == 2)
        }
    }

    @Test func anAcknowledgedFindingIsReportedButNotSentUntilItExpires() async throws {
        try await AlertReceiver.run { receiver in
            let settings = Self.settings {
                $0.acknowledged = [
                    Acknowledgement(check: "drift", subject: "LeadSource", until: Self.now + Self.hour, note: "webinar campaign"),
                    Acknowledgement(check: "coverage", subject: "service", until: Self.now - Self.hour, note: "migration"),
                ]
            }
            let log = LogRecorder()
            let dispatcher = try Self.dispatcher(receiver, settings, log: log)
            var state = AlertState()
            let summary = try await dispatcher.dispatch([Self.drift], state: &state, now: Self.now)
            #expect(summary.acknowledged == [Self.drift] && summary.sent.isEmpty && receiver.posts.isEmpty)
            #expect(summary.expiredAcknowledgements.map(\.key) == ["coverage:service"])
            #expect(state == AlertState())
            #expect(log.entries.contains { $0.metadata["key"] == "drift:LeadSource" && $0.metadata["acknowledged"] == "true" })
            #expect(log.entries.contains { $0.message.contains("expired") && $0.metadata["key"] == "coverage:service" })
            let expired = try await dispatcher.dispatch([Self.drift], state: &state, now: Self.now + Self.hour)
            #expect(expired.sent == [Self.drift] && receiver.messages.count == 1)
        }
    }

    @Test func aServerErrorIsRetriedThenSucceeds() async throws {
        try await AlertReceiver.run { receiver in
            receiver.answer([500, 429])
            let dispatcher = try Self.dispatcher(receiver)
            var state = AlertState()
            let summary = try await dispatcher.dispatch([Self.drift], state: &state, now: Self.now)
            #expect(summary.sent == [Self.drift] && state.sent["drift:LeadSource"] != nil)
            #expect(receiver.posts.count == 3 && Set(receiver.posts).count == 1, "the same message, three tries")
            #expect(receiver.messages.count == 1)
        }
    }

    @Test func aFailedPostIsAnErrorAndLeavesTheStateUnchanged() async throws {
        try await AlertReceiver.run { receiver in
            let dispatcher = try Self.dispatcher(receiver)
            var state = AlertState()
            _ = try await dispatcher.dispatch([Self.nulls], state: &state, now: Self.now)
            let before = state
            receiver.answer([], thenAlways: 503)
            let failure = await #expect(throws: AlertError.self) {
                _ = try await dispatcher.dispatch([Self.drift], state: &state, now: Self.now + Self.hour)
            }
            #expect(state == before)
            #expect(receiver.posts.count == 4, "one success, then three tries")
            #expect(failure?.description.contains("503") == true && failure?.description.contains("after 3 tries") == true)
            #expect(failure?.description.contains(receiver.url) == false)

            receiver.answer([], thenAlways: 404)
            let revoked = await #expect(throws: AlertError.self) {
                _ = try await dispatcher.dispatch([Self.drift], state: &state, now: Self.now + Self.hour)
            }
            #expect(receiver.posts.count == 5, "a refusal is not retried")
            #expect(revoked?.description.contains("404") == true && revoked?.description.contains("secret-token") == false)
            #expect(revoked?.description.contains("TEST_ALERT_WEBHOOK") == true, "names where the URL lives")
            #expect(state == before)
        }
    }

    @Test func aHigherMinimumAndNoWebhook() async throws {
        try await AlertReceiver.run { receiver in
            let pagesOnly = try Self.dispatcher(receiver, Self.settings { $0.alerts.minimumSeverity = .page })
            var state = AlertState()
            let summary = try await pagesOnly.dispatch([Self.nulls, Self.drift], state: &state, now: Self.now)
            #expect(summary.sent == [Self.drift] && summary.belowMinimum == [Self.nulls])
        }
        let log = LogRecorder()
        let logOnly = try AlertDispatcher(settings: MonitoringSettings(), logger: Logger(label: "test") { _ in log.handler() })
        var state = AlertState()
        let summary = try await logOnly.dispatch([Self.nulls, Self.drift], state: &state, now: Self.now)
        #expect(summary.logOnly == [Self.nulls, Self.drift] && summary.sent.isEmpty && state == AlertState())
        #expect(log.entries.filter { $0.level >= .warning }.count == 2)
    }

    /// The state file carries the cooldown from one pass (or process) to the next.
    @Test func theStateFileCarriesTheCooldownAcrossPasses() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("alert-dispatch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await AlertReceiver.run { receiver in
            let settings = Self.settings { $0.alerts.stateFile = "var/monitor-state.json" }
            let first = try await Self.dispatcher(receiver, settings).dispatch([Self.drift], now: Self.now, directory: directory)
            #expect(first.sent == [Self.drift])
            let file = directory.appendingPathComponent("var/monitor-state.json")
            #expect(try AlertState.load(from: file).sent["drift:LeadSource"]?.severity == .page)
            let second = try await Self.dispatcher(receiver, settings).dispatch([Self.drift], now: Self.now + Self.hour,
                                                                                 directory: directory)
            #expect(second.suppressedByCooldown == [Self.drift] && receiver.messages.count == 1)
            try Data("not json".utf8).write(to: file)
            await #expect(throws: AlertError.corruptState(path: file.path, problem: "it is not the JSON leadscore writes")) {
                _ = try await Self.dispatcher(receiver, settings).dispatch([Self.drift], now: Self.now, directory: directory)
            }
        }
    }
}

/// Every log line written, with its metadata as text.
final class LogRecorder: @unchecked Sendable {
    struct Entry {
        let level: Logger.Level
        let message: String
        let metadata: [String: String]
    }

    private let lock = NSLock()
    private var lines: [Entry] = []

    var entries: [Entry] { lock.withLock { lines } }

    func handler() -> some LogHandler { Handler(recorder: self) }

    fileprivate func append(_ entry: Entry) {
        lock.withLock { lines.append(entry) }
    }

    private struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            recorder.append(Entry(level: event.level, message: "\(event.message)", metadata: merged.mapValues { "\($0)" }))
        }
    }
}
