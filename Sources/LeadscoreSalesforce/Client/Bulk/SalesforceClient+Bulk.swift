import Foundation
import NIOCore

/// Bulk API 2.0 query jobs: create, wait for `JobComplete`, then download the result pages into one file.
extension SalesforceClient {
    /// Runs `soql` as a Bulk API 2.0 query job and streams its CSV result into `file` (replaced atomically
    /// when complete). `includeDeleted` runs `queryAll`. `pageRecords` caps each result page (`maxRecords`;
    /// default `config.bulkPageRecords`), which bounds each download. `onPage` gets the running row count
    /// after each page.
    ///
    /// Polling backs off from 1 s to 15 s between checks and gives up after `config.bulkTimeoutMinutes`
    /// of waiting, aborting the job. A job that ends `Failed` or `Aborted` throws
    /// ``SalesforceClientError/bulkJobFailed(jobId:state:message:)`` with Salesforce's `errorMessage`.
    @discardableResult
    public func bulkQuery(_ soql: String, includeDeleted: Bool = false, pageRecords: Int? = nil, to file: URL,
                          onPage: (@Sendable (Int) -> Void)? = nil) async throws -> BulkQueryOutcome {
        let label = "Bulk API query \(SOQLLabel.object(in: soql))"
        let pageRecords = pageRecords ?? config.bulkPageRecords
        guard pageRecords >= 1 else {
            throw SalesforceClientError.invalidArgument(name: "pageRecords", problem: "must be at least 1 (it is \(pageRecords))")
        }
        let jobId = try await createQueryJob(soql, includeDeleted: includeDeleted, label: label)
        logger.info("Bulk API query job created", metadata: ["job": "\(jobId)", "object": "\(SOQLLabel.object(in: soql))"])
        try await waitForQueryJob(jobId, label: label)
        let output = try BulkResultFile(destination: file)
        do {
            try await downloadResults(jobId, pageRecords: pageRecords, into: output,
                                      label: label, onPage: onPage)
            try output.finish()
        } catch {
            output.discard()
            throw error
        }
        return BulkQueryOutcome(jobId: jobId, records: output.rows, pages: output.pages, bytes: output.bytes, file: file)
    }

    private func createQueryJob(_ soql: String, includeDeleted: Bool, label: String) async throws -> String {
        let body = SalesforceValue.object([
            "operation": .string(includeDeleted ? "queryAll" : "query"),
            "query": .string(soql),
            "contentType": .string("CSV"),
            "columnDelimiter": .string("COMMA"),
            "lineEnding": .string("LF"),
        ])
        let request = SalesforceRequest(method: .POST, path: transport.dataPath("/jobs/query"),
                                        body: SalesforceJSONWriter.data(for: body), operation: "create \(label) job", soql: soql)
        guard let id = try await transport.json(request)["id"]?.stringValue, Self.isJobId(id) else {
            throw SalesforceClientError.invalidResponse(operation: request.operation, problem: "the job has no usable id")
        }
        return id
    }

    private func waitForQueryJob(_ jobId: String, label: String) async throws {
        let request = SalesforceRequest(method: .GET, path: transport.dataPath("/jobs/query/\(jobId)"),
                                        operation: "check \(label) job \(jobId)")
        let budget = Duration.seconds(config.bulkTimeoutMinutes * 60)
        var waited = Duration.zero
        var interval = Duration.seconds(1)
        while true {
            let job = try await transport.json(request)
            guard let state = job["state"]?.stringValue else {
                throw SalesforceClientError.invalidResponse(operation: request.operation, problem: "the job has no state")
            }
            switch state {
            case "JobComplete":
                return
            case "Failed", "Aborted":
                throw SalesforceClientError.bulkJobFailed(jobId: jobId, state: state,
                                                          message: job["errorMessage"]?.stringValue ?? "no errorMessage given")
            default:
                guard waited < budget else {
                    try? await abortQueryJob(jobId, label: label)
                    throw SalesforceClientError.bulkJobTimedOut(jobId: jobId, state: state, minutes: config.bulkTimeoutMinutes)
                }
                try await clock.sleep(interval)
                waited += interval
                interval = min(interval * 1.5, .seconds(15))
            }
        }
    }

    /// Asks Salesforce to stop a job that is no longer wanted (best effort, after a timeout).
    private func abortQueryJob(_ jobId: String, label: String) async throws {
        let body = SalesforceJSONWriter.data(for: .object(["state": .string("Aborted")]))
        let request = SalesforceRequest(method: .PATCH, path: transport.dataPath("/jobs/query/\(jobId)"), body: body,
                                        operation: "abort \(label) job \(jobId)")
        _ = try await transport.data(request)
    }

    private func downloadResults(_ jobId: String, pageRecords: Int, into output: BulkResultFile, label: String,
                                 onPage: (@Sendable (Int) -> Void)?) async throws {
        var locator: String?
        var seen: Set<String> = []
        // Large pages take a while to stream: the request deadline allows for it; stalls still fail on the read timeout.
        let downloadTimeout = TimeAmount.seconds(Int64(max(config.timeoutSeconds * 10, 1_800)))
        while true {
            var items: [(name: String, value: String)] = [("maxRecords", String(pageRecords))]
            if let locator { items.append(("locator", locator)) }
            var request = SalesforceRequest(method: .GET, path: transport.dataPath("/jobs/query/\(jobId)/results"),
                                            queryItems: items, operation: "download \(label) results page \(output.pages + 1)")
            request.accept = "text/csv"
            let (next, declared, rows) = try await transport.send(request, timeout: downloadTimeout) { response in
                try output.beginPage()
                for try await buffer in response.body {
                    try output.append(buffer)
                }
                let rows = try output.endPage()
                return (response.headers.first(name: "Sforce-Locator"), response.headers.first(name: "Sforce-NumberOfRecords"), rows)
            }
            if let declared, let expected = Int(declared), expected != rows {
                throw SalesforceClientError.invalidResponse(
                    operation: request.operation, problem: "Sforce-NumberOfRecords says \(expected) rows but the page held \(rows)")
            }
            onPage?(output.rows)
            guard let next, !next.isEmpty, next != "null" else { return }
            guard seen.insert(next).inserted else {
                throw SalesforceClientError.invalidResponse(operation: request.operation, problem: "Sforce-Locator repeats '\(next)'")
            }
            locator = next
        }
    }

    /// Bulk job Ids are Salesforce Ids (`750…`); anything else must not reach a URL path.
    static func isJobId(_ id: String) -> Bool {
        (15...18).contains(id.count) && id.unicodeScalars.allSatisfy { $0.isASCII && CharacterSet.alphanumerics.contains($0) }
    }
}
