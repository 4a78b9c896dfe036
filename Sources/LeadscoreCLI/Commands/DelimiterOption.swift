import ArgumentParser
import LeadscoreData

/// `--delimiter ';'`, `--delimiter tab` or `--delimiter auto` (the default) on commands that read a
/// user's CSV; the spellings are `CSVDelimiterChoice(argument:)`'s.
extension CSVDelimiterChoice: ExpressibleByArgument {
    public static var allValueStrings: [String] { [",", ";", "tab", "|", "auto"] }
    public var defaultValueDescription: String { "auto" }
}
