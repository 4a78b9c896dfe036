/// Byte-level helpers for the ASCII fast paths of text handling that runs on every value of a snapshot
/// or a scored batch; each caller keeps Foundation's Unicode path for text beyond ASCII.
enum ASCIIText {
    /// Foundation's `whitespacesAndNewlines` within ASCII: tab through carriage return, and space.
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// The byte lowercased (A–Z to a–z; any other byte unchanged).
    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// The bytes as text, lowercased (within ASCII only A–Z have a lower case).
    static func lowercased(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { output in
            for (offset, byte) in bytes.enumerated() { output[offset] = lowercased(byte) }
            return bytes.count
        }
    }

    /// Runs `body` on the text's UTF-8 bytes when they are all ASCII; nil otherwise.
    static func withBytes<Result>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        var contiguous = text
        return contiguous.withUTF8 { bytes in bytes.allSatisfy { $0 < 0x80 } ? body(bytes) : nil }
    }
}
