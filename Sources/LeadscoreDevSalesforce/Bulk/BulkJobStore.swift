import Foundation
import GRDB
import LeadscoreData
import LeadscoreSOQL
import Logging

/// The org's Bulk API 2.0 query jobs: created with a checked query, run in the background against a
/// consistent read of the org, their CSV written to `.dev-salesforce/jobs/`, and served page by page.
///
/// Jobs live as long as the server (their files are cleared at start); a real org keeps them seven
/// days, which no test or demo needs.
actor BulkJobStore {
    /// Salesforce's daily allowance of query jobs, shown in `/limits` as `DailyBulkV2QueryJobs`.
    static let dailyJobLimit = 10_000
    /// Records in a results page when the client does not send `maxRecords`.
    static let defaultPageRecords = 100_000

    private let store: OrgStore
    private let engine: QueryEngine
    private let clock: DevClock
    private let userId: String
    private let directory: URL
    private let logger: Logger
    private var jobs: [String: BulkQueryJob] = [:]
    private var createdByDay: [String: Int] = [:]

    init(store: OrgStore, engine: QueryEngine, clock: DevClock, userId: String, directory: URL, logger: Logger) throws {
        self.store = store
        self.engine = engine
        self.clock = clock
        self.userId = userId
        self.directory = directory
        self.logger = logger
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Query jobs created today (UTC).
    func createdToday() -> Int {
        createdByDay[SalesforceDate.formatDate(Date().timeIntervalSince1970)] ?? 0
    }

    /// Creates a job for a checked query and starts it. Throws the 400 Salesforce answers for a query it
    /// refuses (SOQL errors keep their codes; COUNT() and OFFSET are not supported by Bulk API 2.0).
    func create(operation: String, soql: String, delimiter: BulkQueryJob.Delimiter, lineEnding: BulkQueryJob.LineEnding,
                version: String) throws -> BulkQueryJob {
        let now = clock.now()
        let (query, _) = try engine.parse(soql, now: now)
        guard case .fields = query.selection else {
            throw SalesforceError(status: .badRequest, errorCode: "INVALIDJOB",
                                  message: "Bulk API 2.0 does not support aggregate functions such as COUNT(); select fields instead")
        }
        guard query.offset == nil else {
            throw SalesforceError(status: .badRequest, errorCode: "INVALIDJOB",
                                  message: "Bulk API 2.0 does not support OFFSET; read the results with locators instead")
        }
        let day = SalesforceDate.formatDate(Date().timeIntervalSince1970)
        guard createdByDay[day, default: 0] < Self.dailyJobLimit else {
            throw SalesforceError(status: .badRequest, errorCode: "LIMIT_EXCEEDED", message: "Max bulk v2 query jobs per 24 hrs reached")
        }
        createdByDay[day, default: 0] += 1
        let object = store.catalog.object(named: query.object)?.name ?? query.object
        let job = BulkQueryJob(id: RandomText.salesforceId(prefix: "750"), operation: operation, object: object, query: soql,
                               createdById: userId, createdDate: now, systemModstamp: now, apiVersion: version,
                               delimiter: delimiter, lineEnding: lineEnding)
        jobs[job.id] = job
        Task { await self.execute(job.id, query: query, now: now) }
        return job
    }

    func job(_ id: String) throws -> BulkQueryJob {
        guard let job = jobs[id] else { throw SalesforceError.notFound }
        return job
    }

    /// `PATCH /jobs/query/{id}` with `{"state": "Aborted"}`: only a job that has not finished can be aborted.
    func abort(_ id: String) throws -> BulkQueryJob {
        var job = try job(id)
        guard job.state == .uploadComplete || job.state == .inProgress else {
            throw SalesforceError(status: .badRequest, errorCode: "API_ERROR",
                                  message: "Job \(id) is \(job.state.rawValue) and can no longer be aborted")
        }
        job.state = .aborted
        job.systemModstamp = clock.now()
        jobs[id] = job
        return job
    }

    /// `DELETE /jobs/query/{id}`: the job must be JobComplete, Aborted or Failed ("Delete a Query Job").
    func delete(_ id: String) throws {
        let job = try job(id)
        guard [.jobComplete, .aborted, .failed].contains(job.state) else {
            throw SalesforceError(status: .badRequest, errorCode: "API_ERROR",
                                  message: "Job \(id) is \(job.state.rawValue); abort it or wait until it completes before deleting it")
        }
        if let result = job.result { try? FileManager.default.removeItem(at: result.file) }
        jobs[id] = nil
    }

    /// One page of a completed job's CSV: `locator` is where it starts (nil for the first page).
    func results(_ id: String, locator: String?, maxRecords: Int?) throws -> (csv: Data, next: String?, records: Int) {
        let job = try job(id)
        guard job.state == .jobComplete, let result = job.result else {
            throw SalesforceError(status: .badRequest, errorCode: "JOB_NOT_COMPLETE",
                                  message: "can only download query results of successfully completed bulk job with status: "
                                      + "JOB_COMPLETE. Current status: \(job.state.rawValue)")
        }
        let start = try locator.map(Self.offset(fromLocator:)) ?? 0
        guard start <= result.records else {
            throw SalesforceError(status: .badRequest, errorCode: "API_ERROR", message: "Invalid locator: \(locator ?? "")")
        }
        let count = min(maxRecords ?? Self.defaultPageRecords, result.records - start)
        let next = start + count < result.records ? Self.locator(forOffset: start + count) : nil
        return (try result.page(start: start, count: count), next, count)
    }

    /// Locators are opaque to clients; like Salesforce's (`MTAwMDA` is Base64 of `10000`) they encode
    /// where the next page starts.
    static func locator(forOffset offset: Int) -> String {
        Data(String(offset).utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    static func offset(fromLocator locator: String) throws -> Int {
        let padded = locator + String(repeating: "=", count: (4 - locator.count % 4) % 4)
        guard let data = Data(base64Encoded: padded), let text = String(data: data, encoding: .utf8),
              let offset = Int(text), offset >= 0 else {
            throw SalesforceError(status: .badRequest, errorCode: "API_ERROR", message: "Invalid locator: \(locator)")
        }
        return offset
    }

    // MARK: Running

    private func execute(_ id: String, query: SOQLQuery, now: Date) async {
        guard var job = jobs[id], job.state == .uploadComplete else { return }
        job.state = .inProgress
        jobs[id] = job
        let started = Date()
        let file = directory.appendingPathComponent("\(id).csv")
        do {
            let result = try await write(query, now: now, to: file, job: job)
            guard var current = jobs[id], current.state == .inProgress else {
                try? FileManager.default.removeItem(at: file)
                return
            }
            current.state = .jobComplete
            current.result = result
            current.numberRecordsProcessed = result.records
            current.totalProcessingTime = Int(Date().timeIntervalSince(started) * 1_000)
            current.systemModstamp = clock.now()
            jobs[id] = current
        } catch {
            logger.error("bulk query job failed", metadata: ["job": "\(id)", "error": "\(error)"])
            guard var current = jobs[id] else { return }
            current.state = .failed
            current.errorMessage = (error as? SalesforceError)?.message ?? "the query could not be run"
            current.systemModstamp = clock.now()
            jobs[id] = current
        }
    }

    private func write(_ query: SOQLQuery, now: Date, to file: URL, job: BulkQueryJob) async throws -> BulkQueryResult {
        let statement = try engine.translate(query, now: now)
        guard let object = store.catalog.object(named: query.object) else { throw SalesforceError.notFound }
        let kinds = statement.selectedFields.map { object.field(named: $0)?.kind ?? .text }
        let delimiter = job.delimiter.character, lineEnding = job.lineEnding.text
        return try await store.pool.read { db in
            var writer = try BulkCSVWriter(file: file, header: statement.selectedFields, delimiter: delimiter, lineEnding: lineEnding)
            let rows = try Row.fetchCursor(db, sql: statement.sql, arguments: QueryEngine.arguments(statement))
            while let row = try rows.next() {
                try writer.write((0..<kinds.count).map { kinds[$0].csvText(row[$0] as DatabaseValue) })
            }
            return try writer.finish()
        }
    }
}
