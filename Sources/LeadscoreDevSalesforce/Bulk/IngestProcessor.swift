import Foundation
import GRDB
import LeadscoreData

/// Runs one closed ingest job: checks its CSV (``IngestLayout``), then saves its records 200 at a time,
/// each on its own (a failed record does not hold back the others, as in Bulk API 2.0), through the same
/// validation and integrity checks as the REST writes, and writes the three result files the job serves.
///
/// Per the Bulk API 2.0 Developer Guide ("Prepare CSV Files"): an empty value leaves a field as it is,
/// `#N/A` sets it to null; booleans are `true`/`false` (or `1`/`0`); dates and datetimes take
/// Salesforce's formats. Results ("Get Job Successful Record Results", "… Failed Record Results",
/// "… Unprocessed Records") repeat each row's original values after `sf__Id` and `sf__Created` or
/// `sf__Error` (`STATUS_CODE:message:fields --`). UNABLE_TO_LOCK_ROW faults hit records one by one.
struct IngestProcessor {
    let writes: WriteContext
    let job: IngestJob
    let store: IngestJobStore

    /// Records per transaction, like Salesforce's internal chunks.
    static let chunkSize = 200
    /// What a value of `#N/A` means: set the field to null.
    static let nullValue = "#N/A"

    struct Outcome: Sendable {
        var processed = 0
        var failed = 0
        /// Why the job failed as a whole (`errorMessage`), when it did.
        var failure: String?
    }

    /// One row, ready for the transaction or already refused.
    private enum Planned: Sendable {
        case refused(RecordError, id: String?)
        case insert([(ObjectDescribe.FieldDescribe, DatabaseValue)])
        case update(id: String, [(ObjectDescribe.FieldDescribe, DatabaseValue)])
        case upsert(key: JSONValue, members: [(String, JSONValue)])
    }

    func run() async -> Outcome {
        guard let object = writes.catalog.object(named: job.object) else {
            return Outcome(failure: "InvalidJob : Unable to find object: \(job.object)")
        }
        let writer = writes.writer(for: object, now: writes.clock.nowMilliseconds())
        let upserter = job.externalIdFieldName.flatMap { Upserter.keyField($0, of: object, in: writes.catalog) }.map {
            Upserter(catalog: writes.catalog, object: object, key: $0, writer: writer)
        }
        let layout: IngestLayout
        do {
            layout = try IngestLayout.read(job, object: object, catalog: writes.catalog, upserter: upserter)
        } catch {
            let message = (error as? IngestLayout.Failure)?.message ?? "ClientInputError : The job's data cannot be read as CSV"
            IngestResultFiles.failBeforeProcessing(job)
            return Outcome(failure: message)
        }
        do {
            return try await write(layout, object: object, upserter: upserter)
        } catch {
            return Outcome(failure: "Unknown : the job stopped: \(error)")
        }
    }

    private func write(_ layout: IngestLayout, object: ObjectDescribe, upserter: Upserter?) async throws -> Outcome {
        var results = try IngestResultFiles(job: job, header: layout.header)
        let reader = try CSVReader(url: job.files.data, delimiter: .fixed(.comma))
        var outcome = Outcome()
        var chunk: [CSVRow] = []
        var stopped = false
        while true {
            let record = try reader.next()
            if case let .row(row)? = record { chunk.append(row) }
            guard chunk.count == Self.chunkSize || (record == nil && !chunk.isEmpty) else {
                if record == nil { break }
                continue
            }
            if stopped {
                try results.unprocessed(chunk)
            } else {
                try await save(chunk, layout: layout, object: object, upserter: upserter, results: &results, outcome: &outcome)
                await store.progress(job.id, processed: outcome.processed, failed: outcome.failed)
                stopped = await store.shouldStop(job.id)
            }
            chunk.removeAll(keepingCapacity: true)
            if record == nil { break }
        }
        try results.finish()
        return outcome
    }

    private func save(_ rows: [CSVRow], layout: IngestLayout, object: ObjectDescribe, upserter: Upserter?,
                      results: inout IngestResultFiles, outcome: inout Outcome) async throws {
        var planned = rows.map { plan($0, layout: layout, object: object, upserter: upserter) }
        let path = "/services/data/v\(job.apiVersion)/jobs/ingest/\(job.id)"
        for index in planned.indices {
            if case .refused = planned[index] { continue }
            if await writes.faults.unableToLockRow(path: path) {
                let id = Self.id(of: planned[index])
                planned[index] = .refused(.unableToLock(id), id: id)
            }
        }
        // Each chunk is saved at its own moment, upserts included.
        let writer = writes.writer(for: object, now: writes.clock.nowMilliseconds()), work = planned
        let keyed = upserter.map { Upserter(catalog: $0.catalog, object: object, key: $0.key, writer: writer) }
        let saved: [Result<(id: String, created: Bool), RecordError>] = try await writes.store.transaction { db in
            (work.map { item in Self.apply(item, writer: writer, upserter: keyed, in: db) }, true)
        }
        var ledger = WriteLedger.Outcome()
        for (row, (result, item)) in zip(rows, zip(saved, planned)) {
            switch result {
            case let .success(record):
                try results.succeeded(row, id: record.id, created: record.created)
                if record.created { ledger.created += 1 } else { ledger.updated += 1 }
                if case .upsert = item { ledger.upserted += 1 }
            case let .failure(problem):
                try results.failed(row, id: Self.id(of: item), error: problem)
                ledger.refused += 1
                outcome.failed += 1
            }
            outcome.processed += 1
        }
        if !object.isPlatformEvent || ledger.refused > 0 {
            await writes.ledger.record(object.name, object.isPlatformEvent ? .init(refused: ledger.refused) : ledger)
        }
    }

