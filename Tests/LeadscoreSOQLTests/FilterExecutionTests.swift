import LeadscoreSOQL
import Testing

/// WHERE conditions translated and run on a real in-memory SQLite select exactly the expected leads
/// (see `TestLead.all` for the rows).
struct FilterExecutionTests {
    private let database: TestDatabase

    init() throws {
        database = try TestDatabase()
    }

    private func selected(_ condition: String) throws -> Set<Int> {
        Set(try database.numbers("SELECT Id FROM Lead WHERE \(condition)"))
    }

    private func allBut(_ numbers: Set<Int>) -> Set<Int> {
        Set(1...30).subtracting(numbers)
    }

    @Test func textEqualityIgnoresCaseIncludingNonASCIILetters() throws {
        #expect(try selected("LastName = 'smith'") == [1, 2, 3])
        #expect(try selected("LastName = 'MÜLLER'") == [4, 5, 6])
        #expect(try selected("lastname = 'müller'") == [4, 5, 6])
        #expect(try selected("LastName IN ('garcía', 'Élodie')") == [13, 14, 30])
        #expect(try selected("LastName = 'Garcia'") == [12])
        #expect(try selected("Company IN ('acme', 'NGUYEN & sons')") == [1, 2, 13, 14, 27, 28, 29])
        #expect(try selected(#"LastName = 'O\'Brien'"#) == [9])
        #expect(try selected(#"LastName = 'x\' OR \'1\'=\'1'"#) == [])
    }

    @Test func notEqualAndNotInKeepRecordsWithoutAValue() throws {
        let hot: Set = [1, 2, 8, 11, 13, 17, 20, 23, 26, 27, 28]
        let noRating: Set = [3, 6, 9, 16, 22]
        #expect(try selected("Rating != 'Hot'") == allBut(hot))
        #expect(try selected("Rating <> 'hot'") == allBut(hot))
        #expect(try selected("Rating = null") == noRating)
        #expect(try selected("Rating = ''") == noRating)
        #expect(try selected("Rating != null") == allBut(noRating))
        #expect(try selected("Rating IN ('Warm', null)") == noRating.union([4, 7, 12, 14, 19, 24, 30]))
        #expect(try selected("Rating NOT IN ('Hot', 'Cold')") == [3, 4, 6, 7, 9, 12, 14, 16, 19, 22, 24, 30])
        #expect(try selected("Rating NOT IN ('Hot', null)") == allBut(hot.union(noRating)))
    }

    @Test func likeMatchesWildcardsCaseInsensitivelyAndHonoursEscapes() throws {
        #expect(try selected("LastName LIKE 'sm%'") == [1, 2, 3])
        #expect(try selected("LastName LIKE 'ü%'") == [25, 26])
        #expect(try selected("Company LIKE '%MÜLLER'") == [4])
        #expect(try selected(#"Company LIKE '50\%%'"#) == [7])
        #expect(try selected(#"Company LIKE '%\%%'"#) == [7, 24])
        #expect(try selected(#"Company LIKE 'under\_score%'"#) == [9])
        #expect(try selected("Company LIKE 'under_score%'") == [9, 10])
        #expect(try selected(#"Company LIKE '%\\%'"#) == [11])
        #expect(try selected(#"LastName LIKE '%\\'"#) == [29])
        #expect(try selected(#"LastName LIKE '\_%'"#) == [18])
        #expect(try selected("LastName LIKE '_'") == [22])
        #expect(try selected("LastName LIKE 'a__'") == [20, 21])
        #expect(try selected(#"Company LIKE 'tab\tco'"#) == [12])
        #expect(try selected("Company LIKE '%'") == allBut([6, 23]))
        // NOT negates the whole expression, so a lead without a last name is kept.
        #expect(try selected("NOT LastName LIKE 's%'") == allBut([1, 2, 3, 29]))
    }

    @Test func booleansTreatAMissingValueAsFalse() throws {
        let converted: Set = [3, 5, 8, 9, 12, 14, 18, 21, 26]
        #expect(try selected("IsConverted = true") == converted)
        #expect(try selected("IsConverted != null") == converted)
        #expect(try selected("IsConverted = false") == allBut(converted))
        #expect(try selected("IsConverted = null") == allBut(converted))
        #expect(try selected("IsConverted != TRUE") == allBut(converted))
        #expect(try selected("IsConverted IN (true, false)") == allBut([]))
        #expect(try selected("HasOptedOutOfEmail NOT IN (false)") == [3, 7, 14, 26])
    }

    @Test func numbersCompareNumericallyWithNullsOnlyMatchingNull() throws {
        #expect(try selected("NumberOfEmployees > 100") == [5, 9, 14])
        #expect(try selected("NumberOfEmployees <= 0") == [6, 7])
        #expect(try selected("NumberOfEmployees = 2147483648") == [9])
        #expect(try selected("NumberOfEmployees >= 100.5") == [5, 9, 14])
        #expect(try selected("NumberOfEmployees IN (1, 2.0, -5)") == [7, 19, 20, 21])
        #expect(try selected("NumberOfEmployees != 100") == allBut([12, 13]))
        #expect(try selected("NumberOfEmployees = null") == [3, 18])
        #expect(try selected("AnnualRevenue = 100") == [12, 13])
        #expect(try selected("AnnualRevenue < 1") == [6, 8])
        #expect(try selected("AnnualRevenue = 2.25") == [7])
        #expect(try selected("AnnualRevenue >= 1000000.5") == [1, 5, 9])
    }

    @Test func idsMatchInTheir15And18CharacterForms() throws {
        let fifteen = TestLead.shortId(7)
        let eighteen = RecordIds.eighteenCharacter(fifteen)
        #expect(try selected("Id = '\(fifteen)'") == [7])
        #expect(try selected("Id = '\(eighteen)'") == [7])
        // The 18-character form survives systems that change case: its suffix restores it.
        #expect(try selected("Id = '\(eighteen.uppercased())'") == [7])
        #expect(try selected("Id = '\(fifteen.uppercased())'") == [])
        #expect(try selected("Id IN ('\(TestLead.shortId(1))', '\(RecordIds.eighteenCharacter(TestLead.shortId(2)))')") == [1, 2])
        #expect(try selected("Id > '\(TestLead.shortId(28))'") == [29, 30])
        let ownerA: Set = [1, 2, 4, 7, 11, 13, 17, 19, 22, 25, 29]
        #expect(try selected("OwnerId = '0055g00000AbCdE'") == ownerA)
        #expect(try selected("OwnerId != '0055g00000AbCdE'") == allBut(ownerA))
        #expect(try selected("OwnerId = null") == [6, 14, 23])
    }

    @Test func logicIsTwoValuedAndHonoursParentheses() throws {
        #expect(try selected("NOT (Rating = 'Hot' OR IsConverted = true)") == [4, 6, 7, 10, 15, 16, 19, 22, 24, 25, 29, 30])
        #expect(try selected("(Status = 'Open' AND Rating = 'Hot') OR NumberOfEmployees > 1000") == [1, 2, 5, 8, 9, 11, 13, 17, 20, 23, 27, 28])
        #expect(try selected("Status = 'Open' AND (Rating = 'Hot' OR NumberOfEmployees > 1000)") == [1, 2, 8, 11, 13, 17, 20, 23, 27, 28])
        #expect(try selected("NOT NOT LastName = 'smith'") == [1, 2, 3])
        // Without a rating, "Rating < 'M'" is false, so its negation is true.
        #expect(try selected("NOT Rating < 'M'") == [3, 4, 6, 7, 9, 12, 14, 16, 19, 22, 24, 30])
    }
}
