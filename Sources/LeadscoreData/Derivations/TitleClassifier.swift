/// Reads seniority and function out of a free-text job title by keywords, so a model can use them
/// without the title itself (which the contract may treat as personal data).
public enum TitleClassifier {
    public enum Seniority: String, Sendable, CaseIterable {
        case cLevel = "c_level", vp, director, manager, individual, entry, unknown
    }

    public enum Function: String, Sendable, CaseIterable {
        case sales, marketing, it, finance, operations, hr, executive, other
    }

    /// Checked in order: the first rule whose keyword appears wins ("Assistant to the CEO" is entry,
    /// "VP, Chief of Staff" is vp), so the more specific phrases come first.
    static let seniorityRules: [(Seniority, [String])] = [
        (.entry, ["intern", "assistant", "student", "trainee", "apprentice", "junior", "jr"]),
        (.vp, ["vp", "vice president", "svp", "evp", "avp"]),
        (.cLevel, ["chief", "ceo", "cfo", "cto", "cmo", "coo", "cio", "cro", "ciso", "founder", "owner",
                   "president", "managing director", "partner", "principal"]),
        (.director, ["director", "head of", "head"]),
        (.manager, ["manager", "lead", "supervisor", "mgr"]),
        (.individual, ["specialist", "analyst", "engineer", "consultant", "associate", "executive",
                       "coordinator", "representative", "rep", "developer", "administrator", "admin",
                       "architect", "scientist", "accountant", "designer", "officer", "advisor", "agent"]),
    ]

    static let functionRules: [(Function, [String])] = [
        (.marketing, ["marketing", "cmo", "brand", "growth", "demand", "content", "communications", "seo"]),
        (.sales, ["sales", "account executive", "business development", "bdr", "sdr", "cro", "revenue", "account manager"]),
        (.it, ["it", "cto", "cio", "ciso", "engineer", "engineering", "developer", "software", "technology", "data",
               "security", "systems", "devops", "architect", "technical", "information"]),
        (.finance, ["finance", "cfo", "financial", "accountant", "accounting", "controller", "treasurer"]),
        (.hr, ["hr", "human resources", "people", "talent", "recruit", "recruiter", "recruiting"]),
        (.operations, ["operations", "operating", "ops", "procurement", "supply", "logistics", "facilities", "coo"]),
        // Last, so "Vice President, Sales" is sales and only function-less leaders are executive.
        (.executive, ["ceo", "founder", "owner", "president", "general manager", "managing director", "chief executive"]),
    ]

    private static let seniorityIndex = RuleIndex(seniorityRules.map(\.1))
    private static let functionIndex = RuleIndex(functionRules.map(\.1))

    public static func seniority(of title: String) -> Seniority {
        seniorityIndex.firstRule(in: title).map { seniorityRules[$0].0 } ?? .unknown
    }

    public static func function(of title: String) -> Function {
        functionIndex.firstRule(in: title).map { functionRules[$0].0 } ?? .other
    }

    /// Each keyword with the first rule that lists it, so that a title's few words are looked up once
    /// each instead of compared with every keyword (titles are classified millions of times in a snapshot).
    private struct RuleIndex: Sendable {
        /// One-word keyword → its first rule.
        private var single: [Word: Int] = [:]
        /// First word of a two-word keyword ("vice president") → the second words and their rules.
        private var pairs: [Word: [(second: Word, rule: Int)]] = [:]

        init(_ rules: [[String]]) {
            for (rule, keywords) in rules.enumerated() {
                for keyword in keywords {
                    let parts = keyword.split(separator: " ").map { Word($0.utf8) }
                    if parts.count == 1 {
                        single[parts[0]] = min(single[parts[0]] ?? rule, rule)
                    } else {
                        pairs[parts[0], default: []].append((parts[1], rule))
                    }
                }
            }
        }

        /// The first rule (by position) with a keyword among the title's words, two-word keywords as
        /// adjacent words. An ASCII title is read in place; another goes through `words(of:)`, whose
        /// Unicode lower-casing it needs.
        func firstRule(in title: String) -> Int? {
            var title = title
            return title.withUTF8 { bytes in
                guard bytes.allSatisfy({ $0 < 0x80 }) else {
                    return firstRule(in: TitleClassifier.words(of: String(decoding: bytes, as: UTF8.self)).map { Word($0.utf8) })
                }
                var words: [Word] = []
                var start: Int?
                for index in 0...bytes.count {
                    let inWord = index < bytes.count && isWordByte(bytes[index])
                    if inWord, start == nil { start = index }
                    if !inWord, let first = start {
                        words.append(Word(UnsafeBufferPointer(rebasing: bytes[first..<index])))
                        start = nil
                    }
                }
                return firstRule(in: words)
            }
        }

        private func firstRule(in words: [Word]) -> Int? {
            var first = Int.max
            for (position, word) in words.enumerated() {
                if let rule = single[word] { first = min(first, rule) }
                guard position + 1 < words.count, let candidates = pairs[word] else { continue }
                for candidate in candidates where candidate.second == words[position + 1] {
                    first = min(first, candidate.rule)
                }
            }
            return first == Int.max ? nil : first
        }
    }

    /// A word of up to 16 bytes, lower-cased, packed into two integers (cheap to hash); a longer word
    /// (no keyword is) keeps only its length, so it equals no keyword.
    private struct Word: Hashable, Sendable {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var length: Int

        init<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
            length = bytes.count
            guard length <= 16 else { return }
            for (offset, byte) in bytes.enumerated() {
                let lowered = UInt64(ASCIIText.lowercased(byte))
                if offset < 8 { low |= lowered << (8 * offset) } else { high |= lowered << (8 * (offset - 8)) }
            }
        }
    }

    /// ASCII letters and digits belong to words (and, in `words(of:)`, any byte beyond ASCII).
    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
    }

    /// The title's lower-cased words. Byte-level split: ASCII letters and digits, and any non-ASCII
    /// byte, belong to words.
    static func words(of title: String) -> [Substring] {
        title.lowercased().utf8.split { byte in
            byte < 0x80 && !((byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39))
        }.map { Substring($0) }
    }
}
