import Foundation

/// Where snapshot rows come from. CSV exports today; the Salesforce API (REST query / Bulk API 2.0)
/// implements the same protocol, so snapshots are built the same way from either.
public protocol RecordSource: Sendable {
    /// How the source is described in the manifest (kind, location, content hash).
    func describe() throws -> SourceDescription
    /// A fresh pass over the records.
    func makeCursor() throws -> any RecordCursor
}

/// A forward-only pass over source records, each a list of text values in `columns` order.
public protocol RecordCursor: AnyObject {
    var columns: [String] { get }
    /// The next record or malformed row; `nil` at the end.
    func next() throws -> CSVRecord?
}

/// The manifest's record of where a snapshot's rows came from.
public struct SourceDescription: Sendable, Codable, Equatable {
    public var kind: String
    public var location: String
    public var sha256: String?
    public var bytes: Int?
    /// The query that produced the rows, verbatim (SOQL for a Salesforce extract).
    public var query: String?
    /// How a CSV file was read (delimiter, detected or given); absent for other sources and in
    /// manifests written before dialects were detected.
    public var dialect: CSVDialect?

    public init(kind: String, location: String, sha256: String? = nil, bytes: Int? = nil, query: String? = nil,
                dialect: CSVDialect? = nil) {
        self.kind = kind
        self.location = location
        self.sha256 = sha256
        self.bytes = bytes
        self.query = query
        self.dialect = dialect
    }
}

extension CSVReader: RecordCursor {
    public var columns: [String] { header }
}

/// A CSV export on disk (Data Loader or report export, or a file saved from Excel).
///
/// The delimiter is detected unless the user gave one (`--delimiter`), and the result is recorded
/// in the manifest's source section so a reviewer can see how the file was read.
public struct CSVFileSource: RecordSource {
    public let url: URL
    public let delimiter: CSVDelimiterChoice

    public init(url: URL, delimiter: CSVDelimiterChoice = .detect) {
        self.url = url
        self.delimiter = delimiter
    }

    /// Parses the CLI form `csv:PATH`.
    public init(specification: String, delimiter: CSVDelimiterChoice = .detect) throws {
        guard specification.hasPrefix("csv:"), specification.count > 4 else {
            throw InputError(source: "--source", problem: "'\(specification)' is not a source this version reads",
                             fix: "use csv:PATH (e.g. csv:exports/Lead.csv)")
        }
        self.init(url: URL(fileURLWithPath: String(specification.dropFirst(4))), delimiter: delimiter)
    }

    public func describe() throws -> SourceDescription {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        return SourceDescription(kind: "csv", location: url.lastPathComponent,
                                 sha256: try Checksum.sha256Hex(fileAt: url),
                                 bytes: (attributes?[.size] as? NSNumber)?.intValue,
                                 dialect: try openReader().dialect)
    }

    public func makeCursor() throws -> any RecordCursor {
        try openReader()
    }

    /// A reader over the file; a one-column header is an error here, since lead rows need a label and inputs.
    private func openReader() throws -> CSVReader {
        let reader = try CSVReader(url: url, delimiter: delimiter)
        try reader.requireSeveralColumns()
        return reader
    }
}
