/// How a CSV file is written: its delimiter, line ends and byte-order mark.
///
/// `CSVReader` works it out when it opens a file and keeps it, so a command can tell the user how
/// their file was read ("semicolon-separated (detected)") and a snapshot manifest can record it.
/// A wrong guess then shows up where a user looks, instead of as one column named `a;b;c`.
public struct CSVDialect: Sendable, Equatable, Codable {
    public var delimiter: CSVDelimiter
    /// `true` when the reader found the delimiter from the file, `false` when the caller fixed it.
    public var detected: Bool
    /// The file starts with a UTF-8 byte-order mark (Excel's "CSV UTF-8" writes one); it is skipped.
    public var byteOrderMark: Bool
    /// The end of the header line; rows may mix line ends, all three are read.
    public var lineEnding: CSVLineEnding

    public init(delimiter: CSVDelimiter, detected: Bool, byteOrderMark: Bool = false, lineEnding: CSVLineEnding = .lf) {
        self.delimiter = delimiter
        self.detected = detected
        self.byteOrderMark = byteOrderMark
        self.lineEnding = lineEnding
    }

    /// One line for logs and remarks, e.g. `semicolon-separated (detected), CRLF line ends, UTF-8 byte-order mark`.
    public var summary: String {
        var parts = ["\(delimiter.name)-separated (\(detected ? "detected" : "as given"))"]
        if lineEnding != .none { parts.append("\(lineEnding.rawValue) line ends") }
        if byteOrderMark { parts.append("UTF-8 byte-order mark") }
        return parts.joined(separator: ", ")
    }
}

/// The line end a CSV file uses after its header.
public enum CSVLineEnding: String, Sendable, Codable {
    /// Windows and Excel: `\r\n`.
    case crlf = "CRLF"
    /// Unix, macOS and most tools: `\n`.
    case lf = "LF"
    /// Classic Mac OS and some old Excel for Mac exports: a lone `\r`.
    case cr = "CR"
    /// The file is one line (a header and nothing after it).
    case none
}
