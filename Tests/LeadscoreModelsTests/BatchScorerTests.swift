import Foundation
import Testing
@testable import LeadscoreData
@testable import LeadscoreModels

/// Batch scoring reads the next chunk while the current one is scored on all cores: the output and the
/// problems must not depend on where chunks are cut, and come in input order.
struct BatchScorerTests {
    let org: TrainedSampleOrg

    init() throws {
        org = try TrainedSampleOrg.shared.get()
    }

    /// 2,000 of the org's leads with a row of the wrong width and a refused value every few hundred lines.
    func leadsWithBadRows() throws -> URL {
        let reader = try CSVReader(url: org.directory.appendingPathComponent("org/Lead.csv"))
        let employees = try #require(reader.header.firstIndex(of: "NumberOfEmployees"))
        let quoted = { (fields: [String]) in fields.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" } }
        var out = [quoted(reader.header).joined(separator: ",")]
        while out.count <= 2_000, let record = try reader.next() {
            guard case var .row(row) = record else { continue }
            let index = out.count - 1
            if index % 301 == 5 { row.values.append("one too many") }
            if index % 433 == 7 { row.values[employees] = "lots" }
            out.append(quoted(row.values).joined(separator: ","))
        }
        let url = org.directory.appendingPathComponent("batch-\(UUID().uuidString.prefix(6)).csv")
        try Data((out.joined(separator: "\r\n") + "\r\n").utf8).write(to: url)
        return url
    }

    @Test(arguments: [true, false])
    func resultsDoNotDependOnChunkSize(explain: Bool) throws {
        let input = try leadsWithBadRows()
        var scorer = BatchScorer(scorer: LeadScorer(bundle: org.bundle), dataAsOf: 1_750_000_000)
        var outputs: [(summary: BatchScorer.Summary, text: String)] = []
        // One chunk; chunks above ParallelRows' threshold, pipelined; small chunks scored on one thread.
        for chunkSize in [8_192, 700, 97] {
            scorer.chunkSize = chunkSize
            let output = input.deletingPathExtension().appendingPathExtension("\(chunkSize).scored.csv")
            let summary = try scorer.run(input: input, output: output, explain: explain)
            outputs.append((summary, try String(contentsOf: output, encoding: .utf8)))
        }
        let (first, _) = outputs[0]
        #expect(first.rows == 2_000)
        let malformed = first.errors.filter { $0.problem.contains("values but the header has") }
        let refused = first.errors.filter { $0.field == "NumberOfEmployees" }
        #expect(malformed.count == 7 && refused.count == 5, "\(first.errors)")
        #expect(first.scored == 2_000 - first.errors.count)
        for (summary, text) in outputs.dropFirst() {
            #expect(text == outputs[0].text)
            #expect(summary.scored == first.scored)
            #expect(summary.errors.map(\.description) == first.errors.map(\.description))
        }
        let lines = first.errors.map { $0.line ?? 0 }
        #expect(lines == lines.sorted(), "problems come in input order")
    }
}