    /// Saves one planned row inside the chunk's transaction.
    private static func apply(_ item: Planned, writer: RecordWriter, upserter: Upserter?,
                              in db: Database) -> Result<(id: String, created: Bool), RecordError> {
        do {
            switch item {
            case let .refused(problem, _):
                return .failure(problem)
            case let .insert(values):
                return .success((try writer.insert(values: values, in: db).id, true))
            case let .update(id, values):
                guard try writer.update(id: id, values: values, in: db) else {
                    return .failure(RecordError("ENTITY_IS_DELETED", "entity is deleted"))
                }
                return .success((id, false))
            case let .upsert(key, members):
                guard let upserter else { return .failure(RecordError("INVALID_FIELD", "no external id field")) }
                switch try upserter.upsert(keyValue: key, members: members, in: db) {
                case let .created(id, _): return .success((id, true))
                case let .updated(id): return .success((id, false))
                case let .ambiguous(ids): return .failure(upserter.ambiguity(ids))
                case .notFound: return .failure(RecordError("ENTITY_IS_DELETED", "entity is deleted"))
                }
            }
        } catch {
            return .failure(IngestValue.recordError(error))
        }
    }

    private static func id(of item: Planned) -> String? {
        switch item {
        case let .refused(_, id): return id
        case let .update(id, _): return id
        case .insert, .upsert: return nil
        }
    }

    /// Turns one CSV row into what to save, or why it cannot be saved.
    private func plan(_ row: CSVRow, layout: IngestLayout, object: ObjectDescribe, upserter: Upserter?) -> Planned {
        let idText = zip(layout.columns, row.values).first { column, _ in if case .id = column { true } else { false } }?.1 ?? ""
        var members: [(String, JSONValue)] = []
        for case let (.field(field), text) in zip(layout.columns, row.values) where !text.isEmpty && field.name != upserter?.key.name {
            switch IngestValue.json(text, for: field) {
            case let .success(value): members.append((field.name, value))
            case let .failure(problem): return .refused(problem, id: idText.isEmpty ? nil : idText)
            }
        }
        let validator = RecordValidator(catalog: writes.catalog, object: object)
        switch job.operation {
        case .insert:
            guard idText.isEmpty else {
                return .refused(RecordError("INVALID_FIELD", "cannot specify Id in an insert call", fields: ["Id"]), id: nil)
            }
            switch IngestValue.validated(members, mode: .create, validator: validator) {
            case let .success(values): return .insert(values)
            case let .failure(problem): return .refused(problem, id: nil)
            }
        case .update:
            guard !idText.isEmpty else { return .refused(RecordError("MISSING_ARGUMENT", "Id not specified in an update call"), id: nil) }
            guard let id = RecordJSON.canonicalId(idText, of: object) else {
                return .refused(RecordError("MALFORMED_ID", "\(object.name) ID: id value of incorrect type: \(idText)", fields: ["Id"]), id: idText)
            }
            switch IngestValue.validated(members, mode: .update, validator: validator) {
            case let .success(values): return .update(id: id, values)
            case let .failure(problem): return .refused(problem, id: id)
            }
        case .upsert:
            guard let upserter, let index = layout.keyColumn else {
                return .refused(RecordError("INVALID_FIELD", "the job has no external id field"), id: nil)
            }
            guard idText.isEmpty else {
                let problem = RecordError("INVALID_FIELD", "Upserts match on \(upserter.key.name); leave the Id column empty", fields: ["Id"])
                return .refused(problem, id: nil)
            }
            let text = row.values[index]
            guard !text.isEmpty else {
                return .refused(RecordError("MISSING_ARGUMENT", "\(upserter.key.name) not specified", fields: [upserter.key.name]), id: nil)
            }
            let stored: Result<DatabaseValue, RecordError>
            do {
                stored = try upserter.storedKey(.string(text))
            } catch {
                stored = .failure(IngestValue.recordError(error))
            }
            switch stored {
            case let .failure(problem): return .refused(problem, id: nil)
            case let .success(value) where layout.sharedKeys.contains(upserter.comparable(value)):
                return .refused(upserter.duplicate(.string(text)), id: nil)
            case .success:
                return .upsert(key: .string(text), members: members)
            }
        }
    }
}
