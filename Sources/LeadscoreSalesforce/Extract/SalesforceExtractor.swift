import Foundation
import LeadscoreData

/// Reads a contract's Lead rows (and their field history) out of an org into staged CSV files,
/// ready for `SnapshotBuilder`.
///
/// Each query is counted first: below `restMaxRows` rows it goes through REST `query` (2,000-record
/// pages); at or above, a Bulk API 2.0 query job streams the result to disk, so memory stays flat
/// whatever the org's size. The SOQL is kept verbatim in the source description, and so in the manifest.
public struct SalesforceExtractor: Sendable {
    /// What the extract reports as it goes.
    public enum Progress: Sendable {
        /// Lead rows staged so far, of `total`.
        case rows(done: Int, total: Int)
        /// Field-history rows staged so far, of `total`.
        case history(done: Int, total: Int)
    }

    public let client: SalesforceClient
    /// REST below this many rows, Bulk API 2.0 at or above it (default: the config's `rest_max_rows`).
    public let restMaxRows: Int

    public init(client: SalesforceClient, restMaxRows: Int? = nil) {
        self.client = client
        self.restMaxRows = restMaxRows ?? client.config.restMaxRows
    }

    /// Stages the window's rows into `directory` (which must exist and be private to the user).
    ///
    /// `history`: also stage the object's field history (`LeadHistory`) for the contract fields that
    /// may be rebuilt as of the observation point, and load it as a `FieldHistory`.
    public func extract(contract: DataContract, from: Double?, to: Double?, history: Bool, into directory: URL,
                        progress: (@Sendable (Progress) -> Void)? = nil) async throws -> ExtractOutcome {
        let started = Date()
        let describe = try SalesforceDescribe.decode(try await client.describe(contract.object),
                                                     source: "\(contract.object) describe")
        let query = try ExtractQuery(contract: contract, describe: describe, from: from, to: to)
        let rowsFile = directory.appendingPathComponent("\(contract.object).csv")
        let rows = try await stage(query.soql, counting: query.countSOQL, columns: query.selectedFields, to: rowsFile) {
            progress?(.rows(done: $0, total: $1))
        }

        var fieldHistory: FieldHistory?
        var historyRows: StagedRows?
        let candidates = FieldHistory.reconstructableFields(of: contract)
        if history, !candidates.isEmpty {
            let historyFile = directory.appendingPathComponent("\(contract.object)History.csv")
            let soql = query.historySOQL(fields: candidates, createdField: contract.createdField, from: from)
            let staged = try await stage(soql, counting: ExtractQuery.countVersion(of: soql),
                                         columns: FieldHistory.exportColumns, to: historyFile) {
                progress?(.history(done: $0, total: $1))
            }
            historyRows = staged
            var description = try CSVFileSource(url: historyFile, delimiter: .fixed(.comma)).describe()
            description.kind = "salesforce"
            description.location = "\(client.instanceDescription) \(contract.object)History"
            description.query = soql
            fieldHistory = try FieldHistory.load(from: historyFile, description: description, delimiter: .fixed(.comma))
        }
        let source = ExtractedSource(file: rowsFile, columns: query.columns,
                                     location: "\(client.instanceDescription) \(contract.object)", soql: query.soql)
        return ExtractOutcome(source: source, history: fieldHistory, rows: rows, historyRows: historyRows,
                              seconds: Date().timeIntervalSince(started))
    }

    /// Counts the query's rows, then stages them through REST or Bulk into a CSV file.
    private func stage(_ soql: String, counting countSOQL: String, columns: [String], to file: URL,
                       progress: @escaping @Sendable (Int, Int) -> Void) async throws -> StagedRows {
        let total = try await client.count(countSOQL)
        if total >= restMaxRows {
            let outcome = try await client.bulkQuery(soql, to: file) { staged in progress(staged, total) }
            progress(outcome.records, total)
            return StagedRows(method: .bulk, rows: outcome.records)
        }
        let writer = try CSVWriter(url: file, header: columns)
        var staged = 0
        try await client.query(soql) { page in
            for record in page.records {
                try writer.write(columns.map { record[$0]?.text })
            }
            staged += page.records.count
            progress(staged, total)
        }
        _ = try writer.finish()
        return StagedRows(method: .rest, rows: staged)
    }
}

/// How many rows one query staged, and through which API.
public struct StagedRows: Sendable, Equatable {
    public enum Method: String, Sendable {
        case rest = "REST query"
        case bulk = "Bulk API 2.0"
    }

    public let method: Method
    public let rows: Int
}

/// What an extract staged and how.
public struct ExtractOutcome: Sendable {
    public let source: ExtractedSource
    /// The field history of the staged leads, when asked for and the contract has fields to rebuild.
    public let history: FieldHistory?
    public let rows: StagedRows
    public let historyRows: StagedRows?
    public let seconds: Double
}
