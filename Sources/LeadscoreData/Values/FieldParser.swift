import Foundation

/// Turns the text of one exported value into a typed `FieldValue`, accepting the spellings that
/// Salesforce exports, Flow and Apex produce (`1,200`, `$2.5`, `Yes`, `true`, `3/4/2025 3:22 PM`).
public enum FieldParser {
    /// Why a value was refused, phrased for a message that names the field.
    public struct Problem: Error, Sendable, Equatable {
        public var problem: String
        public var fix: String
    }

    /// Parses `raw` as `type`. Empty or all-space text is `.missing`, as Salesforce writes null, and
    /// so is a placeholder in `missingValues` (`N/A`, `--None--`…); pass the contract's
    /// `missingValues` so a snapshot and the scoring path read the same text the same way.
    public static func parse(_ raw: String, as type: FieldType,
                             missingValues: MissingValues = .standard) -> Result<FieldValue, Problem> {
        let text = trimmed(raw)
        if missingValues.isMissing(text) { return .success(.missing) }
        switch type {
        case .string, .picklist, .multipicklist, .email, .phone:
            return .success(.text(text))
        case .id:
            guard SalesforceId.isValid(text) else {
                return .failure(Problem(
                    problem: "'\(text.prefix(40))' is not a 15- or 18-character Salesforce Id",
                    fix: "export the Id column unchanged, or declare the field as type string"))
            }
            return .success(.text(text))
        case .number, .integer:
            guard let number = parseNumber(text) else {
                return .failure(Problem(
                    problem: "'\(text.prefix(40))' is not a number",
                    fix: "correct the value, leave it empty, or declare the field as type string"))
            }
            // Model inputs are 32-bit floats: a larger magnitude would reach XGBoost as infinity.
            guard abs(number) <= Double(Float.greatestFiniteMagnitude) else {
                return .failure(Problem(
                    problem: "'\(text.prefix(40))' is beyond the range a model can read (±3.4e38)",
                    fix: "correct the value or leave it empty"))
            }
            if type == .integer, number.rounded() != number {
                return .failure(Problem(
                    problem: "'\(text.prefix(40))' is not a whole number",
                    fix: "correct the value or declare the field as type number"))
            }
            return .success(.number(number))
        case .boolean:
            guard let flag = parseBoolean(text) else {
                return .failure(Problem(
                    problem: "'\(text.prefix(40))' is not a yes/no value",
                    fix: "use true/false, 1/0 or Yes/No, or declare the field as type picklist"))
            }
            return .success(.bool(flag))
        case .date, .datetime:
            guard let seconds = SalesforceDate.parse(text) else {
                return .failure(Problem(
                    problem: "'\(text.prefix(40))' is not a date",
                    fix: "use 2025-03-04, 2025-03-04T15:22:10.000+0000 or 3/4/2025 3:22 PM"))
            }
            return .success(.time(seconds))
        }
    }

