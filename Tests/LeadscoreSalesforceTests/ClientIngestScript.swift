import Foundation
import LeadscoreData
import LeadscoreSalesforce

/// TEST DOUBLE: the Bulk API 2.0 ingest resources as the Bulk API 2.0 Developer Guide shows them (create a
/// job, upload, close, job info, successful / failed / unprocessed results), driven by a scripted fate per row.
/// It is not a Salesforce emulator: it stores each upload, answers polls with a scripted number of
/// `InProgress` states, and writes result files from the uploaded rows — in reverse order, since Salesforce
/// promises no order, and with every value quoted as Salesforce writes them.
final class IngestScript: @unchecked Sendable {
    /// What Salesforce does with one uploaded row.
    enum Fate: Sendable {
        case success(created: Bool)
        case failure(String)
        case unprocessed
    }

    struct Job {
        let id: String
        let body: [String: Any]
        var state = "Open"
        var upload: String?
        var polls = 0
    }

    private let lock = NSLock()
    private var jobs: [String: Job] = [:]
    private var created: [String] = []
    private var counter = 0
    /// `InProgress` answers before a closed job ends.
    let pollsBeforeEnd: Int
    /// The state a closed job ends in; nil keeps it `InProgress` until it is aborted.
    let endState: String?
    let errorMessage: String?
    /// Decides each row's fate from its values by column name.
    let fate: @Sendable ([String: String]) -> Fate
    /// Replies that replace the normal answer to the n-th request of a kind (e.g. `PUT` 1), for faults.
    let faults: [String: ScriptedPeer.Reply]
    private let seen = Counters()

    init(pollsBeforeEnd: Int = 2, endState: String? = "JobComplete", errorMessage: String? = nil,
         faults: [String: ScriptedPeer.Reply] = [:], fate: @escaping @Sendable ([String: String]) -> Fate) {
        self.pollsBeforeEnd = pollsBeforeEnd
        self.endState = endState
        self.errorMessage = errorMessage
        self.faults = faults
        self.fate = fate
    }

    /// Job ids in the order they were created.
    var jobIds: [String] { lock.withLock { created } }

    var script: ScriptedPeer.Script {
        salesforcePeer { [self] request, _, _ in
            if let fault = faults["\(request.method) \(seen.next(request.method))"] { return fault }
            return lock.withLock { answer(request) }
        }
    }

    private func answer(_ request: ScriptedPeer.Received) -> ScriptedPeer.Reply {
        let prefix = "/services/data/v62.0/jobs/ingest"
        if request.method == "POST", request.path == prefix {
            counter += 1
            let id = "750R0000000\(String(format: "%07d", counter))"
            jobs[id] = Job(id: id, body: request.json as? [String: Any] ?? [:])
            created.append(id)
            return jobJSON(jobs[id]!)
        }
        let parts = request.path.dropFirst(prefix.count + 1).split(separator: "/").map(String.init)
        guard request.path.hasPrefix(prefix + "/"), let id = parts.first, var job = jobs[id] else { return Self.notFound }
        defer { jobs[id] = job }
        switch (request.method, parts.dropFirst().first) {
        case ("PUT", "batches"?):
            job.upload = String(decoding: request.body, as: UTF8.self)
            return ScriptedPeer.Reply(status: 201)
        case ("PATCH", nil):
            job.state = (request.json as? [String: Any])?["state"] as? String ?? job.state
            return jobJSON(job)
        case ("GET", nil):
            if job.state == "UploadComplete" || job.state == "InProgress" {
                job.polls += 1
                job.state = job.polls > pollsBeforeEnd ? endState ?? "InProgress" : "InProgress"
            }
            return jobJSON(job)
        case let ("GET", resource?):
            return results(resource, of: job)
        default:
            return Self.notFound
        }
    }

    private func jobJSON(_ job: Job) -> ScriptedPeer.Reply {
        let rows = rows(of: job)
        let failed = rows.filter { if case .failure = fate($0) { return true } else { return false } }.count
        let processed = ["JobComplete", "Failed"].contains(job.state) ? rows.count : 0
        let message = job.state == "Failed" ? #","errorMessage":"\#(errorMessage ?? "")""# : ""
        return .json(#"{"id":"\#(job.id)","operation":"\#(job.body["operation"] ?? "")","object":"\#(job.body["object"] ?? "")","state":"\#(job.state)","concurrencyMode":"Parallel","contentType":"CSV","apiVersion":62.0,"contentUrl":"services/data/v62.0/jobs/ingest/\#(job.id)/batches","lineEnding":"LF","columnDelimiter":"COMMA","numberRecordsProcessed":\#(processed),"numberRecordsFailed":\#(processed > 0 ? failed : 0)\#(message)}"#)
    }

    /// The uploaded rows as column → value.
    private func rows(of job: Job) -> [[String: String]] {
        guard let upload = job.upload, let reader = try? CSVReader(text: upload) else { return [] }
        var rows: [[String: String]] = []
        while case let .row(row)? = try? reader.next() {
            rows.append(Dictionary(uniqueKeysWithValues: zip(reader.header, row.values)))
        }
        return rows
    }

    private func results(_ resource: String, of job: Job) -> ScriptedPeer.Reply {
        guard let upload = job.upload, let reader = try? CSVReader(text: upload) else { return Self.notFound }
        let header = reader.header
        var lines: [String] = []
        for (index, row) in rows(of: job).enumerated().reversed() {
            let original = header.map { row[$0] ?? "" }
            let id = row["Id"] ?? Self.recordId(row: index, job: job.id)
            switch (resource, fate(row)) {
            case let ("successfulResults", .success(created)):
                lines.append(Self.line([id, created ? "true" : "false"] + original))
            case let ("failedResults", .failure(error)):
                lines.append(Self.line([row["Id"] ?? "", error] + original))
            case ("unprocessedrecords", .unprocessed):
                lines.append(Self.line(original))
            default:
                continue
            }
        }
        let leading: [String] = switch resource {
        case "successfulResults": ["sf__Id", "sf__Created"]
        case "failedResults": ["sf__Id", "sf__Error"]
        default: []
        }
        return .csv(([Self.line(leading + header)] + lines).map { $0 + "\n" }.joined())
    }

    /// The Id the script gives the record made from row `row` of job `job` (inserts and upserts).
    static func recordId(row: Int, job: String) -> String {
        "a0B" + job.suffix(5) + String(format: "%07d", row)
    }

    static func line(_ values: [String]) -> String {
        values.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
    }

    static let notFound = ScriptedPeer.Reply.json(
        #"[{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}]"#, status: 404)
}
