import Foundation
import LeadscoreData
import Logging

/// Runs batch jobs in the background of the server that accepted them: leads are scored in chunks
/// (each chunk audited like an inline batch) and the results stored as JSON lines in input order.
public struct JobRunner: Sendable {
    static let chunkSize = 1_000

    let scoring: ScoringService
    let store: any ServiceStore
    let logger: Logger

    /// One lead of a job as read: its fields, or why its CSV row could not be read as a row (a wrong
    /// number of values, a quote never closed, invalid UTF-8). Such a row gets its own error in the
    /// results, as `leadscore score` reports and skips it: one bad row does not refuse the rest.
    enum Lead: Sendable {
        case fields([String: JSONValue])
        case unreadable(line: Int, reason: String)
    }

    /// Reads CSV (header row of API names) or JSON lines into leads; an unreadable file is a 400.
    static func leads(from body: Data, contentType: String, limit: Int) throws -> [Lead] {
        do {
            return try parse(body, contentType: contentType, limit: limit)
        } catch let error as InputError {
            throw APIError.badRequest(field: "body", "the file cannot be read: \(error.problem); \(error.fix)")
        }
    }

    private static func parse(_ body: Data, contentType: String, limit: Int) throws -> [Lead] {
        var leads: [Lead] = []
        if contentType.contains("csv") {
            let text = String(decoding: body, as: UTF8.self)
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("job-\(UUID().uuidString).csv")
            try text.write(to: url, atomically: false, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: url) }
            // text/csv is comma-separated (RFC 4180, and what Salesforce and Data Loader send): an API reads
            // a body the same way every time rather than guessing from its first rows.
            let reader = try CSVReader(url: url, delimiter: .fixed(.comma))
            while let record = try reader.next() {
                switch record {
                case let .row(row):
                    var lead: [String: JSONValue] = [:]
                    for (name, value) in zip(reader.header, row.values) {
                        lead[name] = value.isEmpty ? .null : .string(value)
                    }
                    leads.append(.fields(lead))
                case let .malformed(problem):
                    leads.append(.unreadable(line: problem.line, reason: problem.reason))
                }
                if leads.count > limit { break }
            }
        } else if contentType.contains("ndjson") || contentType.contains("jsonl") {
            for (number, line) in body.split(separator: 0x0A).enumerated() where !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) {
                // Each line is held to RFC 8259 as an API body is (a duplicate key would score whichever value Foundation kept).
                do {
                    try StrictJSON.check([UInt8](line))
                } catch {
                    throw APIError.badRequest(field: "line \(number + 1)", "line \(number + 1) is not valid JSON: \(error.description)")
                }
                guard let lead = try? JSONDecoder().decode([String: JSONValue].self, from: Data(line)) else {
                    throw APIError.badRequest(field: "line \(number + 1)", "line \(number + 1) is not a JSON object; send one lead object per line")
                }
                leads.append(.fields(lead))
                if leads.count > limit { break }
            }
        } else {
            throw APIError(.unsupportedMediaType, code: "unsupported_media_type",
                           message: "send the leads as text/csv or application/x-ndjson")
        }
        guard leads.count <= limit else {
            throw APIError(.contentTooLarge, code: "too_many_leads", message: "a job holds at most \(limit) leads; split the file")
        }
        guard !leads.isEmpty else { throw APIError.badRequest(field: "body", "the file holds no leads; send a header row and one row per lead") }
        return leads
    }

    /// Scores `leads` for job `job`, recording progress and the outcome in the store.
    func run(_ job: JobRecord, leads: [Lead], source: LeadValidator.Source, identity: ClientIdentity,
             explain: Bool) async {
        var job = job
        job.status = .running
        try? await store.updateJob(job)
        var lines = Data()
        do {
            for start in stride(from: 0, to: leads.count, by: Self.chunkSize) {
                let chunk = leads[start..<min(start + Self.chunkSize, leads.count)]
                let readable = chunk.indices.compactMap { index -> (Int, [String: JSONValue])? in
                    if case let .fields(fields) = leads[index] { return (index, fields) } else { return nil }
                }
                var outcome = try await BatchScoring(service: scoring, set: try scoring.servingSet(), identity: identity,
                                                     requestId: job.id, explain: explain, started: .now, source: source,
                                                     positions: readable.map(\.0)).run(readable.map(\.1))
                var scored = outcome.response.results.makeIterator()
                for (index, lead) in zip(chunk.indices, chunk) {
                    var item: BatchScoring.Item
                    if case let .unreadable(line, reason) = lead {
                        let problem = "CSV line \(line): \(reason); fix the row"
                        // The audit gets the error without its `leads[i]` detail: details feed a metric label.
                        let error = APIError(.unprocessableContent, code: "malformed_row", message: problem)
                        item = BatchScoring.Item(index: index, error: APIErrorBody(APIError(
                            .unprocessableContent, code: "malformed_row", message: problem,
                            details: [.init(field: "leads[\(index)]", code: "malformed_row", message: problem)])))
                        outcome.audit.append(scoring.rejection(error, leadId: nil, identity: identity, requestId: job.id,
                                                               started: .now, now: Date()))
                        job.rejected += 1
                    } else {
                        item = scored.next()!
                    }
                    lines.append(try ScoringService.encoder.encode(item))
                    lines.append(0x0A)
                }
                try await scoring.commit(audit: outcome.audit, idempotency: [])
                job.scored += outcome.response.scored
                job.rejected += outcome.response.rejected
            }
            job.status = .succeeded
            job.results = lines
        } catch {
            job.status = .failed
            job.failure = (error as? APIError)?.message ?? "\(error)"
            logger.error("job failed", metadata: ["job": "\(job.id)", "error": "\(job.failure ?? "")"])
        }
        job.finishedAt = Date()
        do {
            try await store.updateJob(job)
        } catch {
            logger.error("job result could not be stored", metadata: ["job": "\(job.id)", "error": "\(error)"])
        }
    }
}
