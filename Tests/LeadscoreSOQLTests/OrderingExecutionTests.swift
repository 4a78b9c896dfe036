import GRDB
import LeadscoreSOQL
import Testing

/// Selected columns, ORDER BY, LIMIT/OFFSET and COUNT() behave as documented when run on SQLite.
struct OrderingExecutionTests {
    private let database: TestDatabase

    init() throws {
        database = try TestDatabase()
    }

    @Test func columnsComeBackInSelectOrderAsStored() throws {
        let rows = try database.rows("SELECT CreatedDate, LastName, IsConverted, Id FROM Lead WHERE Id = '\(TestLead.shortId(1))'")
        #expect(rows == [[
            1_740_787_199_999.databaseValue, "Smith".databaseValue, 0.databaseValue, TestLead.all[0].id.databaseValue,
        ]])
    }

    @Test func withoutOrderByRowsComeInStorageOrder() throws {
        #expect(try database.numbers("SELECT Id FROM Lead") == Array(1...30))
        #expect(try database.numbers("SELECT Id FROM Lead WHERE Status = 'Closed'") == [5, 9, 14, 18, 26])
        #expect(try database.numbers("SELECT Id FROM Lead LIMIT 3 OFFSET 4") == [5, 6, 7])
    }

    @Test func textSortsCaseInsensitivelyByItsUpperCaseForm() throws {
        let working = "SELECT Id FROM Lead WHERE Status = 'Working' ORDER BY LastName"
        #expect(try database.numbers(working) == [21, 12, 7, 16, 24, 3])
        #expect(try database.numbers(working + " DESC") == [3, 24, 16, 7, 12, 21])
        // "SOQL uses the UTF-8 values of the uppercase characters": '_' (0x5F) sorts after 'Z', unlike in
        // a lower-case comparison.
        #expect(try database.numbers("SELECT Id FROM Lead WHERE LastName IN ('_Under', 'Zz', 'abc', '~Tilde') ORDER BY LastName")
            == [20, 23, 18, 19])
        // Equal keys ('Smith', 'smith', 'SMITH') keep storage order, in either direction.
        #expect(try database.numbers("SELECT Id FROM Lead WHERE LastName = 'smith' ORDER BY LastName DESC") == [1, 2, 3])
    }

    @Test func nullsSortFirstUnlessAskedOtherwise() throws {
        let closed = "SELECT Id FROM Lead WHERE Status = 'Closed' ORDER BY Rating"
        #expect(try database.numbers(closed + ", LastName") == [9, 5, 18, 26, 14])
        #expect(try database.numbers(closed + " NULLS LAST, LastName") == [5, 18, 26, 14, 9])
        #expect(try database.numbers(closed + " DESC, LastName") == [9, 14, 26, 5, 18])
        #expect(try database.numbers(closed + " DESC NULLS LAST, LastName DESC") == [14, 26, 18, 5, 9])
        #expect(try database.numbers("SELECT Id FROM Lead ORDER BY CreatedDate LIMIT 3") == [6, 18, 16])
        #expect(try database.numbers("SELECT Id FROM Lead ORDER BY CreatedDate DESC NULLS LAST LIMIT 3") == [21, 20, 12])
    }

    @Test func otherTypesSortByValue() throws {
        #expect(try database.numbers("SELECT Id FROM Lead ORDER BY NumberOfEmployees DESC NULLS LAST LIMIT 4") == [9, 5, 14, 12])
        #expect(try database.numbers("SELECT Id FROM Lead ORDER BY AnnualRevenue NULLS LAST LIMIT 3") == [6, 8, 20])
        #expect(try database.numbers("SELECT Id FROM Lead ORDER BY IsConverted DESC LIMIT 3") == [3, 5, 8])
        #expect(try database.numbers("SELECT Id FROM Lead ORDER BY ConvertedDate DESC NULLS LAST LIMIT 3") == [14, 12, 21])
        #expect(try database.numbers("SELECT Id FROM Lead ORDER BY Id DESC LIMIT 2") == [30, 29])
    }

    @Test func pagesWithLimitAndOffsetTileTheOrderedResult() throws {
        let order = "SELECT Id FROM Lead WHERE Status != 'Closed' ORDER BY NumberOfEmployees, LastName DESC"
        let all = try database.numbers(order)
        #expect(all.count == 25)
        var paged: [Int] = []
        for offset in stride(from: 0, to: 30, by: 7) {
            paged += try database.numbers(order + " LIMIT 7 OFFSET \(offset)")
        }
        #expect(paged == all)
        #expect(try database.numbers(order + " OFFSET 23") == Array(all.suffix(2)))
        #expect(try database.numbers(order + " LIMIT 0") == [])
    }

    @Test func countCountsWhatTheSameQueryWouldReturn() throws {
        #expect(try database.count("SELECT COUNT() FROM Lead") == 30)
        #expect(try database.count("SELECT count() FROM lead WHERE Rating = null") == 5)
        #expect(try database.count("SELECT COUNT() FROM Lead WHERE CreatedDate = TODAY") == 6)
        #expect(try database.count("SELECT COUNT() FROM Lead LIMIT 3") == 3)
        #expect(try database.count("SELECT COUNT() FROM Lead OFFSET 28") == 2)
        #expect(try database.count("SELECT COUNT() FROM Lead WHERE IsConverted = false LIMIT 10 OFFSET 15") == 6)
        let statement = try TestDatabase.statement("SELECT COUNT() FROM Lead WHERE Status = 'Open'")
        #expect(statement.isCount)
        #expect(statement.selectedFields.isEmpty)
    }

    @Test func everyLiteralTravelsAsAnArgument() throws {
        let statement = try TestDatabase.statement(#"SELECT Id FROM Lead WHERE LastName = 'Robert\'); DROP TABLE sobject_lead; --' LIMIT 5"#)
        #expect(!statement.sql.contains("DROP"))
        #expect(statement.arguments == [.text("ROBERT'); DROP TABLE SOBJECT_LEAD; --"), .integer(5)])
        #expect(try database.numbers(#"SELECT Id FROM Lead WHERE LastName = 'Robert\'); DROP TABLE sobject_lead; --'"#) == [])
        #expect(try database.count("SELECT COUNT() FROM Lead") == 30)
    }
}
