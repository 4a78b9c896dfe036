import Foundation
import LeadscoreMonitoring
import Testing

@Suite("Alert state") struct AlertStateTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    static func finding(_ check: String, _ subject: String, _ severity: Severity) -> MonitorFinding {
        MonitorFinding(check: check, subject: subject, value: 0.3, threshold: 0.25, severity: severity, message: "\(check) of \(subject)")
    }

    static func temporaryFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("alert-state-\(UUID().uuidString)/state.json")
    }

    @Test func roundTripsThroughItsFile() throws {
        let file = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        #expect(try AlertState.load(from: file) == AlertState(), "a missing file is an empty state")
        var state = AlertState()
        state.record([Self.finding("drift", "LeadSource", .page), Self.finding("coverage", "service", .ticket)],
                     at: Self.now.addingTimeInterval(0.75), cooldown: .seconds(3_600))
        try state.save(to: file)
        let loaded = try AlertState.load(from: file)
        #expect(loaded == state)
        #expect(loaded.sent["drift:LeadSource"] == AlertState.Sent(severity: .page, at: Self.now))
        #expect(loaded.sent["coverage:service"]?.severity == .ticket)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path)
        #expect(leftovers == ["state.json"], "the temporary file is renamed, not left behind")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("\"drift:LeadSource\"") && text.contains("2026-"))
    }

    @Test func aCorruptFileNamesItselfAndTheFix() throws {
        let file = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        for text in ["{\"sent\": ", "[1, 2]", "{\"version\": 9, \"sent\": {}}"] {
            try Data(text.utf8).write(to: file)
            let error = #expect(throws: AlertError.self) { try AlertState.load(from: file) }
            guard case let .corruptState(path, _) = error else {
                Issue.record("expected corruptState for \(text), got \(String(describing: error))")
                continue
            }
            #expect(path == file.path)
            #expect(error?.description.contains("Fix: delete it") == true)
        }
    }

    @Test func anUnwritableFileIsAnError() throws {
        let blocker = FileManager.default.temporaryDirectory.appendingPathComponent("alert-blocker-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: blocker) }
        try Data("a file, not a directory".utf8).write(to: blocker)
        let error = #expect(throws: AlertError.self) { try AlertState().save(to: blocker.appendingPathComponent("state.json")) }
        #expect(error?.description.contains("state_file") == true)
    }

    /// Same or lower severity within the cooldown repeats; an escalation or an expired cooldown does not.
    @Test func repeatsAndEscalations() {
        var state = AlertState()
        state.record([Self.finding("drift", "LeadSource", .ticket)], at: Self.now, cooldown: .seconds(3_600))
        let ticket = Self.finding("drift", "LeadSource", .ticket), page = Self.finding("drift", "LeadSource", .page)
        #expect(state.isRepeat(ticket, at: Self.now.addingTimeInterval(3_599), cooldown: .seconds(3_600)))
        #expect(!state.isRepeat(ticket, at: Self.now.addingTimeInterval(3_600), cooldown: .seconds(3_600)))
        #expect(!state.isRepeat(page, at: Self.now.addingTimeInterval(60), cooldown: .seconds(3_600)))
        #expect(!state.isRepeat(Self.finding("drift", "Industry", .ticket), at: Self.now, cooldown: .seconds(3_600)))
        state.record([page], at: Self.now.addingTimeInterval(60), cooldown: .seconds(3_600))
        #expect(state.isRepeat(ticket, at: Self.now.addingTimeInterval(120), cooldown: .seconds(3_600)))
    }

    /// Posts older than the cooldown suppress nothing and are dropped; of one key twice, the worse is kept.
    @Test func recordingForgetsWhatNoLongerMatters() {
        var state = AlertState()
        state.record([Self.finding("drift", "LeadSource", .ticket)], at: Self.now, cooldown: .seconds(3_600))
        state.record([Self.finding("drift", "Industry", .page), Self.finding("drift", "Industry", .ticket)],
                     at: Self.now.addingTimeInterval(7_200), cooldown: .seconds(3_600))
        #expect(state.sent.keys.sorted() == ["drift:Industry"])
        #expect(state.sent["drift:Industry"]?.severity == .page)
    }
}
