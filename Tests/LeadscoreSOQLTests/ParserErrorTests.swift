import LeadscoreSOQL
import Testing

/// What the parser refuses, with Salesforce's error code and a message that names the problem.
struct ParserErrorTests {
    private func refusal(_ soql: String) throws -> SOQLError {
        try #require(throws: SOQLError.self) { try SOQLParser.parse(soql) }
    }

    @Test func namesTheUnexpectedTokenAndWhereItIs() throws {
        let error = try refusal("SELECT Id FROMM Lead")
        #expect(error == SOQLError(code: "MALFORMED_QUERY", message: "unexpected token: 'FROMM' at row 1, column 11; expected FROM"))
        let multiline = try refusal("SELECT Id\nFROM Lead\nWHERE Status = = 'Open'")
        #expect(multiline.message.hasPrefix("unexpected token: '=' at row 3, column 16"))
        #expect(try refusal("SELECT Id FROM Lead WHERE").message.hasPrefix("unexpected token: end of query"))
        #expect(try refusal("").message.hasPrefix("unexpected token: end of query at row 1, column 1; expected SELECT"))
        #expect(try refusal("SELECT Id FROM Lead LIMIT 5 garbage").code == "MALFORMED_QUERY")
    }

    @Test func refusesSelectStarDuplicatesAndMixedCount() throws {
        #expect(try refusal("SELECT * FROM Lead").message.contains("SOQL has no SELECT *"))
        #expect(try refusal("SELECT Id, Name, name FROM Lead") == SOQLError(code: "MALFORMED_QUERY", message: "duplicate field selected: name"))
        #expect(try refusal("SELECT Id, COUNT() FROM Lead").message.contains("COUNT() at row 1, column 12 must be the only item"))
        #expect(try refusal("SELECT COUNT(), COUNT() FROM Lead").message == "duplicate field selected: COUNT()")
        #expect(try refusal("SELECT COUNT() FROM Lead ORDER BY Name").message.contains("ORDER BY Name cannot be used with COUNT()"))
    }

    /// Each valid-SOQL construct this server does not implement is refused by name, never half-answered.
    @Test(arguments: [
        ("SELECT COUNT(Id) FROM Lead", "aggregate function COUNT"),
        ("SELECT MAX(AnnualRevenue) FROM Lead", "aggregate function MAX"),
        ("SELECT toLabel(Status) FROM Lead", "function toLabel() in SELECT"),
        ("SELECT FIELDS(ALL) FROM Lead LIMIT 200", "function FIELDS() in SELECT"),
        ("SELECT Id, (SELECT Id FROM Tasks) FROM Lead", "subquery in SELECT"),
        ("SELECT Owner.Name FROM Lead", "relationship field 'Owner.Name'"),
        ("SELECT Id FROM Lead WHERE Owner.Name = 'x'", "relationship field 'Owner.Name'"),
        ("SELECT Id FROM Lead ORDER BY Owner.Name", "relationship field 'Owner.Name'"),
        ("SELECT TYPEOF Owner WHEN User THEN Name END FROM Lead", "TYPEOF"),
        ("SELECT Status FROM Lead GROUP BY Status", "GROUP BY"),
        ("SELECT Id FROM Lead HAVING COUNT(Id) > 1", "HAVING"),
        ("SELECT Id FROM Lead WITH SECURITY_ENFORCED", "WITH clause"),
        ("SELECT Id FROM Lead LIMIT 1 FOR UPDATE", "FOR VIEW / FOR REFERENCE / FOR UPDATE"),
        ("SELECT Id FROM Lead USING SCOPE Mine", "USING SCOPE"),
        ("SELECT Id FROM Lead ALL ROWS", "ALL ROWS"),
        ("SELECT Id FROM Lead UPDATE TRACKING", "UPDATE TRACKING"),
        ("SELECT l.Id FROM Lead l", "relationship field 'l.Id'"),
        ("SELECT Id FROM Lead l", "object alias 'l'"),
        ("SELECT Id FROM Lead, Account", "several objects"),
        ("SELECT Id FROM Lead WHERE Id IN (SELECT LeadId FROM LeadHistory)", "semi-join"),
        ("SELECT Id FROM Lead WHERE Id NOT IN (SELECT LeadId FROM LeadHistory)", "semi-join"),
        ("SELECT Id FROM Lead WHERE (SELECT Id FROM Lead) = 1", "subquery in WHERE"),
        ("SELECT Id FROM Lead WHERE Product_Interest__c INCLUDES ('A')", "operator INCLUDES"),
        ("SELECT Id FROM Lead WHERE Product_Interest__c excludes ('A')", "operator EXCLUDES"),
        ("SELECT Id FROM Lead WHERE CALENDAR_YEAR(CreatedDate) = 2025", "function CALENDAR_YEAR() in WHERE"),
        ("SELECT Id FROM Lead ORDER BY MAX(Name)", "function MAX() in ORDER BY"),
        ("SELECT Id FROM Lead WHERE Name = :name", "bind variable"),
        ("SELECT Id FROM Lead WHERE Name IN :names", "bind variable"),
        ("SELECT Id FROM Lead LIMIT :size", "bind variable"),
        ("SELECT Id FROM Lead WHERE CreatedDate = THIS_WEEK", "date literal THIS_WEEK"),
        ("SELECT Id FROM Lead WHERE CreatedDate = LAST_90_DAYS", "date literal LAST_90_DAYS"),
        ("SELECT Id FROM Lead WHERE CreatedDate = NEXT_N_MONTHS:2", "date literal NEXT_N_MONTHS"),
        ("SELECT Id FROM Lead WHERE CreatedDate = N_DAYS_AGO:3", "date literal N_DAYS_AGO"),
    ])
    func refusesUnsupportedConstructsByName(soql: String, named construct: String) throws {
        let error = try refusal(soql)
        #expect(error.code == "MALFORMED_QUERY")
        #expect(error.message.contains(construct), "\(error.message)")
    }

