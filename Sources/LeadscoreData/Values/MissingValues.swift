/// Texts that mean "no value": the placeholders web forms, Salesforce and spreadsheets write into
/// an export where a value was never given.
///
/// Counted as values, a placeholder does double harm: `--None--` becomes a picklist level that
/// stands for "not asked", and one `N/A` in a number column rejects the row (or makes a draft type
/// the column as text). So they are missing by default, everywhere raw text becomes a `FieldValue`
/// — snapshots, batch scoring and the scoring API alike — and a contract may replace the list with
/// `missing_values: [...]`. Matching is exact after trimming and ignores case; text that is empty
/// or only white space (including non-breaking and zero-width spaces) is always missing.
///
/// What the default list leaves out, on purpose:
/// - `None`, `Unknown`, `Not provided`: real picklist values in many orgs ("Current CRM: None").
///   For a text field nothing is lost either way, since missing text already becomes the `Unknown`
///   level; listing them would only turn an answer someone chose into a blank.
/// - `NA`: the North America region in many B2B picklists.
/// - `0` and other numbers: a zero is a real count; a sentinel such as `-1` or `999` is data-specific,
///   so a contract adds it when its data uses one.
public struct MissingValues: Sendable, Equatable {
    /// The default list, as the drafter writes it into a new contract.
    public static let defaultPlaceholders = [
        "--None--",  // Salesforce's empty picklist choice
        "Select", "--Select--", "Select one", "Please select",  // web-form first options
        "N/A", "#N/A",  // forms and Excel's "not available" error value
        "-", "--",  // report and spreadsheet blanks (Excel's accounting format shows zero as "-": add "0" back if so)
        "null", "nil", "undefined", "NaN",  // programs writing their own empty value as text
    ]

    /// The defaults: what a contract without `missing_values` uses.
    public static let standard = MissingValues(defaultPlaceholders)

    /// The placeholders as written (in the contract, for the writer and messages).
    public let placeholders: [String]
    private let folded: Set<String>
    /// The same as UTF-8 bytes, for ``isMissing(utf8:)``.
    private let foldedBytes: [[UInt8]]
    /// The first bytes placeholders can start with (either case) and their length bounds in UTF-8
    /// bytes: cheap first tests that let the millions of ordinary values in a snapshot (numbers,
    /// dates, most words) skip the case-folding.
    private let firstBytes: [Bool]
    private let shortest: Int
    private let longest: Int

    public init(_ placeholders: [String]) {
        self.placeholders = placeholders
        folded = Set(placeholders.map(Self.fold).filter { !$0.isEmpty })
        foldedBytes = folded.sorted().map { Array($0.utf8) }
        var firstBytes = [Bool](repeating: false, count: 256)
        for text in folded {
            for variant in [text, text.uppercased()] {
                if let byte = variant.utf8.first { firstBytes[Int(byte)] = true }
            }
        }
        self.firstBytes = firstBytes
        shortest = folded.map(\.utf8.count).min() ?? 0
        longest = folded.map(\.utf8.count).max() ?? 0
    }

    /// Whether `text` (already trimmed of ordinary white space) means "no value".
    public func isMissing(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return true }
        if startsLikePlaceholder(first, count: text.utf8.count), folded.contains(Self.fold(text)) {
            return true
        }
        return Self.looksEmpty(text)
    }

    /// Whether a value's UTF-8 bytes mean "no value", decided on the bytes when they are ASCII with no
    /// white space at either end (as ``isMissing(_:)`` decides); nil when ``isMissing(_:)`` must decide.
    func isMissing(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard let first = bytes.first, let last = bytes.last else { return true }
        guard first > 0x20, first < 0x80, last < 0x80, !ASCIIText.isSpace(last) else { return nil }
        guard startsLikePlaceholder(first, count: bytes.count) else { return false }
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        return foldedBytes.contains { placeholder in
            placeholder.count == bytes.count && zip(placeholder, bytes).allSatisfy { $0 == ASCIIText.lowercased($1) }
        }
    }

    /// Whether a value of `count` UTF-8 bytes starting with `first` could be a placeholder.
    private func startsLikePlaceholder(_ first: UInt8, count: Int) -> Bool {
        firstBytes[Int(first)] && (shortest...max(shortest, longest)).contains(count)
    }

    /// The placeholder in the list that `text` matches, if any (for messages that quote the rule).
    public func matchingPlaceholder(_ text: String) -> String? {
        let key = Self.fold(text)
        return placeholders.first { Self.fold($0) == key }
    }

    /// The form placeholders are compared in: trimmed and lowercased.
    static func fold(_ text: String) -> String {
        ASCIIText.withBytes(of: text) { bytes in
            var (low, high) = (0, bytes.count)
            while low < high, ASCIIText.isSpace(bytes[low]) { low += 1 }
            while high > low, ASCIIText.isSpace(bytes[high - 1]) { high -= 1 }
            return ASCIIText.lowercased(bytes[low..<high])
        } ?? text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// Only white space and invisible characters: zero-width spaces and joiners, word joiners and
    /// stray byte-order marks that survive copy and paste from web pages and Word.
    static func looksEmpty(_ text: String) -> Bool {
        guard let first = text.utf8.first, first >= 0x80 || first <= 0x20 else { return false }
        return text.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isWhitespace || invisible.contains(scalar.value)
        }
    }

    private static let invisible: Set<UInt32> = [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD]
}

extension MissingValues: Codable {
    /// Encoded as the plain list, the same shape as `missing_values:` in the contract.
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode([String].self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(placeholders)
    }
}
