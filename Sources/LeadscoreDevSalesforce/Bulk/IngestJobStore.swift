import Foundation
import Logging

/// The org's Bulk API 2.0 ingest jobs: created Open, given their CSV in one upload, processed in the
/// background once closed (``IngestProcessor``), their results kept on disk under
/// `.dev-salesforce/jobs/ingest/<job>/`.
///
/// A job takes exactly one upload, as Salesforce enforces it: a second `PUT …/batches` is refused with
/// "Found multiple contents for job", so a client has to send its whole CSV (up to the documented
/// 150 MB of base64, about 112 MB of CSV) in one request, or split it over several jobs. Jobs live as
/// long as the server (their files are cleared at start).
actor IngestJobStore {
    /// "A request can provide CSV data that does not in total exceed 150 MB of base64 encoded content"
    /// (Bulk API 2.0 Developer Guide, "Upload Job Data"): the CSV bytes whose base64 form fits.
    static let maximumUploadBytes = 150 * 1_024 * 1_024 / 4 * 3

    private let writes: WriteContext
    private let directory: URL
    private let logger: Logger
    private var jobs: [String: IngestJob] = [:]

    init(writes: WriteContext, directory: URL, logger: Logger) throws {
        self.writes = writes
        self.directory = directory
        self.logger = logger
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func create(object: String, operation: IngestJob.Operation, externalIdFieldName: String?,
                lineEnding: BulkQueryJob.LineEnding, version: String) throws -> IngestJob {
        let id = RandomText.salesforceId(prefix: "750")
        let folder = directory.appendingPathComponent(id, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let now = writes.clock.now()
        let job = IngestJob(id: id, operation: operation, object: object, externalIdFieldName: externalIdFieldName,
                            createdById: writes.userId, createdDate: now, systemModstamp: now, apiVersion: version,
                            lineEnding: lineEnding, files: .init(folder: folder))
        jobs[id] = job
        return job
    }

    func job(_ id: String) throws -> IngestJob {
        guard let job = jobs[id] else { throw SalesforceError.notFound }
        return job
    }

    /// Every job, newest first ("Get All Jobs").
    func all() -> [IngestJob] {
        jobs.values.sorted { $0.createdDate > $1.createdDate }
    }

    /// Reserves the job's one upload and says where to write it.
    func beginUpload(_ id: String) throws -> URL {
        var job = try job(id)
        guard job.state == .open else {
            throw SalesforceError(status: .badRequest, errorCode: "INVALIDJOBSTATE",
                                  message: "Job \(id) is \(job.state.rawValue): data can only be uploaded to an Open job")
        }
        guard !job.hasData, !job.isReceiving else {
            throw SalesforceError(status: .badRequest, errorCode: "INVALIDJOBSTATE",
                                  message: "Found multiple contents for job: <\(id)>, please 'Close' / 'Abort' / 'Delete' the current Job "
                                      + "then create a new Job and make sure you only do 'PUT' once on a given Job.")
        }
        job.isReceiving = true
        jobs[id] = job
        return job.files.data
    }

    /// Ends the upload: the data counts when it arrived whole, else the job can take another try.
    func finishUpload(_ id: String, received: Bool) {
        guard var job = jobs[id] else { return }
        job.isReceiving = false
        job.hasData = received
        job.systemModstamp = writes.clock.now()
        jobs[id] = job
    }

    /// `{"state": "UploadComplete"}`: only an Open job can be closed; processing starts in the background.
    func close(_ id: String) throws -> IngestJob {
        var job = try job(id)
        guard job.state == .open, !job.isReceiving else {
            throw SalesforceError(status: .badRequest, errorCode: "INVALIDJOBSTATE",
                                  message: "Job \(id) is \(job.isReceiving ? "receiving its data" : job.state.rawValue) and cannot be closed; "
                                      + "only an Open job can move to UploadComplete")
        }
        job.state = .uploadComplete
        job.systemModstamp = writes.clock.now()
        jobs[id] = job
        Task { await self.process(id) }
        return job
    }

    /// `{"state": "Aborted"}`: a job that has not finished stops; records not yet processed stay unprocessed.
    func abort(_ id: String) throws -> IngestJob {
        var job = try job(id)
        guard !job.state.isFinal else {
            throw SalesforceError(status: .badRequest, errorCode: "INVALIDJOBSTATE",
                                  message: "Job \(id) is \(job.state.rawValue) and can no longer be aborted")
        }
        // A job not yet processing has every record unprocessed; a running one leaves that to its processor.
        if job.state != .inProgress { IngestResultFiles.failBeforeProcessing(job) }
        job.state = .aborted
        job.systemModstamp = writes.clock.now()
        jobs[id] = job
        return job
    }

    /// `DELETE /jobs/ingest/{id}`: the job must be UploadComplete, JobComplete, Aborted or Failed
    /// (Bulk API 2.0 Developer Guide, "Delete a Job").
    func delete(_ id: String) throws {
        let job = try job(id)
        guard job.state.isFinal || job.state == .uploadComplete else {
            throw SalesforceError(status: .badRequest, errorCode: "INVALIDJOBSTATE",
                                  message: "Job \(id) is \(job.state.rawValue); abort it or wait until it completes before deleting it")
        }
        jobs[id] = nil
        try? FileManager.default.removeItem(at: job.files.folder)
    }

    /// One of the job's result files, once processing is over.
    func results(_ id: String, _ results: IngestJob.Results) throws -> Data {
        let job = try job(id)
        guard job.state.isFinal else {
            throw SalesforceError(status: .badRequest, errorCode: "INVALIDJOBSTATE",
                                  message: "Job \(id) is \(job.state.rawValue): results are available once it is JobComplete, Failed or Aborted")
        }
        return (try? Data(contentsOf: job.files.file(results))) ?? Data()
    }

    // MARK: Processing

    /// Whether processing should stop: the job was aborted or deleted meanwhile.
    func shouldStop(_ id: String) -> Bool {
        jobs[id].map { $0.state != .inProgress } ?? true
    }

    func progress(_ id: String, processed: Int, failed: Int) {
        guard var job = jobs[id] else { return }
        job.numberRecordsProcessed = processed
        job.numberRecordsFailed = failed
        jobs[id] = job
    }

    private func process(_ id: String) async {
        guard var job = jobs[id], job.state == .uploadComplete else { return }
        job.state = .inProgress
        jobs[id] = job
        let started = Date()
        let outcome = await IngestProcessor(writes: writes, job: job, store: self).run()
        guard var current = jobs[id] else { return }
        current.numberRecordsProcessed = outcome.processed
        current.numberRecordsFailed = outcome.failed
        current.totalProcessingTime = Int(Date().timeIntervalSince(started) * 1_000)
        current.systemModstamp = writes.clock.now()
        if let failure = outcome.failure {
            current.state = .failed
            current.errorMessage = failure
            logger.info("bulk ingest job failed", metadata: ["job": "\(id)", "reason": "\(failure)"])
        } else if current.state == .inProgress {
            current.state = .jobComplete
        }
        jobs[id] = current
    }
}
