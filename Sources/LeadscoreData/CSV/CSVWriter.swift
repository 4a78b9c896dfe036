import Crypto
import Foundation

/// A buffered CSV writer that also computes the file's SHA-256 as it goes, so manifests need no
/// second read. Values are quoted only when they must be (RFC 4180); lines end with LF.
public final class CSVWriter {
    public let url: URL
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var hasher = SHA256()
    public private(set) var rowsWritten = 0

    public init(url: URL, header: [String]) throws {
        self.url = url
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: url.path) else {
            throw InputError(source: url.path, problem: "the file cannot be created",
                             fix: "check that the directory exists and is writable")
        }
        self.handle = handle
        buffer.reserveCapacity(1 << 20)
        try write(header)
        rowsWritten = 0
    }

    /// Appends one row; `nil` and `""` are both written as an empty value.
    public func write(_ values: [String?]) throws {
        Self.appendRow(values, to: &buffer)
        buffer.append(UInt8(ascii: "\n"))
        rowsWritten += 1
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Appends one row whose leading values are already encoded (`encode`, no line end), then `more`.
    public func write(encoded: UnsafeBufferPointer<UInt8>, then more: [String]) throws {
        buffer.append(contentsOf: encoded)
        for value in more {
            buffer.append(UInt8(ascii: ","))
            Self.appendField(value, to: &buffer)
        }
        buffer.append(UInt8(ascii: "\n"))
        rowsWritten += 1
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// The bytes `write(_:)` would write for `values`, without the line end.
    public static func encode(_ values: [String?]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 12)
        appendRow(values, to: &bytes)
        return bytes
    }

    /// A row's values, comma-separated, without the line end.
    private static func appendRow(_ values: [String?], to buffer: inout [UInt8]) {
        for (index, value) in values.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            if let value { appendField(value, to: &buffer) }
        }
    }

    /// Flushes, closes the file and returns its SHA-256 (hex).
    public func finish() throws -> String {
        try flush()
        try handle.close()
        return Checksum.hex(hasher.finalize())
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        hasher.update(data: buffer)
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    static func appendField(_ value: String, to buffer: inout [UInt8]) {
        var value = value
        value.withUTF8 { bytes in
            let needsQuotes = bytes.contains { byte in
                byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
            }
            guard needsQuotes else { return buffer.append(contentsOf: bytes) }
            buffer.append(UInt8(ascii: "\""))
            for byte in bytes {
                if byte == UInt8(ascii: "\"") { buffer.append(byte) }
                buffer.append(byte)
            }
            buffer.append(UInt8(ascii: "\""))
        }
    }
}
