import Foundation

/// Request latencies in fixed log-spaced buckets, so a percentile over millions of audit rows needs a
/// few hundred counters rather than every value. Buckets grow by 5% from 10 µs, so a percentile is
/// reported as its bucket's upper edge: at most 5% above the true value, never below it.
struct LatencyHistogram: Sendable {
    static let firstEdgeMicroseconds = 10.0
    static let growth = 1.05
    /// Up to 10 µs × 1.05^400 ≈ 3 × 10¹⁰ µs (8 hours): every latency a request can have.
    static let bucketCount = 400

    private(set) var counts = [Int](repeating: 0, count: bucketCount + 1)
    private(set) var total = 0

    mutating func add(microseconds: Int) {
        counts[Self.bucket(of: Double(max(0, microseconds)))] += 1
        total += 1
    }

    /// The upper edge (µs) of the bucket holding the `quantile` (0…1) of the latencies; nil when empty.
    func percentile(_ quantile: Double) -> Double? {
        guard total > 0 else { return nil }
        let rank = max(1, Int((quantile * Double(total)).rounded(.up)))
        var seen = 0
        for (bucket, count) in counts.enumerated() {
            seen += count
            if seen >= rank { return Self.upperEdge(of: bucket) }
        }
        return Self.upperEdge(of: Self.bucketCount)
    }

    static func bucket(of microseconds: Double) -> Int {
        guard microseconds > firstEdgeMicroseconds else { return 0 }
        let index = Int((log(microseconds / firstEdgeMicroseconds) / log(growth)).rounded(.up))
        return min(bucketCount, index)
    }

    static func upperEdge(of bucket: Int) -> Double {
        firstEdgeMicroseconds * pow(growth, Double(bucket))
    }
}
