import Foundation
import LeadscoreData
import LeadscoreModels

/// Times the candidate as the service runs it: raw field texts read through the contract, turned
/// into features, scored with reasons — one lead at a time, then whole batches. Measured on this
/// machine, so the figures are a check against a gross slowdown (a far deeper model, a huge one-hot),
/// not a benchmark of the production hosts.
struct LatencyProbe {
    /// Batches timed after the warm-up; the p95 of a handful is their slowest but one.
    static let batchRounds = 10

    struct Figures {
        var leads: Int
        var singleP50: Double
        var singleP95: Double
        var batchSize: Int
        var batches: Int
        var batchP95: Double
        var batchPerLead: Double
    }

    /// One request's worth of input: field texts, and the derived values of personal data the
    /// snapshot kept instead of the raw text.
    typealias Request = (raw: [String: String], derived: LeadRecord)

    let bundle: ModelBundle
    let dataAsOf: Double

    func measure(_ requests: [Request], batchSize: Int) throws -> Figures {
        precondition(!requests.isEmpty, "time at least one lead")
        let scorer = LeadScorer(bundle: bundle)
        let transformer = FeatureTransformer(bundle.pipeline)
        let clock = ContinuousClock()
        // The first call pays one-time costs (XGBoost's thread pool, lazily built tables): not timed.
        _ = try score(Array(requests.prefix(1)), scorer: scorer, transformer: transformer)
        var single: [Double] = []
        single.reserveCapacity(requests.count)
        for request in requests {
            var failure: (any Error)?
            let elapsed = clock.measure {
                do { _ = try score([request], scorer: scorer, transformer: transformer) } catch { failure = error }
            }
            if let failure { throw failure }
            single.append(Self.milliseconds(elapsed))
        }
        let size = max(1, batchSize)
        let batch = (0..<size).map { requests[$0 % requests.count] }
        _ = try score(batch, scorer: scorer, transformer: transformer)
        var batches: [Double] = []
        for round in 0..<Self.batchRounds {
            let rotated = (0..<size).map { requests[($0 + round * size) % requests.count] }
            var failure: (any Error)?
            let elapsed = clock.measure {
                do { _ = try score(rotated, scorer: scorer, transformer: transformer) } catch { failure = error }
            }
            if let failure { throw failure }
            batches.append(Self.milliseconds(elapsed))
        }
        let batchP95 = Self.percentile(batches, 0.95)
        return Figures(leads: requests.count, singleP50: Self.percentile(single, 0.5), singleP95: Self.percentile(single, 0.95),
                       batchSize: size, batches: batches.count, batchP95: batchP95,
                       batchPerLead: batches.reduce(0, +) / Double(batches.count * size))
    }

    private func score(_ requests: [Request], scorer: LeadScorer, transformer: FeatureTransformer) throws -> [LeadScore] {
        var records: [LeadRecord] = []
        records.reserveCapacity(requests.count)
        for request in requests {
            var record = try LeadRecordReader.record(from: request.raw, contract: bundle.contract).get()
            record.merge(request.derived) { current, _ in current }
            records.append(record)
        }
        let inputs = ScoringInputs(records: records, transformer: transformer, dataAsOf: dataAsOf)
        return try scorer.score(inputs, leadIds: Array(repeating: nil, count: records.count), explain: true)
    }

    /// The nearest-rank percentile: the smallest value with at least `fraction` of the values at or below it.
    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        let sorted = values.sorted()
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank - 1, 0), sorted.count - 1)]
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1_000 + Double(duration.components.attoseconds) / 1e15
    }
}
