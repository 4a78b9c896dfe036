/// The character between values on a CSV line.
///
/// Salesforce (Data Loader, Bulk API, report exports) always writes commas, but a file saved from
/// Excel in much of Europe and Latin America uses semicolons, because the comma is the decimal mark
/// there; database tools often write tabs or pipes. These four cover what lead exports use.
public enum CSVDelimiter: String, Sendable, Codable, CaseIterable {
    case comma = ","
    case semicolon = ";"
    case tab = "\t"
    case pipe = "|"

    /// The byte the reader splits on (every delimiter is ASCII).
    var byte: UInt8 { rawValue.utf8.first ?? UInt8(ascii: ",") }

    /// A word for messages: a tab is invisible and a lone `;` is easy to miss.
    public var name: String {
        switch self {
        case .comma: return "comma"
        case .semicolon: return "semicolon"
        case .tab: return "tab"
        case .pipe: return "pipe"
        }
    }

    /// How `--delimiter` spells it in a message, e.g. `';'` or `tab`.
    public var argument: String {
        self == .tab ? "tab" : "'\(rawValue)'"
    }

    /// Reads a command-line value: the character itself (`,` `;` `|`, a real tab or `\t`) or its name
    /// (`comma`, `semicolon`, `tab`, `pipe`), so a shell user never has to type a literal tab.
    public init?(argument: String) {
        switch argument.lowercased() {
        case ",", "comma": self = .comma
        case ";", "semicolon": self = .semicolon
        case "\t", "\\t", "tab": self = .tab
        case "|", "pipe": self = .pipe
        default: return nil
        }
    }
}

/// Whether a reader finds the delimiter itself or is told which one to use.
public enum CSVDelimiterChoice: Sendable, Equatable {
    /// Sniff it from the header and the first rows (the default for files a user hands over).
    case detect
    /// Use this one without looking: for formats fixed by a spec (Salesforce Bulk API CSV is always
    /// comma-separated) and for a user's explicit `--delimiter`.
    case fixed(CSVDelimiter)

    /// Reads `--delimiter`: a delimiter (as `CSVDelimiter(argument:)` spells it), or `auto` for detection.
    public init?(argument: String) {
        if argument.lowercased() == "auto" {
            self = .detect
        } else if let delimiter = CSVDelimiter(argument: argument) {
            self = .fixed(delimiter)
        } else {
            return nil
        }
    }
}