    /// `parse(_:as:missingValues:)` for a value's UTF-8 bytes read in place (a CSV field): plain values
    /// (no white space at either end, nothing a placeholder could be) are read without the String
    /// path's intermediate Strings: whole numbers, dates, datetimes, yes/no and Ids from the bytes,
    /// text types into one String. Anything else, refusals included, goes through the String path, so both always
    /// give the same result. `bytes` must be valid UTF-8.
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>, as type: FieldType,
                             missingValues: MissingValues = .standard) -> Result<FieldValue, Problem> {
        if let value = plainValue(bytes, as: type, missingValues: missingValues) { return .success(value) }
        return parse(String(decoding: bytes, as: UTF8.self), as: type, missingValues: missingValues)
    }

    /// The value of plain `bytes`, or nil when the String path must decide.
    private static func plainValue(_ bytes: UnsafeBufferPointer<UInt8>, as type: FieldType,
                                   missingValues: MissingValues) -> FieldValue? {
        guard let first = bytes.first, let last = bytes.last else { return .missing }
        guard !isSpace(first), !isSpace(last), let missing = missingValues.isMissing(utf8: bytes) else { return nil }
        if missing { return .missing }
        switch type {
        case .string, .picklist, .multipicklist, .email, .phone:
            return .text(String(decoding: bytes, as: UTF8.self))
        case .id:
            return SalesforceId.isValid(utf8: bytes) ? .text(String(decoding: bytes, as: UTF8.self)) : nil
        case .number, .integer:
            return wholeNumber(bytes).map(FieldValue.number)
        case .date, .datetime:
            return SalesforceDate.parse(utf8: bytes).map(FieldValue.time)
        case .boolean:
            return boolean(bytes).map(FieldValue.bool)
        }
    }

    /// `parseBoolean` for ASCII bytes; nil for anything else.
    private static func boolean(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard bytes.count <= 5 else { return nil }
        var word: UInt64 = 0  // the lowercased bytes, first byte lowest
        for (offset, byte) in bytes.enumerated() {
            guard byte < 0x80 else { return nil }
            word |= UInt64(ASCIIText.lowercased(byte)) << (8 * offset)
        }
        if packedTrue.contains(word) { return true }
        if packedFalse.contains(word) { return false }
        return nil
    }

    /// `parseBoolean`'s words packed as `boolean(_:)` packs bytes.
    private static let packedTrue = ["true", "1", "yes", "y", "t", "1.0"].map(packed)
    private static let packedFalse = ["false", "0", "no", "n", "f", "0.0"].map(packed)

    private static func packed(_ word: String) -> UInt64 {
        word.utf8.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * $1.offset) }
    }

    /// An optional `-` and 1–15 digits, as `Double(text)` reads them (exactly: below 2^53); nil for
    /// anything else, and for `-0` (negative zero, which the String path keeps).
    private static func wholeNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let negative = bytes[0] == UInt8(ascii: "-")
        let digits = negative ? 1 : 0
        guard bytes.count > digits, bytes.count - digits <= 15 else { return nil }
        var value = 0
        for byte in bytes[digits...] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        if negative && value == 0 { return nil }
        return Double(negative ? -value : value)
    }

    /// `text` without surrounding white space. Trimming is costly at millions of values and most
    /// exported values need none, so the bytes at both ends are checked first.
    static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        guard isSpace(utf8.first) || isSpace(utf8.last) else { return text }
        // ASCII white space at both ends is cut by bytes; where a byte beyond ASCII is then at an end (a
        // non-breaking or ideographic space, say), Foundation trims by its Unicode definition.
        var (start, end) = (utf8.startIndex, utf8.endIndex)
        while start < end, ASCIIText.isSpace(utf8[start]) { start = utf8.index(after: start) }
        while start < end, ASCIIText.isSpace(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
        guard start < end else { return "" }
        guard utf8[start] < 0x80, utf8[utf8.index(before: end)] < 0x80 else {
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }

    private static func isSpace(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0xC2 || byte == 0xE2 || byte == 0xE3
    }

    /// `true/false`, `1/0`, `yes/no`, `y/n`, `t/f`, any case.
    public static func parseBoolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "1", "yes", "y", "t", "1.0": return true
        case "false", "0", "no", "n", "f", "0.0": return false
        default: return nil
        }
    }

    /// Plain numbers, plus currency symbols, thousands separators and a trailing `%` as report
    /// exports write them. Refuses anything else (no partial parses such as `12abc` → 12).
    public static func parseNumber(_ text: String) -> Double? {
        if let direct = Double(text), direct.isFinite { return direct }
        var cleaned = text
        for symbol in ["$", "€", "£", "USD", "EUR", "GBP", "%", " "] {
            cleaned = cleaned.replacingOccurrences(of: symbol, with: "")
        }
        let parts = cleaned.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
        if groups.count > 1 {
            // Thousands separators must sit every three digits: 1,234,567.
            let head = groups[0].trimmingCharacters(in: CharacterSet(charactersIn: "-+"))
            guard (1...3).contains(head.count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            cleaned = cleaned.replacingOccurrences(of: ",", with: "")
        }
        guard let value = Double(cleaned), value.isFinite else { return nil }
        return value
    }
}
