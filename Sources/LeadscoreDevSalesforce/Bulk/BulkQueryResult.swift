import Foundation

/// A completed query job's CSV on disk, with where each record starts, so any page (`maxRecords` from a
/// locator) is read straight from the file: the result never sits in memory whole.
struct BulkQueryResult: Sendable {
    let file: URL
    /// Bytes of the header line (it starts every page, as Bulk API 2.0 repeats it).
    let headerLength: Int
    /// The byte offset where each record starts, plus the end of the file: `records + 1` entries.
    let recordStarts: [Int]

    var records: Int { recordStarts.count - 1 }

    /// The header and records `start ..< start + count` as CSV bytes.
    func page(start: Int, count: Int) throws -> Data {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        var data = try handle.read(upToCount: headerLength) ?? Data()
        let end = min(records, start + count)
        guard start < end else { return data }
        try handle.seek(toOffset: UInt64(recordStarts[start]))
        data += try handle.read(upToCount: recordStarts[end] - recordStarts[start]) ?? Data()
        return data
    }
}
