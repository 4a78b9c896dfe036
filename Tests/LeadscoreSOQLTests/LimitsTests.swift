import GRDB
import LeadscoreSOQL
import Testing

/// Oversized or over-nested queries are refused with Salesforce's codes before SQLite sees them, and
/// whatever is accepted runs: a client gets a 400 for a query that is too big, never a server error.
struct LimitsTests {
    private let database: TestDatabase

    init() throws {
        database = try TestDatabase()
    }

    @Test func statementsAndStringsFollowSalesforcesLengthLimits() throws {
        let longest = "SELECT Id FROM Lead WHERE Company = 'x'" + String(repeating: " ", count: 100_000 - 39)
        #expect(throws: Never.self) { try SOQLParser.parse(longest) }
        let tooLong = try #require(throws: SOQLError.self) { try SOQLParser.parse(longest + " ") }
        #expect(tooLong.code == "MALFORMED_QUERY")
        #expect(tooLong.message.hasPrefix("SOQL statements cannot exceed 100000 characters"))

        let text = String(repeating: "ü", count: 4_000)
        #expect(try database.numbers("SELECT Id FROM Lead WHERE Company = '\(text)'") == [])
        #expect(try database.numbers("SELECT Id FROM Lead WHERE Company LIKE '\(text)'") == [])
        let tooLongString = try #require(throws: SOQLError.self) { try SOQLParser.parse("SELECT Id FROM Lead WHERE Company = '\(text)ü'") }
        #expect(tooLongString.code == "MALFORMED_QUERY")
        #expect(tooLongString.message.contains("has 4001 characters, more than the 4000 a WHERE clause allows"))
    }

    @Test func longChainsRunAsBalancedTrees() throws {
        let chain = (0..<3_000).map { "NumberOfEmployees = \($0 - 10)" }.joined(separator: " OR ")
        #expect(Set(try database.numbers("SELECT Id FROM Lead WHERE \(chain)")) == TestLead.numbers { (-10..<2_990).contains($0.employees ?? -1_000) })
        let names = (0..<3_000).map { "LastName != 'nobody\($0)é'" }.joined(separator: " AND ")
        #expect(try database.count("SELECT COUNT() FROM Lead WHERE \(names)") == 30)
    }

    @Test func moreValuesThanSQLiteCanBindAreRefused() throws {
        let values = Array(repeating: "1", count: 32_767).joined(separator: ",")
        let error = try #require(throws: SOQLError.self) { try TestDatabase.statement("SELECT Id FROM Lead WHERE NumberOfEmployees IN (\(values))") }
        #expect(error.code == "QUERY_TOO_COMPLICATED")
        #expect(error.message.contains("32767 values"))
    }

    @Test func parserRefusesNestingBeyondItsBound() throws {
        let nested = String(repeating: "NOT (", count: 33) + "Rating = 'Hot'" + String(repeating: ")", count: 33)
        let error = try #require(throws: SOQLError.self) { try SOQLParser.parse("SELECT Id FROM Lead WHERE \(nested)") }
        #expect(error.code == "QUERY_TOO_COMPLICATED")
        // A double negation is the identity, so a long run of NOTs costs SQLite nothing.
        let negations = String(repeating: "NOT ", count: 30) + "Rating = 'Hot'"
        #expect(Set(try database.numbers("SELECT Id FROM Lead WHERE \(negations)")) == [1, 2, 8, 11, 13, 17, 20, 23, 26, 27, 28])
    }

    /// The shapes that fill SQLite's parser stack fastest, at every depth: each is either refused as
    /// too complicated or runs, and the bound still leaves room for realistic nesting.
    @Test func everyAcceptedNestingRunsOnSQLite() throws {
        let leaf = SOQLCondition.field("LastName", .like(SOQLLikePattern([.text("Mü"), .anyCharacters])))
        let other = SOQLCondition.field("Rating", .notIn([.string("é"), .null]))
        let shapes: [(String, (SOQLCondition) -> SOQLCondition)] = [
            ("AND/NOT OR/NOT", { .and([leaf, .not(.or([other, .not($0)]))]) }),
            ("OR/NOT AND", { .or([other, .not(.and([leaf, $0]))]) }),
            ("AND/OR", { .and([leaf, .or([other, $0])]) }),
        ]
        for (name, wrap) in shapes {
            var condition = leaf
            var deepestAccepted = 0
            for depth in 1...20 {
                condition = wrap(condition)
                for selection in [SOQLQuery.Selection.fields(["Id"]), .count] {
                    let query = SOQLQuery(selection: selection, object: "Lead", condition: condition, limit: 5)
                    do {
                        let statement = try SOQLTranslator.translate(query, schemas: [TestLead.schema], table: { _ in "sobject_lead" }, now: TestLead.now)
                        try database.queue.read { db in _ = try Row.fetchAll(db, sql: statement.sql, arguments: statement.arguments.statementArguments) }
                        deepestAccepted = max(deepestAccepted, depth)
                    } catch let error as SOQLError {
                        #expect(error.code == "QUERY_TOO_COMPLICATED", "\(name) at depth \(depth): \(error)")
                    }
                }
            }
            #expect((8..<20).contains(deepestAccepted), "\(name): deepest accepted \(deepestAccepted)")
        }
    }
}
