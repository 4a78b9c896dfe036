/// SQLite identifier quoting: names from the schema are always quoted, so no name can be read as SQL.
enum SQLiteName {
    static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
