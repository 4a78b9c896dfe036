import Foundation

/// The Slack incoming-webhook message for one monitor pass (Slack API, "Sending messages using
/// incoming webhooks"): a plain `text` for notifications and clients without blocks, and `blocks`
/// listing the findings grouped by severity, worst first. Findings carry figures and field names only,
/// and the message adds nothing else: no lead, no person, no URL.
struct AlertMessage: Encodable {
    struct Text: Encodable {
        var type = "mrkdwn"
        let text: String
    }

    struct Block: Encodable {
        let type: String
        let text: Text?
        let elements: [Text]?

        static func section(_ text: String) -> Block { Block(type: "section", text: Text(text: text), elements: nil) }
        static func context(_ text: String) -> Block { Block(type: "context", text: nil, elements: [Text(text: text)]) }
    }

    /// Slack allows 50 blocks per message; a short list is also what a channel reads.
    static let findingsListed = 20
    /// Slack cuts a section's text at 3,000 characters; one finding's line stays far below.
    static let maximumLineLength = 500

    let text: String
    let blocks: [Block]

    init(findings: [MonitorFinding]) {
        let ordered = Severity.allCases.reversed().flatMap { severity in findings.filter { $0.severity == severity } }
        let listed = ordered.prefix(Self.findingsListed)
        let counts = Severity.allCases.reversed().compactMap { severity -> String? in
            let count = findings.filter { $0.severity == severity }.count
            return count == 0 ? nil : "\(count) \(severity.rawValue)"
        }
        let summary = "leadscore monitor: \(findings.count) finding\(findings.count == 1 ? "" : "s") (\(counts.joined(separator: ", ")))"
        var blocks: [Block] = [.section("*\(Self.escaped(summary))*")]
        for severity in Severity.allCases.reversed() {
            let group = listed.filter { $0.severity == severity }
            guard !group.isEmpty else { continue }
            blocks.append(.section("*\(Self.heading(severity))*"))
            blocks += group.map { .section(Self.line($0)) }
        }
        if ordered.count > listed.count {
            blocks.append(.context("…and \(ordered.count - listed.count) more: run `leadscore monitor` for the full report"))
        }
        let keys = listed.prefix(5).map { "\($0.key) (\($0.severity.rawValue))" }.joined(separator: ", ")
        text = Self.escaped(summary + ": " + keys + (ordered.count > 5 ? ", …" : ""))
        self.blocks = blocks
    }

    /// The JSON body to post.
    func encoded() throws -> Data {
        try JSONEncoder().encode(self)
    }

    private static func heading(_ severity: Severity) -> String {
        switch severity {
        case .page: return ":rotating_light: Page"
        case .ticket: return ":warning: Ticket"
        case .info: return ":information_source: Info"
        }
    }

    private static func line(_ finding: MonitorFinding) -> String {
        let message = finding.message.count > maximumLineLength
            ? String(finding.message.prefix(maximumLineLength - 1)) + "…" : finding.message
        return "`\(escaped(finding.key))` \(escaped(message))"
    }

    /// Slack reads `&`, `<` and `>` as markup (`<url|label>` is a link): they are sent escaped.
    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
