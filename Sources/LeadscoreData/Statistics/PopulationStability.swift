import Foundation

/// Population Stability Index between a baseline and a recent sample of one field:
/// Σ (recent − baseline) · ln(recent / baseline) over bins, each share floored at 1e-4 so empty bins
/// stay finite. Rules of thumb: < 0.1 stable, 0.1–0.25 moderate shift, > 0.25 major shift.
public enum PopulationStability {
    public static let shareFloor = 1e-4

    /// PSI from per-bin counts (same bins, same order).
    public static func index(baseline: [Int], recent: [Int]) -> Double {
        precondition(baseline.count == recent.count, "same bins on both sides")
        let baselineTotal = Double(max(baseline.reduce(0, +), 1))
        let recentTotal = Double(max(recent.reduce(0, +), 1))
        var psi = 0.0
        for (b, r) in zip(baseline, recent) {
            let e = max(Double(b) / baselineTotal, shareFloor)
            let a = max(Double(r) / recentTotal, shareFloor)
            psi += (a - e) * log(a / e)
        }
        return psi
    }

    /// PSI of numbers: bins are the baseline's deciles (distinct edges only), plus one bin for missing
    /// (`nan`), so a change in how often a field is filled in shows up too.
    public static func index(baseline: [Double], recent: [Double]) -> Double {
        let edges = decileEdges(baseline.filter { !$0.isNaN })
        return index(baseline: histogram(baseline, edges: edges), recent: histogram(recent, edges: edges))
    }

    /// PSI of categories (`nil` = missing, its own bin).
    public static func index(baseline: [String?], recent: [String?]) -> Double {
        let levels = Array(Set(baseline.compactMap { $0 }).union(recent.compactMap { $0 })).sorted()
        var position: [String: Int] = [:]
        for (index, level) in levels.enumerated() { position[level] = index }
        func counts(_ values: [String?]) -> [Int] {
            var bins = [Int](repeating: 0, count: levels.count + 1)
            for value in values { bins[value.flatMap { position[$0] } ?? levels.count] += 1 }
            return bins
        }
        return index(baseline: counts(baseline), recent: counts(recent))
    }

    /// Interior decile cut points (linear interpolation, as numpy's default), duplicates removed.
    static func decileEdges(_ values: [Double]) -> [Double] {
        guard !values.isEmpty else { return [] }
        let sorted = values.sorted()
        var edges: [Double] = []
        for decile in 1...9 {
            let position = Double(decile) / 10 * Double(sorted.count - 1)
            let lower = Int(position.rounded(.down)), upper = min(lower + 1, sorted.count - 1)
            let edge = sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
            if edges.last != edge { edges.append(edge) }
        }
        return edges
    }

    /// Counts per bin `(-inf, e0], (e0, e1], …, (e_last, inf)` and a final bin for `nan`.
    static func histogram(_ values: [Double], edges: [Double]) -> [Int] {
        var bins = [Int](repeating: 0, count: edges.count + 2)
        for value in values {
            if value.isNaN { bins[edges.count + 1] += 1; continue }
            var low = 0, high = edges.count
            while low < high {
                let mid = (low + high) / 2
                if value <= edges[mid] { high = mid } else { low = mid + 1 }
            }
            bins[low] += 1
        }
        return bins
    }
}
