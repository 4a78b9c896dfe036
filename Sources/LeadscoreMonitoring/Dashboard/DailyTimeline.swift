import Foundation
import LeadscoreService

/// The window's audit log by day (UTC): tiers returned, scoring decisions refused, and latency per day,
/// for the dashboard's "over time" charts. It streams the log page by page like ``AuditScan``, keeping
/// a few counters per day, so a long window costs the same memory as a short one. Windows longer than
/// ``maximumBuckets`` days are grouped by several days per bucket, so a chart never has more bars than
/// it can label.
struct DailyTimeline: Sendable {
    struct Bucket: Sendable {
        /// Midnight UTC of the bucket's first day.
        let start: Date
        /// Scored leads by the tier returned.
        var tiers: [String: Int] = [:]
        /// Scoring decisions of callers (not of the Salesforce sync) and how many were refused.
        var decisions = 0
        var rejected = 0
        var latency = LatencyHistogram()

        var scored: Int { tiers.values.reduce(0, +) }
        var errorRate: Double? { decisions > 0 ? Double(rejected) / Double(decisions) : nil }
        var latencyP50Milliseconds: Double? { latency.percentile(0.50).map { $0 / 1_000 } }
        var latencyP95Milliseconds: Double? { latency.percentile(0.95).map { $0 / 1_000 } }
    }

    static let maximumBuckets = 31
    private static let day: TimeInterval = 86_400

    let from: Date
    let to: Date
    /// Days per bucket: 1 up to a month, more for longer windows.
    let bucketDays: Int
    private(set) var buckets: [Bucket]
    private(set) var rows = 0

    /// Empty buckets covering `from ..< to`, the first starting at midnight UTC on or before `from`.
    init(from: Date, to: Date) {
        self.from = from
        self.to = max(to, from)
        let firstMidnight = (from.timeIntervalSince1970 / Self.day).rounded(.down) * Self.day
        let days = max(1, Int(((self.to.timeIntervalSince1970 - firstMidnight) / Self.day).rounded(.up)))
        let bucketDays = max(1, Int((Double(days) / Double(Self.maximumBuckets)).rounded(.up)))
        let count = Int((Double(days) / Double(bucketDays)).rounded(.up))
        self.bucketDays = bucketDays
        buckets = (0..<count).map {
            Bucket(start: Date(timeIntervalSince1970: firstMidnight + Double($0 * bucketDays) * Self.day))
        }
    }

    /// Reads `from ..< to` of the audit log page by page into a timeline.
    static func scan(store: any ServiceStore, from: Date, to: Date, pageSize: Int = AuditScan.pageSize) async throws -> DailyTimeline {
        var timeline = DailyTimeline(from: from, to: to)
        var cursor: Int64 = 0
        while true {
            let page = try await store.auditEvents(from: from, to: to, afterId: cursor, limit: pageSize)
            for stored in page { timeline.add(stored.event) }
            guard let last = page.last, page.count == pageSize else { break }
            cursor = last.id
        }
        return timeline
    }

    /// Counts one audit row in its day. Rows of the Salesforce sync are scores, not requests: they count
    /// in the tier mix but not in refusals or latency (as in ``AuditScan``).
    mutating func add(_ event: AuditEvent) {
        guard let index = bucketIndex(of: event.at) else { return }
        rows += 1
        if event.client != AuditScan.syncClient {
            buckets[index].decisions += 1
            buckets[index].latency.add(microseconds: event.latencyMicroseconds)
            if event.outcome == .rejected { buckets[index].rejected += 1 }
        }
        if event.outcome == .scored, let tier = event.tier { buckets[index].tiers[tier, default: 0] += 1 }
    }

    /// Every tier seen, in name order (A before B…).
    var tierNames: [String] {
        Set(buckets.flatMap(\.tiers.keys)).sorted()
    }

    /// `05-14` for a one-day bucket, `05-14+7d` for a longer one.
    func label(of bucket: Bucket) -> String {
        let components = Self.calendar.dateComponents([.month, .day], from: bucket.start)
        let text = Self.twoDigits(components.month ?? 0) + "-" + Self.twoDigits(components.day ?? 0)
        return bucketDays == 1 ? text : "\(text)+\(bucketDays)d"
    }

    /// The Gregorian calendar in UTC: the dashboard's days are the audit log's UTC days.
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    private static func twoDigits(_ number: Int) -> String {
        number < 10 ? "0\(number)" : "\(number)"
    }

    private func bucketIndex(of date: Date) -> Int? {
        guard date >= from, date < to, let first = buckets.first else { return nil }
        let index = Int((date.timeIntervalSince(first.start) / (Double(bucketDays) * Self.day)).rounded(.down))
        return buckets.indices.contains(index) ? index : nil
    }
}
