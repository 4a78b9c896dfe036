import LeadscoreData
import LeadscoreModels

/// The candidate snapshot's test leads that both bundles could read, each scored by both: the one
/// window the offline and segment gates compare on. The champion scores through its own contract and
/// pipeline, so a lead it cannot read is left out of the comparison and counted, never guessed.
struct ComparedLeads {
    /// Table rows of the compared leads.
    var rows: [Int]
    var labels: [Bool]
    /// Calibrated probabilities as serving gives them (`LeadScorer`), same order as `rows`.
    var candidate: [Double]
    /// Nil when there is no champion.
    var champion: [Double]?
    /// Test leads before any was left out.
    var testLeads: Int
    var candidateReading: SnapshotLeads.Reading
    var championReading: SnapshotLeads.Reading?
    /// The snapshot's table, for the compared leads' other columns (segments, creation times).
    var table: LeadTable

    init(leads: SnapshotLeads, candidate: ModelBundle, champion: ModelBundle?) throws {
        let candidateReading = leads.read(with: candidate.contract)
        let championReading = champion.map { leads.read(with: $0.contract) }
        let positions = leads.rows.indices.filter { position in
            candidateReading.records[position] != nil && (championReading.map { $0.records[position] != nil } ?? true)
        }
        rows = positions.map { leads.rows[$0] }
        labels = rows.map { leads.table.labels[$0] == 1 }
        self.candidate = try Self.probabilities(candidate, records: positions.map { candidateReading.records[$0]! },
                                                dataAsOf: leads.dataAsOf)
        if let champion, let championReading {
            self.champion = try Self.probabilities(champion, records: positions.map { championReading.records[$0]! },
                                                   dataAsOf: leads.dataAsOf)
        }
        testLeads = leads.rows.count
        self.candidateReading = candidateReading
        self.championReading = championReading
        table = leads.table
    }

    var positives: Int { labels.count { $0 } }

    /// Records → features through the bundle's own pipeline → calibrated probabilities, in chunks so a
    /// large test slice never holds one huge feature matrix.
    static func probabilities(_ bundle: ModelBundle, records: [LeadRecord], dataAsOf: Double) throws -> [Double] {
        let scorer = LeadScorer(bundle: bundle)
        let transformer = FeatureTransformer(bundle.pipeline)
        var result: [Double] = []
        result.reserveCapacity(records.count)
        for start in stride(from: 0, to: records.count, by: 8_192) {
            let chunk = Array(records[start..<min(start + 8_192, records.count)])
            result += try scorer.probabilities(ScoringInputs(records: chunk, transformer: transformer, dataAsOf: dataAsOf))
        }
        return result
    }

    /// `Field (not readable as number) 12, …`: why leads were left out, most frequent first.
    static func describe(_ problems: [String: Int]) -> String {
        problems.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(5)
            .map { "\($0.key) \(GateFormat.count($0.value))" }.joined(separator: ", ")
    }
}
