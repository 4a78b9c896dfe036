import LeadscoreSOQL
import Testing

/// Every construct of the supported subset parses into the query it means.
struct ParserTests {
    @Test func parsesFieldsObjectAndKeywordsInAnyCase() throws {
        let query = try SOQLParser.parse("select Id, lastname,Company FROM lead")
        #expect(query == SOQLQuery(selection: .fields(["Id", "lastname", "Company"]), object: "lead"))
        let multiline = try SOQLParser.parse("SeLeCt Id\n  FrOm Lead\n  wHeRe Status = 'Open'\n  LiMiT 5")
        #expect(multiline.condition == .field("Status", .compare(.equal, .string("Open"))))
        #expect(multiline.limit == 5)
    }

    @Test func parsesCount() throws {
        #expect(try SOQLParser.parse("SELECT COUNT() FROM Lead").selection == .count)
        #expect(try SOQLParser.parse("SELECT count ( ) FROM Lead WHERE IsConverted = true").selection == .count)
    }

    @Test(arguments: [
        ("=", SOQLComparisonOperator.equal), ("!=", .notEqual), ("<>", .notEqual), ("<", .lessThan),
        ("<=", .lessOrEqual), (">", .greaterThan), (">=", .greaterOrEqual),
    ])
    func parsesComparisonOperators(text: String, comparison: SOQLComparisonOperator) throws {
        let query = try SOQLParser.parse("SELECT Id FROM Lead WHERE NumberOfEmployees \(text) 10")
        #expect(query.condition == .field("NumberOfEmployees", .compare(comparison, .integer(10))))
    }

    @Test func parsesValuesByHowTheyAreWritten() throws {
        func value(_ text: String) throws -> SOQLValue? {
            guard case .field(_, .compare(_, let value))? = try SOQLParser.parse("SELECT Id FROM Lead WHERE F = \(text)").condition
            else { return nil }
            return value
        }
        #expect(try value("'42'") == .string("42"))
        #expect(try value("42") == .integer(42))
        #expect(try value("-7") == .integer(-7))
        #expect(try value("2.5") == .decimal(2.5))
        #expect(try value("-0.25") == .decimal(-0.25))
        #expect(try value("99999999999999999999") == .decimal(1e20))
        #expect(try value("TRUE") == .boolean(true))
        #expect(try value("false") == .boolean(false))
        #expect(try value("Null") == .null)
        #expect(try value("2024-02-29") == .date(SOQLDay(year: 2024, month: 2, day: 29)!))
    }

    @Test(arguments: [
        ("2025-03-04T15:22:10Z", Int64(1_741_101_730_000)),
        ("2025-03-04T15:22:10.5Z", 1_741_101_730_500),
        ("2025-03-04T15:22:10.123z", 1_741_101_730_123),
        ("2025-03-04T16:22:10+01:00", 1_741_101_730_000),
        ("2025-03-04T07:22:10.000-08:00", 1_741_101_730_000),
        ("1969-12-31T23:59:59Z", -1_000),
    ])
    func parsesDateTimesWithZones(text: String, milliseconds: Int64) throws {
        let query = try SOQLParser.parse("SELECT Id FROM Lead WHERE CreatedDate > \(text)")
        #expect(query.condition == .field("CreatedDate", .compare(.greaterThan, .dateTime(millisecondsSinceEpoch: milliseconds))))
    }

    @Test(arguments: [
        ("TODAY", SOQLDateLiteral.today), ("yesterday", .yesterday), ("Tomorrow", .tomorrow),
        ("LAST_N_DAYS:30", .lastNDays(30)), ("next_n_days : 7", .nextNDays(7)), ("LAST_N_DAYS:0", .lastNDays(0)),
        ("THIS_MONTH", .thisMonth), ("LAST_MONTH", .lastMonth), ("THIS_YEAR", .thisYear), ("LAST_YEAR", .lastYear),
    ])
    func parsesRelativeDateLiterals(text: String, literal: SOQLDateLiteral) throws {
        let query = try SOQLParser.parse("SELECT Id FROM Lead WHERE CreatedDate = \(text)")
        #expect(query.condition == .field("CreatedDate", .compare(.equal, .dateLiteral(literal))))
    }

    @Test func parsesInNotInAndLike() throws {
        let query = try SOQLParser.parse("""
            SELECT Id FROM Lead WHERE Rating IN ('Hot', null) AND Status NOT IN ('Closed') AND Company LIKE 'Ac\\_me%_'
            """)
        #expect(query.condition == .and([
            .field("Rating", .isIn([.string("Hot"), .null])),
            .field("Status", .notIn([.string("Closed")])),
            .field("Company", .like(SOQLLikePattern([.text("Ac_me"), .anyCharacters, .anyCharacter]))),
        ]))
    }

    @Test func parsesLogicWithParenthesesAndNot() throws {
        let query = try SOQLParser.parse("""
            SELECT Id FROM Lead WHERE (A = 1 OR B = 2) AND NOT C = 3 AND NOT (D = 4 AND E = 5) AND ((F = 6))
            """)
        let field = { (name: String, value: Int64) in SOQLCondition.field(name, .compare(.equal, .integer(value))) }
        #expect(query.condition == .and([
            .or([field("A", 1), field("B", 2)]),
            .not(field("C", 3)),
            .not(.and([field("D", 4), field("E", 5)])),
            field("F", 6),
        ]))
        let chain = try SOQLParser.parse("SELECT Id FROM Lead WHERE A = 1 OR B = 2 OR NOT NOT C = 3")
        #expect(chain.condition == .or([field("A", 1), field("B", 2), .not(.not(field("C", 3)))]))
    }

    @Test func parsesOrderingWithDocumentedDefaults() throws {
        let query = try SOQLParser.parse("""
            SELECT Id FROM Lead ORDER BY Name, Rating desc, CreatedDate ASC NULLS LAST, Company DESC NULLS FIRST
            """)
        #expect(query.ordering == [
            SOQLOrdering(field: "Name", descending: false, nullsFirst: true),
            SOQLOrdering(field: "Rating", descending: true, nullsFirst: true),
            SOQLOrdering(field: "CreatedDate", descending: false, nullsFirst: false),
            SOQLOrdering(field: "Company", descending: true, nullsFirst: true),
        ])
    }

    @Test func parsesLimitAndOffsetAtTheirBounds() throws {
        let query = try SOQLParser.parse("SELECT Id FROM Lead WHERE IsConverted = false ORDER BY Id LIMIT 50000000 OFFSET 2000")
        #expect(query.limit == SOQLParser.maximumLimit)
        #expect(query.offset == SOQLParser.maximumOffset)
        #expect(try SOQLParser.parse("SELECT Id FROM Lead OFFSET 0").offset == 0)
        #expect(try SOQLParser.parse("SELECT Id FROM Lead LIMIT 0").limit == 0)
    }
}
