import Foundation
import NIOCore

/// The requests of one Bulk API 2.0 ingest job, as the Bulk API 2.0 Developer Guide describes them
/// (https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/bulk_api_2_0.htm):
/// "Create a Job" (`POST /jobs/ingest`), "Upload Job Data" (`PUT /jobs/ingest/{id}/batches`, `text/csv`),
/// "Upload Complete" and "Abort a Job" (`PATCH /jobs/ingest/{id}` with `state`), "Get Job Info"
/// (`GET /jobs/ingest/{id}`) and the three result resources.
///
/// Which requests may be sent twice:
/// - Creating a job is resent after a broken connection. At worst that leaves a second, empty job: an `Open`
///   job without data is never processed, writes nothing, and Salesforce clears it away; a lost job id is
///   worth less than a run that stops for it.
/// - An upload is resent: data of an `Open` job is not processed until the job is closed, so a resend cannot
///   write twice. If the upload fails for good, the job is aborted and nothing of it is processed.
/// - Closing is resent; if Salesforce refuses the resend because the first one arrived, the job's state
///   (no longer `Open`) says so and the run carries on.
extension SalesforceClient {
    /// The job's state and counters from "Get Job Info".
    struct IngestJobInfo: Sendable {
        let state: String
        let errorMessage: String?
        let recordsProcessed: Int
        let recordsFailed: Int
    }

    /// Creates the job (CSV, comma, LF) and returns its id.
    func createIngestJob(_ object: String, operation: BulkIngestOperation) async throws -> String {
        var members: [String: SalesforceValue] = [
            "object": .string(object),
            "operation": .string(operation.jobOperation),
            "contentType": .string("CSV"),
            "columnDelimiter": .string("COMMA"),
            "lineEnding": .string("LF"),
        ]
        if case let .upsert(field) = operation { members["externalIdFieldName"] = .string(field) }
        let request = SalesforceRequest(method: .POST, path: transport.dataPath("/jobs/ingest"),
                                        body: SalesforceJSONWriter.data(for: .object(members)),
                                        operation: "create Bulk API \(operation.jobOperation) job for \(object)")
        guard let id = try await transport.json(request)["id"]?.stringValue, Self.isJobId(id) else {
            throw SalesforceClientError.invalidResponse(operation: request.operation, problem: "the job has no usable id")
        }
        return id
    }

    /// Sends one part's CSV (answered 201 Created, no body).
    func uploadIngestData(_ jobId: String, body: BulkUploadBody, label: String) async throws {
        var request = SalesforceRequest(method: .PUT, path: transport.dataPath("/jobs/ingest/\(jobId)/batches"),
                                        operation: "upload \(label) to Bulk API job \(jobId)")
        request.upload = body
        _ = try await transport.send(request, timeout: transferTimeout) { response in
            try await response.body.collect(upTo: HTTPExchange.maxErrorBodyBytes)
        }
    }

    /// Tells Salesforce the upload is complete ("Upload Complete"), so it starts processing.
    func closeIngestJob(_ jobId: String) async throws {
        let body = SalesforceJSONWriter.data(for: .object(["state": .string("UploadComplete")]))
        let request = SalesforceRequest(method: .PATCH, path: transport.dataPath("/jobs/ingest/\(jobId)"), body: body,
                                        operation: "close Bulk API job \(jobId)")
        _ = try await transport.data(request)
    }

    /// Asks Salesforce not to process the job (any more).
    func abortIngestJob(_ jobId: String) async throws {
        let body = SalesforceJSONWriter.data(for: .object(["state": .string("Aborted")]))
        let request = SalesforceRequest(method: .PATCH, path: transport.dataPath("/jobs/ingest/\(jobId)"), body: body,
                                        operation: "abort Bulk API job \(jobId)")
        _ = try await transport.data(request)
    }

    func ingestJobInfo(_ jobId: String) async throws -> IngestJobInfo {
        let request = SalesforceRequest(method: .GET, path: transport.dataPath("/jobs/ingest/\(jobId)"),
                                        operation: "check Bulk API job \(jobId)")
        let job = try await transport.json(request)
        guard let state = job["state"]?.stringValue else {
            throw SalesforceClientError.invalidResponse(operation: request.operation, problem: "the job has no state")
        }
        return IngestJobInfo(state: state, errorMessage: job["errorMessage"]?.stringValue,
                             recordsProcessed: job["numberRecordsProcessed"]?.intValue ?? 0,
                             recordsFailed: job["numberRecordsFailed"]?.intValue ?? 0)
    }

    /// Polls the job, backing off from 1 s to 15 s, until it ends `JobComplete`, `Failed` or `Aborted`. After
    /// `config.bulkTimeoutMinutes` of waiting it aborts the job and returns its state afterwards, with
    /// `abortedWhile` the state it was still in.
    func waitForIngestJob(_ jobId: String,
                          report: (IngestJobInfo) -> Void) async throws -> (info: IngestJobInfo, abortedWhile: String?) {
        let budget = Duration.seconds(config.bulkTimeoutMinutes * 60)
        var waited = Duration.zero
        var interval = Duration.seconds(1)
        while true {
            let info = try await ingestJobInfo(jobId)
            report(info)
            if ["JobComplete", "Failed", "Aborted"].contains(info.state) { return (info, nil) }
            guard waited < budget else {
                logger.warning("Bulk API job still running at the time limit; aborting it", metadata: [
                    "job": "\(jobId)", "state": "\(info.state)", "minutes": "\(config.bulkTimeoutMinutes)",
                ])
                try await abortIngestJob(jobId)
                return (try await ingestJobInfo(jobId), info.state)
            }
            try await clock.sleep(interval)
            waited += interval
            interval = min(interval * 1.5, .seconds(15))
        }
    }

    /// Downloads one result resource into `directory`; nil when Salesforce sent no body at all.
    func downloadIngestResults(_ jobId: String, kind: BulkResultIndex.Kind, into directory: URL) async throws -> URL? {
        let file = directory.appendingPathComponent("\(jobId)-\(kind.rawValue).csv")
        var request = SalesforceRequest(method: .GET, path: transport.dataPath("/jobs/ingest/\(jobId)/\(kind.rawValue)"),
                                        operation: "download \(kind.rawValue) of Bulk API job \(jobId)")
        request.accept = "text/csv"
        let output = try BulkResultFile(destination: file)
        do {
            _ = try await transport.send(request, timeout: transferTimeout) { response in
                try output.beginPage()
                for try await buffer in response.body {
                    try output.append(buffer)
                }
                return try output.endPage()
            }
            try output.finish()
        } catch {
            output.discard()
            throw error
        }
        return output.bytes > 0 ? file : nil
    }

    /// A 100 MB upload or download takes a while: the request deadline allows for it, while a stalled
    /// connection still fails on the read timeout.
    private var transferTimeout: TimeAmount {
        .seconds(Int64(max(config.timeoutSeconds * 10, 1_800)))
    }
}
