/// A short, value-free name for a query in logs and errors: its object (`query Lead`), never the SOQL,
/// whose WHERE clause may hold record values.
enum SOQLLabel {
    /// The object after the outermost `FROM`, or `SOQL` when none is found.
    static func object(in soql: String) -> String {
        let characters = Array(soql)
        var depth = 0
        var quoted = false
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "'" && (index == 0 || characters[index - 1] != "\\") { quoted.toggle() }
            if !quoted {
                if character == "(" { depth += 1 }
                if character == ")" { depth -= 1 }
                if depth == 0, isKeyword("from", at: index, in: characters) {
                    let name = characters[(index + 4)...].drop { $0.isWhitespace }.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                    if !name.isEmpty { return String(name) }
                }
            }
            index += 1
        }
        return "SOQL"
    }

    /// Whether `word` starts at `index` as a whole word (case-insensitive).
    private static func isKeyword(_ word: String, at index: Int, in characters: [Character]) -> Bool {
        let letters = Array(word)
        guard index + letters.count < characters.count else { return false }
        if index > 0, !characters[index - 1].isWhitespace { return false }
        for (offset, letter) in letters.enumerated() where characters[index + offset].lowercased() != String(letter) {
            return false
        }
        return characters[index + letters.count].isWhitespace
    }
}
