import Foundation
import LeadscoreData
import LeadscoreMonitoring
import Testing

@Suite("Alert webhook") struct AlertWebhookTests {
    static func finding(_ index: Int, _ severity: Severity) -> MonitorFinding {
        MonitorFinding(check: "drift", subject: "Field\(index)", value: 0.3, threshold: 0.25, severity: severity,
                       message: "Field\(index) drifted")
    }

    /// Only https leaves the machine; plain http only to loopback. The error names the place, not the URL.
    @Test func refusesURLsThatWouldLeakTheToken() throws {
        for url in ["http://hooks.example.com/services/T/B/token", "ftp://127.0.0.1/token", "http://127.example.com/token",
                    "not a url"] {
            let error = #expect(throws: InputError.self) {
                try AlertWebhook(location: .environment("HOOK"), source: "leadscore.yaml", environment: ["HOOK": url])
            }
            #expect(error?.field == "monitoring.alerts.webhook_url_env")
            #expect(error?.description.contains("token") == false, "the URL is in the error: \(url)")
        }
        for url in ["https://hooks.slack.com/services/T/B/token", "http://127.0.0.1:8080/hook", "http://localhost/hook"] {
            #expect(throws: Never.self) {
                try AlertWebhook(location: .environment("HOOK"), source: "leadscore.yaml", environment: ["HOOK": url])
            }
        }
        let webhook = try AlertWebhook(location: .environment("HOOK"), source: "leadscore.yaml",
                                       environment: ["HOOK": "https://hooks.slack.com/services/T/B/token"])
        #expect("\(webhook)" == "alert webhook (URL in environment variable HOOK)")
    }

    @Test func aMissingSecretNamesTheKeyToFix() throws {
        let unset = #expect(throws: InputError.self) {
            try AlertWebhook(location: .environment("HOOK"), source: "leadscore.yaml", environment: [:])
        }
        #expect(unset?.field == "monitoring.alerts.webhook_url_env" && unset?.fix.contains("export HOOK=") == true)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("alert-hook-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("https://hooks.slack.com/services/T/B/token\n".utf8).write(to: file)
        #expect(throws: Never.self) { try AlertWebhook(location: .file(file.path), source: "leadscore.yaml") }
        let missing = #expect(throws: InputError.self) {
            try AlertWebhook(location: .file(file.path + ".missing"), source: "leadscore.yaml")
        }
        #expect(missing?.field == "monitoring.alerts.webhook_url_file")
    }

    /// Many findings: one message, worst first, twenty listed and the rest counted.
    @Test func aLongListIsCutAndCounted() async throws {
        try await AlertReceiver.run { receiver in
            let findings = (0..<30).map { Self.finding($0, $0 % 3 == 0 ? .page : .ticket) }
            let webhook = try AlertWebhook(location: .environment("HOOK"), source: "leadscore.yaml",
                                           environment: ["HOOK": receiver.url])
            try await webhook.send(findings)
            #expect(receiver.messages.count == 1)
            let blocks = try #require(receiver.messages.first?["blocks"] as? [[String: Any]])
            let texts = blocks.map { block in
                ((block["text"] as? [String: Any])?["text"] as? String)
                    ?? ((block["elements"] as? [[String: Any]])?.first?["text"] as? String) ?? ""
            }
            let listed = texts.filter { $0.hasPrefix("`drift:") }
            #expect(listed.count == 20)
            #expect(Array(listed.prefix(10)) == (0..<30).filter { $0 % 3 == 0 }.map { "`drift:Field\($0)` Field\($0) drifted" })
            #expect(texts.last == "…and 10 more: run `leadscore monitor` for the full report")
            #expect(texts.first?.contains("30 findings (10 page, 20 ticket)") == true)
            #expect(blocks.count <= 50, "Slack's limit")
        }
    }
}
