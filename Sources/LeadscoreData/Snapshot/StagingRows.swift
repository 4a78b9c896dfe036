import Foundation

/// Normalised rows parked on disk between the snapshot's two passes, already encoded as the CSV bytes
/// they will be written with: pass 2 copies each kept row back and appends its label and split,
/// without parsing anything again. Memory holds one length per row.
final class StagingRows {
    private let url: URL
    private let writer: FileHandle
    private var buffer: [UInt8] = []
    private var lengths: [UInt32] = []

    init(url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
              let writer = FileHandle(forWritingAtPath: url.path) else {
            throw InputError(source: url.path, problem: "the snapshot's staging file cannot be created",
                             fix: "check that the output directory is writable and has free space")
        }
        self.url = url
        self.writer = writer
        buffer.reserveCapacity(Self.blockBytes)
    }

    static let blockBytes = 1 << 22

    /// Appends one encoded row (no line end).
    func append(_ row: [UInt8]) throws {
        buffer.append(contentsOf: row)
        lengths.append(UInt32(row.count))
        if buffer.count >= Self.blockBytes { try flush() }
    }

    /// Ends writing; rows can then be read back.
    func finishWriting() throws {
        try flush()
        try writer.close()
    }

    /// Calls `body(index, bytes)` for every row in the order appended.
    func forEachRow(_ body: (Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        guard let reader = FileHandle(forReadingAtPath: url.path) else {
            throw InputError(source: "snapshot staging", problem: "the staging file cannot be read", fix: "run again")
        }
        defer { try? reader.close() }
        var pending: [UInt8] = []
        var start = 0
        for (index, length) in lengths.enumerated() {
            let length = Int(length)
            while pending.count - start < length {
                guard let block = try reader.read(upToCount: max(Self.blockBytes, length)), !block.isEmpty else {
                    throw InputError(source: "snapshot staging", problem: "the staging file is truncated", fix: "run again")
                }
                pending.removeFirst(start)
                start = 0
                pending.append(contentsOf: block)
            }
            try pending.withUnsafeBufferPointer { try body(index, UnsafeBufferPointer(rebasing: $0[start..<(start + length)])) }
            start += length
        }
    }

    /// Removes the file.
    func remove() throws {
        try FileManager.default.removeItem(at: url)
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try writer.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
