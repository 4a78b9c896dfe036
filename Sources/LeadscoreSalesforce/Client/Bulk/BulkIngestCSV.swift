import Foundation

/// Writes records as the CSV a Bulk API 2.0 ingest job reads: a header of API names, one row per record,
/// comma-delimited, LF line ends, UTF-8 — the format ``SalesforceClient/bulkIngest(_:operation:csv:partBytes:onProgress:)``
/// declares for its jobs.
///
/// Bulk API 2.0 Developer Guide, "Prepare CSV Files" and "Valid CSV Record Rows"
/// (https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/datafiles_csv_valid_record_rows.htm):
/// a value containing a comma, a line break or a double quote is enclosed in double quotes, and a double quote
/// inside it is doubled (RFC 4180); values are not trimmed; "Empty field values are ignored when you update
/// records. To set a field value to null, use a field value of #N/A."
public enum BulkIngestCSV {
    /// The value that sets a field to null.
    public static let nullValue = "#N/A"

    /// Writes `records` under `columns` to `file` (created with owner-only permissions: it holds record
    /// values) and returns the number of rows.
    ///
    /// A field the record does not have is written empty, which an update leaves unchanged; a field set to
    /// ``SalesforceValue/null`` is written `#N/A`, which clears it. Every field of every record must be one
    /// of `columns`, so nothing is dropped silently.
    @discardableResult
    public static func write(_ records: [SalesforceRecord], columns: [String], to file: URL) throws -> Int {
        try check(columns: columns)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 << 16)
        appendRow(columns, to: &bytes)
        for (index, record) in records.enumerated() {
            if let unknown = record.fields.keys.sorted().first(where: { !columns.contains($0) }) {
                throw SalesforceClientError.invalidArgument(
                    name: "record \(index)",
                    problem: "has field \(unknown), which is not among the columns. "
                        + "Fix: add it to the columns or remove it from the record")
            }
            appendRow(try columns.map { try cell(record.fields[$0], field: $0, record: index) }, to: &bytes)
        }
        guard FileManager.default.createFile(atPath: file.path, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw SalesforceClientError.invalidArgument(
                name: "CSV file \(file.path)", problem: "cannot be written. Fix: check the directory exists and is writable")
        }
        return records.count
    }

    /// Columns must be API names, each once.
    private static func check(columns: [String]) throws {
        guard !columns.isEmpty else {
            throw SalesforceClientError.invalidArgument(name: "columns", problem: "is empty. Fix: list the fields to write")
        }
        var seen: Set<String> = []
        for column in columns {
            try SalesforceClient.checkName(column, what: "column")
            guard seen.insert(column.lowercased()).inserted else {
                throw SalesforceClientError.invalidArgument(name: "column \(column)", problem: "is listed twice. Fix: list each field once")
            }
        }
    }

    /// The cell text for one value: nil (absent) → empty, null → `#N/A`, scalars as their text.
    private static func cell(_ value: SalesforceValue?, field: String, record: Int) throws -> String {
        guard let value else { return "" }
        switch value {
        case .null:
            return nullValue
        case .object, .array:
            throw SalesforceClientError.invalidArgument(
                name: "record \(record) field \(field)",
                problem: "holds a JSON object or array, which a Bulk API CSV cannot carry. "
                    + "Fix: write the compound field's parts (e.g. Street, City)")
        case let .string(text) where text == nullValue:
            throw SalesforceClientError.invalidArgument(
                name: "record \(record) field \(field)",
                problem: "is the text #N/A, which Bulk API 2.0 reads as 'set to null'. "
                    + "Fix: use SalesforceValue.null to clear the field, or another text")
        default:
            return value.text ?? ""
        }
    }

    /// One row, each value quoted only when it must be, ended with LF.
    private static func appendRow(_ values: [String], to bytes: inout [UInt8]) {
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            let needsQuotes = value.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"")
                || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
            guard needsQuotes else {
                bytes += value.utf8
                continue
            }
            bytes.append(UInt8(ascii: "\""))
            for byte in value.utf8 {
                if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                bytes.append(byte)
            }
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: "\n"))
    }
}
