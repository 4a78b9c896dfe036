/// The words of a field name or value, lower-cased, so vocabulary rules match how admins name things:
/// `Lead_Rating_By_Rep__c`, `LeadRatingByRep`, `lead rating (by rep)` and `SQLDate` all read as words.
///
/// A Salesforce suffix (`__c`, `__pc`, `__r`) is not a word of the name; camelCase and acronym
/// boundaries split words (`SQLDate` → `sql`, `date`), and so do digits and punctuation.
struct FieldNameTokens: Sendable, Equatable {
    let words: [String]

    init(_ text: String) {
        words = Self.split(Self.withoutSalesforceSuffix(text))
    }

    /// Whether `phrase` occurs as consecutive words.
    func contains(_ phrase: [String]) -> Bool {
        guard !phrase.isEmpty, phrase.count <= words.count else { return false }
        return (0...(words.count - phrase.count)).contains { start in
            Array(words[start..<(start + phrase.count)]) == phrase
        }
    }

    /// Whether any word is one of `candidates`.
    func containsAny(_ candidates: Set<String>) -> Bool {
        words.contains { candidates.contains($0) }
    }

    private static func withoutSalesforceSuffix(_ text: String) -> String {
        for suffix in ["__c", "__pc", "__r"] where text.lowercased().hasSuffix(suffix) {
            return String(text.dropLast(suffix.count))
        }
        return text
    }

    private static func split(_ text: String) -> [String] {
        var words: [String] = []
        var current: [Character] = []
        func flush() {
            if !current.isEmpty { words.append(String(current).lowercased()) }
            current.removeAll()
        }
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            guard character.isLetter || character.isNumber else {
                flush()
                continue
            }
            if let previous = current.last {
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                let lowerToUpper = previous.isLowercase && character.isUppercase
                // "SQLDate": the capital that starts a lower-case run begins a new word.
                let acronymEnd = previous.isUppercase && character.isUppercase && next?.isLowercase == true
                let digitBoundary = previous.isNumber != character.isNumber
                if lowerToUpper || acronymEnd || digitBoundary { flush() }
            }
            current.append(character)
        }
        flush()
        return words
    }
}
