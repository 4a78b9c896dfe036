import Foundation
import LeadscoreData

/// Rows staged from Salesforce into a CSV file, read back as a snapshot source.
///
/// The staged file holds only the selected fields; the cursor presents every contract column,
/// leaving the unselected ones (personal data the contract drops) empty, so a snapshot sees the
/// same columns as from a full CSV export.
public struct ExtractedSource: RecordSource {
    /// The staged CSV (selected fields, header first).
    public let file: URL
    /// Every contract column, in contract order.
    public let columns: [String]
    /// Where the rows came from, e.g. `https://acme.my.salesforce.com Lead`.
    public let location: String
    /// The SOQL that produced the rows, kept verbatim in the manifest.
    public let soql: String

    public init(file: URL, columns: [String], location: String, soql: String) {
        self.file = file
        self.columns = columns
        self.location = location
        self.soql = soql
    }

    public func describe() throws -> SourceDescription {
        let attributes = try? FileManager.default.attributesOfItem(atPath: file.path)
        return SourceDescription(kind: "salesforce", location: location, sha256: try Checksum.sha256Hex(fileAt: file),
                                 bytes: (attributes?[.size] as? NSNumber)?.intValue, query: soql)
    }

    public func makeCursor() throws -> any RecordCursor {
        // Staged by the extractor (our CSVWriter or Bulk API results): comma-separated either way.
        try PaddedCursor(reader: try CSVReader(url: file, delimiter: .fixed(.comma)), columns: columns)
    }
}

/// Reads a staged file and widens each row to the full column list.
final class PaddedCursor: RecordCursor {
    let columns: [String]
    private let reader: CSVReader
    /// For each output column, the staged column that feeds it (`nil`: always empty).
    private let sourceIndex: [Int?]

    init(reader: CSVReader, columns: [String]) throws {
        self.reader = reader
        self.columns = columns
        let staged = Dictionary(reader.header.enumerated().map { ($1.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        sourceIndex = columns.map { staged[$0.lowercased()] }
    }

    func next() throws -> CSVRecord? {
        guard let record = try reader.next() else { return nil }
        guard case var .row(row) = record else { return record }
        let values = row.values
        row.values = sourceIndex.map { index in index.map { $0 < values.count ? values[$0] : "" } ?? "" }
        return .row(row)
    }
}
