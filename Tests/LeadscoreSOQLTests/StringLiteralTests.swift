import LeadscoreSOQL
import Testing

/// Single-quoted literals decode the escapes of "Quoted String Escape Sequences", and LIKE patterns
/// keep escaped wildcards apart from real ones.
struct StringLiteralTests {
    private func text(_ literal: String) throws -> String? {
        guard case .field(_, .compare(_, .string(let text)))? = try SOQLParser.parse("SELECT Id FROM Lead WHERE Name = \(literal)").condition
        else { return nil }
        return text
    }

    private func pattern(_ literal: String) throws -> SOQLLikePattern? {
        guard case .field(_, .like(let pattern))? = try SOQLParser.parse("SELECT Id FROM Lead WHERE Name LIKE \(literal)").condition
        else { return nil }
        return pattern
    }

    @Test func decodesEveryDocumentedEscape() throws {
        #expect(try text(#"'O\'Brien'"#) == "O'Brien")
        #expect(try text(#"'back\\slash'"#) == "back\\slash")
        #expect(try text(#"'a\nb\Nc'"#) == "a\nb\nc")
        #expect(try text(#"'a\tb\Tc\rd\Re'"#) == "a\tb\tc\rd\re")
        #expect(try text(#"'\b\f'"#) == "\u{8}\u{C}")
        #expect(try text(#"'say \"hi\"'"#) == "say \"hi\"")
        #expect(try text(#"'caf\u00e9'"#) == "café")
        #expect(try text("''") == "")
        #expect(try text("'50% off_'") == "50% off_")  // wildcards mean nothing outside LIKE
        #expect(try text("'Müller 東京'") == "Müller 東京")
    }

    @Test func separatesEscapedFromRealWildcardsInLike() throws {
        // The reference's examples: 'Ter%' begins with Ter, 'Ter\%' is exactly Ter%, 'Ter\%%' begins with Ter%.
        #expect(try pattern("'Ter%'") == SOQLLikePattern([.text("Ter"), .anyCharacters]))
        #expect(try pattern(#"'Ter\%'"#) == SOQLLikePattern([.text("Ter%")]))
        #expect(try pattern(#"'Ter\%%'"#) == SOQLLikePattern([.text("Ter%"), .anyCharacters]))
        #expect(try pattern(#"'a\_b_c'"#) == SOQLLikePattern([.text("a_b"), .anyCharacter, .text("c")]))
        #expect(try pattern(#"'%\\%'"#) == SOQLLikePattern([.anyCharacters, .text("\\"), .anyCharacters]))
        #expect(try pattern("''") == SOQLLikePattern([]))
    }

    @Test(arguments: [#"'\q'"#, #"'\u00g1'"#, #"'\u12'"#, #"'\uD800'"#, #"'\u+123'"#])
    func refusesUnknownEscapes(literal: String) throws {
        let error = try #require(throws: SOQLError.self) { try text(literal) }
        #expect(error.code == "MALFORMED_QUERY")
        #expect(error.message.contains("invalid escape sequence"))
    }

    @Test func refusesWildcardEscapesOutsideLike() throws {
        let error = try #require(throws: SOQLError.self) { try text(#"'50\% off'"#) }
        #expect(error.code == "MALFORMED_QUERY")
        #expect(error.message.contains("only allowed in a LIKE pattern"))
    }

    @Test func refusesUnterminatedAndDoubleQuotedText() throws {
        let unterminated = try #require(throws: SOQLError.self) { try SOQLParser.parse("SELECT Id FROM Lead WHERE Name = 'abc") }
        #expect(unterminated.message.hasPrefix("unterminated string literal starting at row 1, column 34"))
        let escapedEnd = try #require(throws: SOQLError.self) { try SOQLParser.parse(#"SELECT Id FROM Lead WHERE Name = 'abc\'"#) }
        #expect(escapedEnd.message.hasPrefix("unterminated string literal"))
        let doubleQuoted = try #require(throws: SOQLError.self) { try SOQLParser.parse(#"SELECT Id FROM Lead WHERE Name = "abc""#) }
        #expect(doubleQuoted.message.contains("double quotes are not allowed"))
    }
}