    @Test func refusesMixingAndWithOrWithoutParentheses() throws {
        let error = try refusal("SELECT Id FROM Lead WHERE A = 1 AND B = 2 OR C = 3")
        #expect(error.code == "MALFORMED_QUERY")
        #expect(error.message.hasPrefix("unexpected token: 'OR' at row 1, column 43"))
        #expect(error.message.contains("(A AND B) OR C"))
        #expect(throws: SOQLError.self) { try SOQLParser.parse("SELECT Id FROM Lead WHERE A = 1 OR B = 2 AND C = 3") }
        #expect(throws: Never.self) { try SOQLParser.parse("SELECT Id FROM Lead WHERE (A = 1 AND B = 2) OR C = 3") }
    }

    @Test func refusesMalformedConditions() throws {
        #expect(try refusal("SELECT Id FROM Lead WHERE Name NOT LIKE 'a%'").message.contains("NOT Name LIKE"))
        #expect(try refusal("SELECT Id FROM Lead WHERE Name LIKE Name").message.contains("LIKE takes a quoted pattern"))
        #expect(try refusal("SELECT Id FROM Lead WHERE Name IN ()").code == "MALFORMED_QUERY")
        #expect(try refusal("SELECT Id FROM Lead WHERE Name = LastName").message.contains("a value is a literal"))
        #expect(try refusal("SELECT Id FROM Lead WHERE Name ! 'x'").message.contains("did you mean '!='?"))
        #expect(try refusal("SELECT Id FROM Lead WHERE (Name = 'x'").message.contains("expected ')'"))
        #expect(try refusal("SELECT Id FROM Lead WHERE CreatedDate = LAST_N_DAYS").message.contains("expected ':'"))
        #expect(try refusal("SELECT Id FROM Lead WHERE CreatedDate = LAST_N_DAYS:-1").message.contains("non-negative whole number"))
        #expect(try refusal("SELECT Id FROM Lead WHERE CreatedDate = LAST_N_DAYS:1.5").message.contains("non-negative whole number"))
    }

    @Test(arguments: [
        "2025-02-30", "2025-13-01", "0000-01-01", "2025-03-04T24:00:00Z", "2025-03-04T10:60:00Z",
        "2025-03-04T10:00:00", "2025-03-04T10:00Z", "2025-03-04T10:00:00.1234Z", "2025-03-04T10:00:00.Z",
        "2025-03-04T10:00:00+0100", "2025-03-04T10:00:00+01", "2025-03-04T10:00:00+19:00", "2025-03-04T10:00:00Zabc",
    ])
    func refusesInvalidDatesAndDateTimes(literal: String) throws {
        let error = try refusal("SELECT Id FROM Lead WHERE CreatedDate > \(literal)")
        #expect(error.code == "MALFORMED_QUERY")
        #expect(error.message.hasPrefix("invalid date"), "\(error.message)")
    }

    @Test func refusesLimitsAndOffsetsOutOfRange() throws {
        let offset = try refusal("SELECT Id FROM Lead ORDER BY Id OFFSET 2001")
        #expect(offset.code == "NUMBER_OUTSIDE_VALID_RANGE")
        #expect(offset.message.hasPrefix("Maximum SOQL offset allowed is 2000"))
        #expect(try refusal("SELECT Id FROM Lead LIMIT 50000001").code == "NUMBER_OUTSIDE_VALID_RANGE")
        #expect(try refusal("SELECT Id FROM Lead LIMIT 99999999999999999999999").code == "NUMBER_OUTSIDE_VALID_RANGE")
        #expect(try refusal("SELECT Id FROM Lead LIMIT -1").message.contains("non-negative whole number"))
        #expect(try refusal("SELECT Id FROM Lead LIMIT 1.5").message.contains("non-negative whole number"))
        #expect(try refusal("SELECT Id FROM Lead LIMIT 'ten'").message.contains("non-negative whole number"))
    }

    @Test func requiresClausesInOrderAndOnce() throws {
        #expect(try refusal("SELECT Id FROM Lead LIMIT 5 WHERE Name = 'x'").message.contains("clauses go in the order"))
        #expect(try refusal("SELECT Id FROM Lead OFFSET 5 LIMIT 5").message.contains("clauses go in the order"))
        #expect(try refusal("SELECT Id FROM Lead LIMIT 5 LIMIT 6").message.contains("clauses go in the order"))
        #expect(try refusal("SELECT Id FROM Lead ORDER Name").message.contains("expected BY"))
        #expect(try refusal("SELECT Id FROM Lead ORDER BY Name NULLS MIDDLE").message.contains("expected FIRST"))
    }
}
