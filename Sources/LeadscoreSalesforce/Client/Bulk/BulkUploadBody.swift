import Foundation
import NIOCore

/// The body of one Bulk API 2.0 upload: the CSV header line, then the part's rows read from the input file
/// 1 MiB at a time while AsyncHTTPClient sends them, so a 100 MB part never sits in memory.
///
/// Every attempt builds a new request and so a new iterator: a resent upload reads the file again from the
/// part's first byte.
struct BulkUploadBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    let file: URL
    let headerLine: [UInt8]
    /// The part's rows in the file.
    let range: Range<UInt64>

    /// The `Content-Length` of the upload.
    var length: Int { headerLine.count + range.count }

    func makeAsyncIterator() -> Iterator {
        Iterator(body: self)
    }

    struct Iterator: AsyncIteratorProtocol {
        static let chunkBytes: UInt64 = 1 << 20
        let body: BulkUploadBody
        private var handle: FileHandle?
        private var sentHeader = false
        private var position: UInt64

        init(body: BulkUploadBody) {
            self.body = body
            self.position = body.range.lowerBound
        }

        mutating func next() async throws -> ByteBuffer? {
            if !sentHeader {
                sentHeader = true
                return ByteBuffer(bytes: body.headerLine)
            }
            guard position < body.range.upperBound else {
                try handle?.close()
                handle = nil
                return nil
            }
            let handle = try self.handle ?? open()
            let wanted = Swift.min(Self.chunkBytes, body.range.upperBound - position)
            guard let data = try handle.read(upToCount: Int(wanted)), !data.isEmpty else {
                throw SalesforceClientError.invalidArgument(
                    name: "CSV file \(body.file.lastPathComponent)",
                    problem: "became shorter while it was uploaded. Fix: leave the file unchanged until the ingest ends")
            }
            position += UInt64(data.count)
            return ByteBuffer(data: data)
        }

        private mutating func open() throws -> FileHandle {
            let opened = try FileHandle(forReadingFrom: body.file)
            try opened.seek(toOffset: position)
            handle = opened
            return opened
        }
    }
}
