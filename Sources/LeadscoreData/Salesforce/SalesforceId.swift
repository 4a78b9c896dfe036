/// Salesforce record Ids: the 15-character case-sensitive form and the 18-character case-safe form.
///
/// Salesforce hands out 15-character Ids whose letters are case-sensitive (`00Q5e00000AbCdE` and
/// `00Q5e00000ABCDE` are different records). Spreadsheets, SQL collations and many join tools ignore
/// case, so the API also returns an 18-character form: the 15 characters followed by a 3-character
/// checksum that records where the upper-case letters are. Extracts, the scoring API and write-back all
/// key leads by the 18-character form; this type converts and validates without calling Salesforce.
///
/// The checksum: split the 15 characters into three chunks of five. For each chunk build a 5-bit number
/// whose bit `i` (bit 0 for the chunk's first character) is set when character `i` is an upper-case
/// `A`–`Z`, then map 0–31 onto `ABCDEFGHIJKLMNOPQRSTUVWXYZ012345`.
///
/// ```swift
/// SalesforceId.caseSafe("00Q5e00000AbCdE")        // "00Q5e00000AbCdEEAV"
/// SalesforceId.isValid("00Q5e00000AbCdEEAV")      // true
/// SalesforceId.isValid("00Q5e00000AbCdEAAA")      // false: wrong checksum
/// ```
public enum SalesforceId {
    /// The 32 characters a checksum chunk maps onto.
    private static let suffixAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345".utf8)

    /// The 18-character case-safe form of a 15-character Id.
    ///
    /// An 18-character input gets its checksum recomputed from its first 15 characters, so a case-safe
    /// Id whose suffix was mangled (for example upper-cased by a spreadsheet) comes back repaired only
    /// when its first 15 characters are intact. Any other length is returned unchanged: check untrusted
    /// input with ``isValid(_:)`` first.
    public static func caseSafe(_ id15: String) -> String {
        let bytes = Array(id15.utf8)
        guard bytes.count == 15 || bytes.count == 18 else { return id15 }
        let prefix = bytes[0..<15]
        return String(decoding: prefix + checksumSuffix(of: prefix), as: UTF8.self)
    }

    /// Whether `id` is a well-formed Id: 15 ASCII letters or digits, or 18 characters whose last three
    /// are exactly the case-safe checksum of the first 15.
    public static func isValid(_ id: String) -> Bool {
        var id = id
        return id.withUTF8 { isValid(utf8: $0) }
    }

    /// The same for the Id's UTF-8 bytes (a CSV field read in place): nothing is allocated.
    public static func isValid(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 15 || bytes.count == 18 else { return false }
        guard bytes[0..<15].allSatisfy(isAlphanumeric) else { return false }
        guard bytes.count == 18 else { return true }
        return (0..<3).allSatisfy { chunk in bytes[15 + chunk] == checksumCharacter(bytes[(chunk * 5)..<(chunk * 5 + 5)]) }
    }

    /// The three checksum bytes for 15 Id bytes. Internal so the sample generator can mint Ids
    /// without building intermediate Strings.
    static func checksumSuffix<C: Collection>(of id15: C) -> [UInt8] where C.Element == UInt8 {
        (0..<3).map { chunk in checksumCharacter(id15.dropFirst(chunk * 5).prefix(5)) }
    }

    /// The checksum character of five Id bytes: bit `i` set when byte `i` is an upper-case letter.
    private static func checksumCharacter(_ chunk: some Sequence<UInt8>) -> UInt8 {
        var bits = 0
        for (position, byte) in chunk.enumerated() where byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") {
            bits |= 1 << position
        }
        return suffixAlphabet[bits]
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
    }
}
