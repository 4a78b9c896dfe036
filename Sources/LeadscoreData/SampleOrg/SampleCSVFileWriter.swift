import Foundation

/// A CSV file written through a large in-memory buffer, flushed in megabyte chunks, so a million-row
/// export costs a few hundred writes rather than millions.
///
/// Fields follow the Data Loader's conventions: every value in double quotes (inner quotes doubled),
/// an empty value as `""`, records ended by CRLF.
struct SampleCSVFileWriter {
    private let handle: FileHandle
    private let path: String
    private var buffer: [UInt8] = []
    private var atRowStart = true
    private static let flushThreshold = 1 << 20
    private static let quote = UInt8(ascii: "\"")
    private static let millisAndOffset = Array(".000+0000".utf8)

    init(url: URL) throws {
        path = url.path
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw SampleOrgError.cannotWriteFile(path: path, reason: "the file could not be created")
        }
        do {
            handle = try FileHandle(forWritingTo: url)
        } catch {
            throw SampleOrgError.cannotWriteFile(path: path, reason: error.localizedDescription)
        }
        buffer.reserveCapacity(Self.flushThreshold + 64 * 1024)
    }

    mutating func append(_ byte: UInt8) { buffer.append(byte) }
    mutating func append(_ bytes: [UInt8]) { buffer.append(contentsOf: bytes) }
    mutating func append(_ bytes: ArraySlice<UInt8>) { buffer.append(contentsOf: bytes) }

    /// Decimal digits of a non-negative integer, zero-padded to `width`.
    mutating func appendInteger(_ value: Int, width: Int = 1) {
        var divisor = 1
        var digitCount = 1
        while divisor <= value / 10 {
            divisor *= 10
            digitCount += 1
        }
        for _ in digitCount..<max(width, digitCount) { buffer.append(UInt8(ascii: "0")) }
        var remaining = value
        while divisor > 0 {
            buffer.append(UInt8(ascii: "0") + UInt8(remaining / divisor))
            remaining %= divisor
            divisor /= 10
        }
    }

    private mutating func separate() {
        if atRowStart { atRowStart = false } else { buffer.append(UInt8(ascii: ",")) }
    }

    /// A quoted field whose content the caller appends (content must not contain `"`).
    mutating func beginQuotedField() {
        separate()
        buffer.append(Self.quote)
    }

    mutating func endQuotedField() { buffer.append(Self.quote) }

    /// A quoted text field with inner quotes doubled; `nil` writes the empty value `""`.
    mutating func textField(_ bytes: [UInt8]?) {
        beginQuotedField()
        if let bytes {
            if bytes.contains(Self.quote) {
                for byte in bytes {
                    if byte == Self.quote { buffer.append(Self.quote) }
                    buffer.append(byte)
                }
            } else {
                buffer.append(contentsOf: bytes)
            }
        }
        endQuotedField()
    }

    /// A quoted non-negative integer field; `nil` writes `""`.
    mutating func integerField(_ value: Int?) {
        beginQuotedField()
        if let value { appendInteger(value) }
        endQuotedField()
    }

    /// `2025-03-04`; `nil` writes `""`.
    mutating func dateField(_ day: Int?, days: SampleDayTable) {
        beginQuotedField()
        if let day { append(days.date(day)) }
        endQuotedField()
    }

    /// `2025-03-04T15:22:10.000+0000`, the Data Loader's UTC datetime form.
    mutating func dateTimeField(_ second: Int, days: SampleDayTable) {
        let secondOfDay = second % SampleOrgGenerator.secondsPerDay
        beginQuotedField()
        append(days.date(second / SampleOrgGenerator.secondsPerDay))
        append(UInt8(ascii: "T"))
        appendInteger(secondOfDay / 3600, width: 2)
        append(UInt8(ascii: ":"))
        appendInteger(secondOfDay / 60 % 60, width: 2)
        append(UInt8(ascii: ":"))
        appendInteger(secondOfDay % 60, width: 2)
        append(Self.millisAndOffset)
        endQuotedField()
    }

    mutating func endRow() {
        buffer.append(UInt8(ascii: "\r"))
        buffer.append(UInt8(ascii: "\n"))
        atRowStart = true
    }

    mutating func flushIfFull() throws {
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    mutating func close() throws {
        try flush()
        do {
            try handle.close()
        } catch {
            throw SampleOrgError.cannotWriteFile(path: path, reason: error.localizedDescription)
        }
    }

    private mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw SampleOrgError.cannotWriteFile(path: path, reason: error.localizedDescription)
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
