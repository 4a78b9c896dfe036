import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LeadscoreData
import Testing
@testable import LeadscoreMonitoring
@testable import LeadscoreService

/// A store holding a week of audit rows of the sample org's model: drifted leads served through the real
/// service today and repeated one to three days back, training-like leads four to six days back, six
/// refusals for Industry a day, and a registry change whose actor and reason hold markup.
struct WeekOfTraffic: Sendable {
    let store: any ServiceStore
    /// `MM-dd` (UTC) of every day with a scored row.
    let daysWithScores: [String]

    static func make() async throws -> WeekOfTraffic {
        let fixture = try MonitorEndToEndTests.shared.get()
        let store = try await MonitorEndToEndTests.serve(Array(fixture.after.prefix(600)), fixture: fixture)
        let trainingLikeStore = try await MonitorEndToEndTests.serve(Array(fixture.before.prefix(300)), fixture: fixture)
        let drifted = try await events(in: store)
        let trainingLike = try await events(in: trainingLikeStore)
        try await trainingLikeStore.close()

        var added: [AuditEvent] = []
        for day in 1...3 { added += drifted.map { shifted($0, days: day) } }
        for day in 4...6 { added += trainingLike.map { shifted($0, days: day) } }
        let latest = drifted.map(\.at).max() ?? Date()
        for day in 0...6 {
            added += (0..<6).map { index in
                AuditEvent(requestId: "refusal-\(day)-\(index)", at: latest.addingTimeInterval(-Double(day) * 86_400 - Double(index)),
                           client: "flow", leadId: nil, inputHash: nil, modelVersion: nil, score: nil, tier: nil, reasonCodes: [],
                           latencyMicroseconds: 800, outcome: .rejected, detail: "validation_failed Industry:not_allowed")
            }
        }
        try await store.append(audit: added, idempotency: [])
        let version = try #require(try await store.models().first?.version)
        // A history entry with markup in who and why (a re-promotion, as versions before no-op detection
        // recorded): the dashboard must show it escaped.
        let latestEvent = try #require(try await store.latestRegistryEvent())
        _ = try await store.appendRegistryEvent(
            RegistryEvent(at: Date(), actor: "ana <ops>", action: .promote, version: version,
                          reason: "re-promoted after <b>review</b> & sign-off", state: latestEvent.state),
            expectedLatest: latestEvent.id)
        let scored = (drifted + added).filter { $0.outcome == .scored }.map(\.at)
        let days = Set(scored.map { String(SalesforceDate.formatDateTime($0.timeIntervalSince1970).dropFirst(5).prefix(5)) })
        return WeekOfTraffic(store: store, daysWithScores: days.sorted())
    }

    private static func events(in store: any ServiceStore) async throws -> [AuditEvent] {
        try await store.auditEvents(from: Date(timeIntervalSince1970: 0), to: Date().addingTimeInterval(60), afterId: 0, limit: 100_000)
            .map(\.event)
    }

    private static func shifted(_ event: AuditEvent, days: Int) -> AuditEvent {
        var copy = event
        copy.requestId = "\(event.requestId)-\(days)d"
        copy.at = event.at.addingTimeInterval(-Double(days) * 86_400)
        return copy
    }
}

/// Reading the page and the DOM Chromium serialised: sections by id, element texts, table rows, and
/// anything that would make the browser fetch something.
extension DashboardTests {
    struct TableRow {
        let rowClass: String?
        /// Each cell's text with markup removed (entities left as they are).
        let cells: [String]
    }

    /// From `<section id="…"…>` to its `</section>` (sections do not nest).
    static func section(_ id: String, of html: String) -> String {
        matches(of: "<section id=\"\(id)\"[^>]*>.*?</section>", in: html).first?.first ?? ""
    }

    static func texts(of tag: String, in html: String) -> [String] {
        matches(of: "<\(tag)[^>]*>(.*?)</\(tag)>", in: html).map { plainText($0[1]) }
    }

    /// The body rows of the tables in `html` (header rows, which have no `<td>`, left out).
    static func rows(in html: String) -> [TableRow] {
        matches(of: "<tr(?: class=\"([^\"]*)\")?>(.*?)</tr>", in: html).map { row in
            TableRow(rowClass: row[1].isEmpty ? nil : row[1],
                     cells: matches(of: "<td[^>]*>(.*?)</td>", in: row[2]).map { plainText($0[1]) })
        }.filter { !$0.cells.isEmpty }
    }

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// Every attribute that names something to load (src, href, …) other than a `#fragment` on the page
    /// itself, and every CSS `url(…)` or `@import`.
    static func externalReferences(in html: String) -> [String] {
        let attributes = matches(of: "\\s(?:src|srcset|href|xlink:href|action|formaction|poster|data|background)\\s*=\\s*\"([^\"]*)\"",
                                 in: html).map { $0[1] }.filter { !$0.hasPrefix("#") }
        return attributes + matches(of: "(url\\([^)]*\\)|@import[^;]*)", in: html).map { $0[1] }
    }

    /// The page parses as XML, as the model card does: every element closed and every text escaped.
    static func expectWellFormedXML(_ page: String) throws {
        let parser = XMLParser(data: Data(page.utf8))
        let parsed = parser.parse()
        #expect(parsed, "not well-formed XML at line \(parser.lineNumber): \(String(describing: parser.parserError))")
    }

    private static func plainText(_ html: String) -> String {
        html.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Each match's groups (0 the whole match), across lines; a group that did not take part is "".
    private static func matches(of pattern: String, in text: String) -> [[String]] {
        guard let expression = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else { return [] }
        let whole = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: whole).map { match in
            (0..<match.numberOfRanges).map { group in
                Range(match.range(at: group), in: text).map { String(text[$0]) } ?? ""
            }
        }
    }
}
