import LeadscoreSOQL
import Testing

/// Names are checked against the schema and values against their field's type, with the codes and
/// messages Salesforce answers.
struct TypeCheckTests {
    private func refusal(_ soql: String) throws -> SOQLError {
        try #require(throws: SOQLError.self) { try TestDatabase.statement(soql) }
    }

    @Test func unknownObjectsAndFieldsGetSalesforcesMessages() throws {
        #expect(try refusal("SELECT Id FROM Foo") == SOQLError(
            code: "INVALID_TYPE",
            message: "sObject type 'Foo' is not supported. If you are attempting to use a custom object, be sure to "
                + "append the '__c' after the entity name. Please reference your WSDL or the describe call for the "
                + "appropriate names."
        ))
        let noSuchColumn = SOQLError(
            code: "INVALID_FIELD",
            message: "No such column 'Foo' on entity 'Lead'. If you are attempting to use a custom field, be sure to "
                + "append the '__c' after the custom field name. Please reference your WSDL or the describe call for "
                + "the appropriate names."
        )
        #expect(try refusal("SELECT Id, Foo FROM Lead") == noSuchColumn)
        #expect(try refusal("SELECT Id FROM lead WHERE Foo = 'x'") == noSuchColumn)
        #expect(try refusal("SELECT Id FROM LEAD ORDER BY Foo") == noSuchColumn)
    }

    @Test func namesResolveToTheirCanonicalSpelling() throws {
        let statement = try TestDatabase.statement("select id, LASTNAME, annualrevenue from lead where isconverted = TRUE")
        #expect(statement.selectedFields == ["Id", "LastName", "AnnualRevenue"])
        #expect(statement.sql.hasPrefix(#"SELECT "Id", "LastName", "AnnualRevenue" FROM "sobject_lead" WHERE"#))
        #expect(statement.isCount == false)
    }

    /// The message Salesforce sends for `CreatedDate > '2025-01-01'` and its relatives.
    @Test(arguments: [
        ("CreatedDate > '2025-01-01'", "CreatedDate", "dateTime", false),
        ("CreatedDate > 2025-01-01", "CreatedDate", "dateTime", false),
        ("CreatedDate IN (2025-01-01T00:00:00Z, 2025-01-01)", "CreatedDate", "dateTime", false),
        ("ConvertedDate = 2025-01-01T00:00:00Z", "ConvertedDate", "date", false),
        ("ConvertedDate < '2025-01-01'", "ConvertedDate", "date", false),
        ("AnnualRevenue > '100'", "AnnualRevenue", "double", false),
        ("NumberOfEmployees = true", "NumberOfEmployees", "integer", false),
        ("NumberOfEmployees = TODAY", "NumberOfEmployees", "integer", false),
        ("IsConverted = 'true'", "IsConverted", "boolean", false),
        ("IsConverted IN (true, 1)", "IsConverted", "boolean", false),
        ("LastName = 42", "LastName", "string", true),
        ("LastName IN ('a', 2025-01-01)", "LastName", "string", true),
        ("LastName > TODAY", "LastName", "string", true),
        ("OwnerId = 5", "OwnerId", "id", true),
    ])
    func valuesOfTheWrongTypeAreRefused(condition: String, field: String, type: String, quoted: Bool) throws {
        let quoting = quoted ? "should be enclosed in quotes" : "should not be enclosed in quotes"
        #expect(try refusal("SELECT Id FROM Lead WHERE \(condition)") == SOQLError(
            code: "INVALID_FIELD",
            message: "value of filter criterion for field '\(field)' must be of type \(type) and \(quoting)"
        ))
    }

    @Test func operatorsTheTypeDoesNotSupportAreRefused() throws {
        let like = try refusal("SELECT Id FROM Lead WHERE AnnualRevenue LIKE '1%'")
        #expect(like.code == "INVALID_QUERY_FILTER_OPERATOR")
        #expect(like.message.hasPrefix("invalid operator LIKE on double field 'AnnualRevenue'"))
        #expect(try refusal("SELECT Id FROM Lead WHERE Id LIKE '00Q%'").code == "INVALID_QUERY_FILTER_OPERATOR")
        #expect(try refusal("SELECT Id FROM Lead WHERE CreatedDate LIKE '2025%'").code == "INVALID_QUERY_FILTER_OPERATOR")
        let ordered = try refusal("SELECT Id FROM Lead WHERE IsConverted > false")
        #expect(ordered.code == "INVALID_QUERY_FILTER_OPERATOR")
        #expect(ordered.message.hasPrefix("invalid operator > on boolean field 'IsConverted'"))
        let null = try refusal("SELECT Id FROM Lead WHERE NumberOfEmployees < null")
        #expect(null == SOQLError(code: "MALFORMED_QUERY", message: "null can only be compared with = or !=, not < (field 'NumberOfEmployees')"))
    }

    @Test func anyTypeFieldsAreSelectableButNotFilterableOrSortable() throws {
        let selected = try TestDatabase.statement("SELECT OldValue, NewValue FROM LeadHistory WHERE Field = 'Status'")
        #expect(selected.selectedFields == ["OldValue", "NewValue"])
        #expect(selected.sql.contains(#"FROM "sobject_leadhistory""#))
        #expect(try refusal("SELECT Id FROM LeadHistory WHERE OldValue = 'Open'")
            == SOQLError(code: "INVALID_FIELD", message: "field 'OldValue' can not be filtered in a query call"))
        #expect(try refusal("SELECT Id FROM LeadHistory WHERE NewValue != null")
            == SOQLError(code: "INVALID_FIELD", message: "field 'NewValue' can not be filtered in a query call"))
        #expect(try refusal("SELECT Id FROM LeadHistory ORDER BY OldValue")
            == SOQLError(code: "INVALID_FIELD", message: "field 'OldValue' can not be sorted in a query call"))
    }

    @Test func idsMustLookLikeIds() throws {
        #expect(try refusal("SELECT Id FROM Lead WHERE Id = 'abc'") == SOQLError(code: "INVALID_QUERY_FILTER_OPERATOR", message: "invalid ID field: abc"))
        #expect(try refusal("SELECT Id FROM Lead WHERE OwnerId IN ('0055g00000AbCdE', '0055g00000AbCdE!!!')").message == "invalid ID field: 0055g00000AbCdE!!!")
        // The suffix says the 1st character is upper case, but it is a digit: not a valid 18-character id.
        #expect(try refusal("SELECT Id FROM Lead WHERE Id = '00Q5g00000Lq001BAA'").message == "invalid ID field: 00Q5g00000Lq001BAA")
        #expect(throws: Never.self) { try TestDatabase.statement("SELECT Id FROM Lead WHERE OwnerId = '' OR OwnerId = null") }
    }

    @Test func literalsThatCannotBeComparedExactlyAreRefused() throws {
        // 'ß' upper-cases to two letters; a case-insensitive comparison with it cannot be done letter by letter.
        let sharpS = try refusal("SELECT Id FROM Lead WHERE Company = 'Straße GmbH'")
        #expect(sharpS.code == "MALFORMED_QUERY")
        #expect(sharpS.message.contains("with the letter 'ß'"))
        let ordered = try refusal("SELECT Id FROM Lead WHERE LastName > 'Müller'")
        #expect(ordered.message.contains("non-ASCII characters"))
        let huge = try refusal("SELECT Id FROM Lead WHERE CreatedDate = LAST_N_DAYS:10000000")
        #expect(huge.code == "NUMBER_OUTSIDE_VALID_RANGE")
        #expect(huge.message.hasPrefix("LAST_N_DAYS:10000000 reaches beyond the years 0001–9999"))
    }
}
