import Foundation
import LeadscoreData

/// Scores a CSV of leads into a CSV of results, streaming in chunks: rows are parsed on all cores,
/// each chunk is scored in one XGBoost call, and a bad row is reported with its line number
/// without stopping the run. The output appears only when the run completes.
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
        let staging = output.deletingLastPathComponent()
            .appendingPathComponent(".\(output.lastPathComponent).tmp-\(UUID().uuidString.prefix(8))")
        let writer = try CSVWriter(url: staging, header: Self.outputHeader)
        var summary = Summary()
        do {
            var chunk: [CSVRow] = []
            while let record = try reader.next() {
                summary.rows += 1
                switch record {
                case let .row(row): chunk.append(row)
                case let .malformed(problem):
                    summary.errors.append(InputError(source: input.lastPathComponent, line: problem.line,
                                                     problem: problem.reason, fix: "fix the CSV row"))
                }
                if chunk.count == chunkSize {
                    try score(chunk, mapping: mapping, explain: explain, writer: writer, summary: &summary)
                    chunk.removeAll(keepingCapacity: true)
                    progress(summary.rows)
                }
            }
            try score(chunk, mapping: mapping, explain: explain, writer: writer, summary: &summary)
            progress(summary.rows)
            _ = try writer.finish()
            try AtomicReplace.move(staging, to: output)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
        return summary
    }

    private func score(_ rows: [CSVRow], mapping: HeaderMapping, explain: Bool, writer: CSVWriter,
                       summary: inout Summary) throws {
        guard !rows.isEmpty else { return }
        let contract = scorer.bundle.contract
        let parsed = Self.parse(rows, mapping: mapping, contract: contract)
        var records: [LeadRecord] = []
        var ids: [String?] = []
        for (row, result) in zip(rows, parsed) {
            switch result {
            case let .success(record):
                records.append(record.record)
                ids.append(record.id)
            case let .failure(errors):
                summary.errors += errors.errors.map {
                    InputError(source: "row", line: row.line, field: $0.field, problem: $0.problem, fix: $0.fix)
                }
            }
        }
        guard !records.isEmpty else { return }
        let inputs = ScoringInputs(records: records, pipeline: scorer.bundle.pipeline, dataAsOf: dataAsOf)
        for result in try scorer.score(inputs, leadIds: ids, explain: explain) {
            try writer.write([
                result.leadId, String(result.score), String((result.probability * 1_000_000).rounded() / 1_000_000),
                result.tier, result.route, result.confidence.rawValue, result.reviewNeeded ? "true" : "false",
                explain ? result.reasonText : nil, result.modelVersion, "Scored",
            ])
        }
        summary.scored += records.count
    }

    /// Parses rows into records on all cores.
    private static func parse(_ rows: [CSVRow], mapping: HeaderMapping, contract: DataContract)
        -> [Result<(id: String?, record: LeadRecord), InputErrors>] {
        // Each slice writes only its own indices.
        nonisolated(unsafe) let results = UnsafeMutableBufferPointer<Result<(id: String?, record: LeadRecord), InputErrors>?>.allocate(capacity: rows.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let slices = max(1, min(ProcessInfo.processInfo.activeProcessorCount * 2, rows.count / 256))
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let range = (rows.count * slice / slices)..<(rows.count * (slice + 1) / slices)
            for index in range {
                var raw: [String: String] = [:]
                for (field, column) in zip(contract.fields, mapping.columnIndex) {
                    if let column, column < rows[index].values.count { raw[field.name] = rows[index].values[column] }
                }
                let id = contract.idField.flatMap { raw[$0] }
                results[index] = LeadRecordReader.record(from: raw, contract: contract).map { (id, $0) }
            }
        }
        return results.map { $0! }
    }
}
