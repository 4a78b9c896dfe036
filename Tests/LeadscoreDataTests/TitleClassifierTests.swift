import Testing
@testable import LeadscoreData

/// Titles are classified through an index of keywords; the rule it implements is the plain one: the
/// first rule, in order, with a keyword among the title's words (a two-word keyword as adjacent words).
struct TitleClassifierTests {
    @Test(arguments: [
        ("Assistant to the CEO", "entry", "executive"), ("VP, Chief of Staff", "vp", "other"),
        ("Vice President, Sales", "vp", "sales"), ("Head of Data", "director", "it"),
        ("Managing Director", "c_level", "executive"), ("Sr. Account Executive", "individual", "sales"),
        ("", "unknown", "other"), ("Directeur Général", "unknown", "other"),
    ])
    func examples(title: String, seniority: String, function: String) {
        #expect(TitleClassifier.seniority(of: title).rawValue == seniority)
        #expect(TitleClassifier.function(of: title).rawValue == function)
    }

    @Test func theIndexGivesTheFirstMatchingRule() {
        let vocabulary = (TitleClassifier.seniorityRules.flatMap(\.1) + TitleClassifier.functionRules.flatMap(\.1))
            .flatMap { $0.split(separator: " ").map(String.init) } + ["of", "the", "Sr.", "and", "&", "VP,", "Chief-"]
        var random = SeededRandom(seed: 11)
        for _ in 0..<20_000 {
            let title = (0..<Int.random(in: 0...5, using: &random)).map { _ in
                let word = vocabulary.randomElement(using: &random)!
                return Bool.random(using: &random) ? word.uppercased() : word
            }.joined(separator: Bool.random(using: &random) ? " " : ", ")
            let words = TitleClassifier.words(of: title)
            #expect(TitleClassifier.seniority(of: title) == Self.firstRule(TitleClassifier.seniorityRules, words) ?? .unknown,
                    "\(title)")
            #expect(TitleClassifier.function(of: title) == Self.firstRule(TitleClassifier.functionRules, words) ?? .other,
                    "\(title)")
        }
    }

    /// The rule by scanning: each rule in order, each keyword against the words.
    private static func firstRule<Class>(_ rules: [(Class, [String])], _ words: [Substring]) -> Class? {
        rules.first { _, keywords in
            keywords.contains { keyword in
                let parts = keyword.split(separator: " ")
                guard parts.count == 2 else { return words.contains(parts[0]) }
                return words.indices.dropLast().contains { words[$0] == parts[0] && words[$0 + 1] == parts[1] }
            }
        }?.0
    }
}
