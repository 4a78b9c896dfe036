import Foundation
import NIOCore

/// Joins Bulk API 2.0 result pages into one CSV file as they stream in, never holding a page in memory.
///
/// Every page repeats the CSV header: the first page's header is written, later ones are checked against
/// it and dropped. Rows are counted with a quote-aware scan (a quoted value may span lines), which also
/// lets the caller compare against `Sforce-NumberOfRecords`. A page that fails mid-download is rewound to
/// where it started, so a retried page cannot leave half a page behind. The file is written under a
/// temporary name and renamed into place only when complete.
final class BulkResultFile {
    let destination: URL
    private let temporary: URL
    private let handle: FileHandle
    /// Offset where the current page started; everything before it is complete pages.
    private var committedOffset: UInt64 = 0
    private var committedRows = 0
    private(set) var pages = 0
    private var header: [UInt8]?

    // State of the page being written.
    private var pageHeader: [UInt8] = []
    private var inHeader = true
    private var inQuotes = false
    private var pageRows = 0
    private var lastByte: UInt8?
    private var written: UInt64 = 0

    init(destination: URL) throws {
        self.destination = destination
        self.temporary = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).partial-\(UUID().uuidString.prefix(8))")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil,
                                             attributes: [.posixPermissions: 0o600]) else {
            throw SalesforceClientError.invalidArgument(
                name: "output file \(destination.path)", problem: "cannot be created. Fix: check the directory exists and is writable")
        }
        handle = try FileHandle(forWritingTo: temporary)
    }

    var rows: Int { committedRows }
    var bytes: Int { Int(committedOffset) }

    /// Starts (or restarts, after a failed download) the next page.
    func beginPage() throws {
        try handle.truncate(atOffset: committedOffset)
        try handle.seek(toOffset: committedOffset)
        written = committedOffset
        // Nothing is committed before the first page: its header is written again on a retry.
        if pages == 0 { header = nil }
        pageHeader = []
        inHeader = true
        inQuotes = false
        pageRows = 0
        lastByte = nil
    }

    /// Appends one chunk of the current page.
    func append(_ buffer: ByteBuffer) throws {
        var bytes = buffer.readableBytesView[...]
        if inHeader {
            guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else {
                pageHeader += bytes
                return
            }
            pageHeader += bytes[..<newline]
            bytes = bytes[(newline + 1)...]
            inHeader = false
            try acceptHeader()
        }
        guard !bytes.isEmpty else { return }
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if byte == UInt8(ascii: "\n"), !inQuotes { pageRows += 1 }
        }
        lastByte = bytes.last
        try write(Data(bytes))
    }

    /// Ends the current page and returns its row count. A last line without LF is completed, so the next
    /// page's rows start on a line of their own.
    func endPage() throws -> Int {
        if inHeader, !pageHeader.isEmpty {
            inHeader = false
            try acceptHeader()
        }
        guard !inQuotes else {
            throw SalesforceClientError.invalidResponse(operation: "Bulk API results", problem: "a page ends inside a quoted value")
        }
        if let lastByte, lastByte != UInt8(ascii: "\n") {
            pageRows += 1
            try write(Data([UInt8(ascii: "\n")]))
        }
        committedOffset = written
        committedRows += pageRows
        pages += 1
        return pageRows
    }

    /// Moves the complete file into place.
    func finish() throws {
        try handle.synchronize()
        try handle.close()
        // rename(2) replaces an existing file in one step: readers see the old file or the new one.
        guard rename(temporary.path, destination.path) == 0 else {
            throw SalesforceClientError.invalidArgument(
                name: "output file \(destination.path)",
                problem: "cannot be replaced (errno \(errno)). Fix: check the directory's permissions")
        }
    }

    /// Removes the temporary file after a failure.
    func discard() {
        try? handle.close()
        try? FileManager.default.removeItem(at: temporary)
    }

    private func acceptHeader() throws {
        var line = pageHeader
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        if let header {
            guard header == line else {
                throw SalesforceClientError.invalidResponse(
                    operation: "Bulk API results", problem: "page \(pages + 1) has a different CSV header from page 1")
            }
            return
        }
        header = line
        try write(Data(line + [UInt8(ascii: "\n")]))
    }

    private func write(_ data: Data) throws {
        try handle.write(contentsOf: data)
        written += UInt64(data.count)
    }
}
