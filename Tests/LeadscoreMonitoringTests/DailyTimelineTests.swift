import Foundation
import LeadscoreData
import Testing
@testable import LeadscoreMonitoring
@testable import LeadscoreService

/// The dashboard's by-day accumulator against hand-counted audit rows: UTC days, the window's edges,
/// refusals and latency for callers only, tiers for every score, and paging through a real store.
struct DailyTimelineTests {
    private func at(_ text: String) -> Date {
        Date(timeIntervalSince1970: SalesforceDate.parse(text)!)
    }

    private func event(_ time: String, tier: String? = nil, rejected: Bool = false, client: String = "flow",
                       latency: Int = 1_000) -> AuditEvent {
        AuditEvent(requestId: UUID().uuidString, at: at(time), client: client, leadId: nil, inputHash: nil,
                   modelVersion: rejected ? nil : "m1", score: rejected ? nil : 50, tier: rejected ? nil : tier, reasonCodes: [],
                   latencyMicroseconds: latency, outcome: rejected ? .rejected : .scored,
                   detail: rejected ? "validation_failed Industry:not_allowed" : nil)
    }

    private var events: [AuditEvent] {
        [
            event("2025-03-03T09:59:59Z", tier: "A"),                 // before the window
            event("2025-03-03T10:00:00Z", tier: "A", latency: 1_000),
            event("2025-03-03T23:59:59Z", tier: "B", latency: 3_000),
            event("2025-03-04T00:00:00Z", rejected: true, latency: 2_000),
            event("2025-03-05T12:00:00Z", tier: "A", client: AuditScan.syncClient, latency: 900_000),
            event("2025-03-06T09:00:00Z", tier: "C"),                 // the window's end is excluded
        ]
    }

    @Test func countsEachUTCDayOfTheWindow() {
        var timeline = DailyTimeline(from: at("2025-03-03T10:00:00Z"), to: at("2025-03-06T09:00:00Z"))
        for event in events { timeline.add(event) }
        #expect(timeline.bucketDays == 1)
        #expect(timeline.buckets.map(timeline.label) == ["03-03", "03-04", "03-05", "03-06"])
        #expect(timeline.buckets.map(\.start) == ["2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06"].map { at($0 + "T00:00:00Z") })
        #expect(timeline.rows == 4)
        #expect(timeline.buckets.map(\.tiers) == [["A": 1, "B": 1], [:], ["A": 1], [:]])
        #expect(timeline.buckets.map(\.scored) == [2, 0, 1, 0])
        // The sync's score counts in the tier mix, not as a caller's decision.
        #expect(timeline.buckets.map(\.decisions) == [2, 1, 0, 0])
        #expect(timeline.buckets.map(\.rejected) == [0, 1, 0, 0])
        #expect(timeline.buckets.map(\.errorRate) == [0, 1, nil, nil])
        #expect(timeline.tierNames == ["A", "B"])
        // Latency buckets are 5% wide and report their upper edge: 1 ms and 3 ms, never below.
        let p50 = timeline.buckets[0].latencyP50Milliseconds ?? -1
        let p95 = timeline.buckets[0].latencyP95Milliseconds ?? -1
        #expect(p50 >= 1 && p50 < 1.05, "p50 \(p50)")
        #expect(p95 >= 3 && p95 < 3.15, "p95 \(p95)")
        #expect(timeline.buckets[2].latencyP95Milliseconds == nil)
    }

    @Test func longWindowsAreGroupedSoAChartKeepsAtMost31Bars() {
        var timeline = DailyTimeline(from: at("2025-01-01T00:00:00Z"), to: at("2025-04-01T00:00:00Z"))
        #expect(timeline.bucketDays == 3)
        #expect(timeline.buckets.count == 30)
        #expect(timeline.label(of: timeline.buckets[0]) == "01-01+3d")
        #expect(timeline.label(of: timeline.buckets[29]) == "03-29+3d")
        timeline.add(event("2025-01-03T23:59:59Z", tier: "A"))
        timeline.add(event("2025-01-04T00:00:00Z", tier: "B"))
        #expect(timeline.buckets[0].tiers == ["A": 1] && timeline.buckets[1].tiers == ["B": 1])
    }

    @Test func scanningTheStorePageByPageEqualsAddingEachRow() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("leadscore-timeline-\(UUID().uuidString.prefix(8)).sqlite")
        let store = try await StoreOpener.open(url: path.path)
        try await store.append(audit: events, idempotency: [])
        let from = at("2025-03-03T10:00:00Z"), to = at("2025-03-06T09:00:00Z")
        let scanned = try await DailyTimeline.scan(store: store, from: from, to: to, pageSize: 2)
        try await store.close()
        var direct = DailyTimeline(from: from, to: to)
        for event in events { direct.add(event) }
        #expect(scanned.rows == 4)
        #expect(scanned.buckets.map(\.tiers) == direct.buckets.map(\.tiers))
        #expect(scanned.buckets.map(\.decisions) == direct.buckets.map(\.decisions))
        #expect(scanned.buckets.map(\.rejected) == direct.buckets.map(\.rejected))
    }
}
