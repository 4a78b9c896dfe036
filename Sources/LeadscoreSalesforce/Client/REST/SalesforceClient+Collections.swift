import Foundation
import LeadscoreData

/// Writes through sObject Collections (`/composite/sobjects`): up to 200 records per request,
/// `allOrNone: false`, one result per input record.
extension SalesforceClient {
    /// The most records one sObject Collections request may carry.
    public static let collectionLimit = 200

    /// Updates records by Id (each needs an `Id` field). Larger inputs are split into requests of 200.
    /// Records that failed only on `UNABLE_TO_LOCK_ROW` are sent again with backoff.
    ///
    /// Results come back in input order, one per record. If a whole request fails (after retries), the
    /// error is ``SalesforceWriteInterrupted`` with the results of the chunks already written.
    public func update(_ object: String, records: [SalesforceRecord]) async throws -> [SalesforceRecordResult] {
        try Self.checkName(object, what: "object")
        for (index, record) in records.enumerated() {
            guard let id = record.id, SalesforceId.isValid(id) else {
                throw SalesforceClientError.invalidArgument(
                    name: "record \(index)", problem: "has no valid Id. Fix: set the Id field of every record to update")
            }
        }
        return try await write(object, records: records, as: .update)
    }

    /// Creates records (none may have an `Id`). Split, mapped and interrupted like ``update(_:records:)``.
    /// A create is sent again only when its request surely never reached Salesforce, so a retry cannot
    /// create duplicates.
    public func create(_ object: String, records: [SalesforceRecord]) async throws -> [SalesforceRecordResult] {
        try Self.checkName(object, what: "object")
        if let index = records.firstIndex(where: { $0.fields["Id"] != nil }) {
            throw SalesforceClientError.invalidArgument(
                name: "record \(index)", problem: "has an Id. Fix: remove Id from records to create (use update for existing ones)")
        }
        return try await write(object, records: records, as: .create)
    }

    /// Sends `records` in requests of ``collectionLimit`` and maps every result back to its input index.
    func write(_ object: String, records: [SalesforceRecord], as kind: CollectionWrite) async throws -> [SalesforceRecordResult] {
        var results: [SalesforceRecordResult] = []
        results.reserveCapacity(records.count)
        for start in stride(from: 0, to: records.count, by: Self.collectionLimit) {
            let indices = Array(start..<min(start + Self.collectionLimit, records.count))
            do {
                results += try await writeChunk(object, records: records, indices: indices, as: kind)
            } catch {
                throw SalesforceWriteInterrupted(completed: results, remaining: records.count - start, error: error)
            }
        }
        return results
    }

    /// One request, then the lock-failed records again (fewer each round) until the retry budget is spent.
    private func writeChunk(_ object: String, records: [SalesforceRecord], indices: [Int],
                            as kind: CollectionWrite) async throws -> [SalesforceRecordResult] {
        var final: [Int: SalesforceRecordResult] = [:]
        var pending = indices
        var round = 0
        while !pending.isEmpty {
            round += 1
            let answered = try await send(object, records: records, indices: pending, as: kind)
            let locked = answered.filter(\.failedOnLock)
            for result in answered { final[result.index] = result }
            guard !locked.isEmpty, round < config.retry.maxAttempts else { break }
            pending = locked.map(\.index)
            let delay = config.retry.delay(beforeRetry: round, random: clock.random())
            logger.warning("Salesforce records were locked by another transaction; sending them again", metadata: [
                "object": "\(object)", "records": "\(pending.count)", "attempt": "\(round)",
            ])
            try await clock.sleep(delay)
        }
        return indices.compactMap { final[$0] }
    }

    private func send(_ object: String, records: [SalesforceRecord], indices: [Int],
                      as kind: CollectionWrite) async throws -> [SalesforceRecordResult] {
        let payload = SalesforceValue.object([
            "allOrNone": .bool(false),
            "records": .array(indices.map { records[$0].collectionJSON(type: object) }),
        ])
        var request = SalesforceRequest(method: kind.method, path: transport.dataPath(kind.resource(object: object)),
                                        body: SalesforceJSONWriter.data(for: payload),
                                        operation: "\(kind.verb) \(indices.count) \(object) record\(indices.count == 1 ? "" : "s")")
        request.idempotent = kind.isResendable
        guard let items = try await transport.json(request).arrayValue, items.count == indices.count else {
            throw SalesforceClientError.invalidResponse(
                operation: request.operation, problem: "the answer does not hold one result per record sent")
        }
        return try zip(items, indices).map { item, index in
            guard let result = SalesforceRecordResult(json: item, index: index, inputId: records[index].id) else {
                throw SalesforceClientError.invalidResponse(operation: request.operation, problem: "a result lacks success")
            }
            return result
        }
    }
}
