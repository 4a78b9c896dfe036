import Foundation
import LeadscoreData

/// Scores a CSV of leads into a CSV of results, streaming in chunks: while one chunk is parsed and
/// scored on all cores the next is read, a bad row is reported with its line number without stopping
/// the run, and the output appears only when the run completes.
public struct BatchScorer: Sendable {
    public struct Summary: Sendable {
        public var rows = 0
        public var scored = 0
        public var errors: [InputError] = []
    }

    /// Output columns: the Salesforce fields batch write-back fills.
    public static let outputHeader = [
        "Id", "AI_Score__c", "AI_Probability__c", "AI_Tier__c", "AI_Routing_Decision__c", "AI_Score_Confidence__c",
        "AI_Review_Needed__c", "AI_Top_Reasons__c", "AI_Model_Version__c", "AI_Score_Status__c",
    ]

    public let scorer: LeadScorer
    public var chunkSize = 8_192
    /// The moment scores describe (normally now).
    public var dataAsOf: Double

    public init(scorer: LeadScorer, dataAsOf: Double = Date().timeIntervalSince1970) {
        self.scorer = scorer
        self.dataAsOf = dataAsOf
    }

    /// Scores `input` into `output`. The input's delimiter is detected from its header and first rows
    /// unless `delimiter` fixes it (a user's `--delimiter`, for a file the detection cannot settle).
    public func run(input: URL, output: URL, explain: Bool, delimiter: CSVDelimiterChoice = .detect,
                    progress: (Int) -> Void = { _ in }) throws -> Summary {
        let contract = scorer.bundle.contract
        let reader = try CSVReader(url: input, delimiter: delimiter)
        let mapping = try HeaderMapping(columns: reader.header, contract: contract, sourceName: input.lastPathComponent,
                                        forScoring: true)
        AbandonedStaging.removeAbandoned(beside: output, kind: "tmp")
        let staging = AbandonedStaging.path(beside: output, kind: "tmp")
        let writer = try CSVWriter(url: staging, header: Self.outputHeader)
        AbandonedStaging.track(staging)
        defer { AbandonedStaging.untrack(staging) }
        let transformer = FeatureTransformer(scorer.bundle.pipeline)
        let leads = LeadRowReader(contract: contract)
        var summary = Summary()
        // One chunk is scored on the cores while the next is read, then written in input order.
        var inFlight: InFlight<ScoredChunk>?
        func write(_ chunk: InFlight<ScoredChunk>?) throws {
            guard let chunk else { return }
            let scored = try chunk.wait()
            summary.errors += scored.errors
            summary.scored += scored.lines.count
            for line in scored.lines { try writer.write(line) }
            progress(summary.rows)
        }
        do {
            // Rows are read as bytes (no String per value) and parsed in place on the cores.
            while let block = try reader.nextBlock(maxRows: chunkSize) {
                summary.rows += block.records
                let previous = inFlight
                inFlight = InFlight { [self] in
                    try score(block, source: input.lastPathComponent, mapping: mapping, leads: leads,
                              transformer: transformer, explain: explain)
                }
                try write(previous)
            }
            let last = inFlight
            inFlight = nil
            try write(last)
            _ = try writer.finish()
            try AtomicReplace.move(staging, to: output)
        } catch {
            _ = try? inFlight?.wait() // a chunk still being scored finishes before the staging file goes
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
        return summary
    }

    /// A chunk's output lines and its problems (unreadable rows and refused values), in input order.
    private struct ScoredChunk: Sendable {
        var lines: [[String?]] = []
        var errors: [InputError]
    }

    private func score(_ block: CSVRowBlock, source: String, mapping: HeaderMapping, leads: LeadRowReader,
                       transformer: FeatureTransformer, explain: Bool) throws -> ScoredChunk {
        let malformed = block.problems.map {
            InputError(source: source, line: $0.line, problem: $0.reason, fix: "fix the CSV row")
        }
        var chunk = ScoredChunk(errors: malformed)
        guard block.count > 0 else { return chunk }
        var refused: [InputError] = []
        let parsed = Self.parse(block, mapping: mapping, leads: leads)
        var records: [LeadRow] = []
        var ids: [String?] = []
        for (line, result) in zip(block.lines, parsed) {
            switch result {
            case let .success(record):
                records.append(record.record)
                ids.append(record.id)
            case let .failure(errors):
                refused += errors.errors.map {
                    InputError(source: "row", line: line, field: $0.field, problem: $0.problem, fix: $0.fix)
                }
            }
        }
        chunk.errors = Self.inLineOrder(malformed, refused)
        guard !records.isEmpty else { return chunk }
        let inputs = ScoringInputs(rows: records, layout: leads.layout, transformer: transformer, dataAsOf: dataAsOf)
        chunk.lines = try scorer.score(inputs, leadIds: ids, explain: explain).map { result in
            [result.leadId, String(result.score), String((result.probability * 1_000_000).rounded() / 1_000_000),
             result.tier, result.route, result.confidence.rawValue, result.reviewNeeded ? "true" : "false",
             explain ? result.reasonText : nil, result.modelVersion, "Scored"]
        }
        return chunk
    }

    /// Two lists of problems, each in line order, merged into one (a row's own problems stay together).
    private static func inLineOrder(_ first: [InputError], _ second: [InputError]) -> [InputError] {
        var merged: [InputError] = []
        merged.reserveCapacity(first.count + second.count)
        var (i, j) = (0, 0)
        while i < first.count || j < second.count {
            if j == second.count || (i < first.count && (first[i].line ?? 0) <= (second[j].line ?? 0)) {
                merged.append(first[i])
                i += 1
            } else {
                merged.append(second[j])
                j += 1
            }
        }
        return merged
    }

    /// Parses a block's rows into leads on all cores, reading each value in place.
    private static func parse(_ block: CSVRowBlock, mapping: HeaderMapping, leads: LeadRowReader)
        -> [Result<(id: String?, record: LeadRow), InputErrors>] {
        let contract = leads.contract
        let idColumn = contract.idField.flatMap { id in contract.fields.firstIndex { $0.name == id } }
            .flatMap { mapping.columnIndex[$0] }
        return block.withFields { fields in
            ParallelRows.map(block.count) { row in
                let id = idColumn.map { String(decoding: fields.field(row: row, column: $0), as: UTF8.self) }
                return leads.row { field in mapping.columnIndex[field].map { fields.field(row: row, column: $0) } }
                    .map { (id, $0) }
            }
        }
    }
}
