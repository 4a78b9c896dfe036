import Crypto
import Foundation
import LeadscoreData

/// What Salesforce reported for one ingest job, indexed so that each input row finds its own result.
///
/// The result files do not keep the upload's order: "The order of records in the response is not
/// guaranteed to match the ordering of records in the original job data" (Bulk API 2.0 Developer Guide,
/// "Get Job Successful Record Results", "… Failed …", "… Unprocessed …"). Each result row does repeat the
/// uploaded values ("Field data for the row that was provided in the original job data upload request"),
/// so rows are matched by a key: the `Id` for an update (its first 15 characters, the same record in either
/// Id form), the external id for an upsert, and for an insert every uploaded column the results repeat.
/// Rows with the same key are interchangeable (identical inserts, or one record sent twice), so they are
/// matched first come, first served. Row order is never used.
struct BulkResultIndex {
    /// The three result resources of `/jobs/ingest/{id}/…`.
    enum Kind: String, CaseIterable, Sendable {
        case successfulResults, failedResults, unprocessedrecords
    }

    private let inputHeader: [String]
    private let operation: BulkIngestOperation
    /// Outcomes by the input columns their key is made of (in the result file's order), then by key.
    private var groups: [[Int]: [String: [BulkIngestRowOutcome]]] = [:]
    private var groupOrder: [[Int]] = []
    /// Results not yet taken by an input row.
    private(set) var remaining = 0

    init(inputHeader: [String], operation: BulkIngestOperation) {
        self.inputHeader = inputHeader
        self.operation = operation
    }

    /// Adds one downloaded result file; `label` names the download in errors.
    mutating func add(_ kind: Kind, file: URL, label: String) throws {
        // Result files use the job's columnDelimiter, COMMA.
        let reader = try CSVReader(url: file, delimiter: .fixed(.comma))
        let header = reader.header
        func column(_ name: String) throws -> Int {
            guard let index = header.firstIndex(of: name) else {
                throw SalesforceClientError.invalidResponse(operation: label, problem: "the results have no \(name) column")
            }
            return index
        }
        let idColumn = kind == .unprocessedrecords ? nil : try column("sf__Id")
        let createdColumn = kind == .successfulResults ? try column("sf__Created") : nil
        let errorColumn = kind == .failedResults ? try column("sf__Error") : nil
        let keyColumns = try self.keyColumns(in: header, label: label)
        let group = keyColumns.map(\.input)
        if !groupOrder.contains(group) { groupOrder.append(group) }
        while let record = try reader.next() {
            guard case let .row(row) = record else {
                throw SalesforceClientError.invalidResponse(operation: label, problem: "a result row does not match the results' header")
            }
            let id = idColumn.map { row.values[$0] }.flatMap { $0.isEmpty ? nil : $0 }
            let outcome: BulkIngestRowOutcome
            switch kind {
            case .successfulResults:
                guard let id else {
                    throw SalesforceClientError.invalidResponse(operation: label, problem: "a successful result has no sf__Id")
                }
                outcome = .success(id: id, created: createdColumn.map { row.values[$0].lowercased() == "true" } ?? false)
            case .failedResults:
                outcome = .failure(id: id, error: errorColumn.map { row.values[$0] } ?? "")
            case .unprocessedrecords:
                outcome = .unprocessed
            }
            let key = key(keyColumns.map { row.values[$0.result] })
            groups[group, default: [:]][key, default: []].append(outcome)
            remaining += 1
        }
    }

    /// The result for one input row (its values in input-header order), removed from the index; nil when
    /// Salesforce reported nothing for it.
    mutating func take(_ values: [String]) -> BulkIngestRowOutcome? {
        for group in groupOrder {
            let key = key(group.map { values[$0] })
            guard var outcomes = groups[group]?[key], !outcomes.isEmpty else { continue }
            let outcome = outcomes.removeFirst()
            groups[group]?[key] = outcomes.isEmpty ? nil : outcomes
            remaining -= 1
            return outcome
        }
        return nil
    }

    /// The echoed columns a key is made of, as (result column, input column) pairs.
    private func keyColumns(in header: [String], label: String) throws -> [(result: Int, input: Int)] {
        var echoed: [(result: Int, input: Int)] = []
        for (index, name) in header.enumerated() where !name.hasPrefix("sf__") {
            let lowered = name.lowercased()
            guard let input = inputHeader.firstIndex(where: { $0.lowercased() == lowered }) else {
                throw SalesforceClientError.invalidResponse(operation: label,
                                                            problem: "the results have a column \(name) that was not uploaded")
            }
            echoed.append((index, input))
        }
        guard let keyName = operation.keyColumn?.lowercased() else {
            guard !echoed.isEmpty else {
                throw SalesforceClientError.invalidResponse(operation: label, problem: "the results repeat none of the uploaded columns")
            }
            return echoed
        }
        guard let key = echoed.first(where: { inputHeader[$0.input].lowercased() == keyName }) else {
            throw SalesforceClientError.invalidResponse(
                operation: label, problem: "the results do not repeat the \(operation.keyColumn ?? "") column")
        }
        return [key]
    }

    /// One column's value as it is (an update's Id cut to 15 characters); several columns as a digest of
    /// their length-prefixed values, so memory stays small however wide the rows are.
    private func key(_ values: [String]) -> String {
        if values.count == 1 {
            return operation == .update ? String(values[0].prefix(15)) : values[0]
        }
        var hasher = SHA256()
        for value in values {
            hasher.update(data: Data("\(value.utf8.count):".utf8))
            hasher.update(data: Data(value.utf8))
        }
        return Data(hasher.finalize()).base64EncodedString()
    }
}
