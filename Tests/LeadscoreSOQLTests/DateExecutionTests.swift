import LeadscoreSOQL
import Testing

/// Date and dateTime filters, with fixed and relative literals, run on SQLite against leads whose
/// dates sit on both sides of each boundary around `TestLead.now` (2025-03-01T08:00:00Z).
struct DateExecutionTests {
    private let database: TestDatabase

    init() throws {
        database = try TestDatabase()
    }

    private func selected(_ condition: String) throws -> Set<Int> {
        Set(try database.numbers("SELECT Id FROM Lead WHERE \(condition)"))
    }

    @Test func dateFieldsMatchWholeDayRanges() throws {
        #expect(try selected("ConvertedDate = TODAY") == [8])
        #expect(try selected("ConvertedDate = YESTERDAY") == [3])
        #expect(try selected("ConvertedDate = LAST_MONTH") == [3, 18, 19, 24, 26])
        #expect(try selected("ConvertedDate = THIS_MONTH") == [8, 12, 20, 21, 22])
        #expect(try selected("ConvertedDate = THIS_YEAR") == [3, 5, 8, 12, 14, 18, 19, 20, 21, 22, 24, 26, 28])
        #expect(try selected("ConvertedDate = LAST_YEAR") == [9, 16, 30])
        // LAST_N_DAYS:7 is 2025-02-22 through today; 2025-02-21 is the eighth day back.
        #expect(try selected("ConvertedDate = LAST_N_DAYS:7") == [3, 8, 18, 24])
        // NEXT_N_DAYS:7 is 2025-03-02 through 2025-03-08; 2025-03-09 is outside.
        #expect(try selected("ConvertedDate = NEXT_N_DAYS:7") == [20, 22])
        #expect(try selected("ConvertedDate IN (TODAY, 2024-02-29)") == [8, 30])
    }

    @Test func comparisonsWithARangeUseTheDocumentedSide() throws {
        let beforeMarch: Set = [3, 5, 9, 16, 17, 18, 19, 24, 26, 28, 30]
        #expect(try selected("ConvertedDate < THIS_MONTH") == beforeMarch)
        #expect(try selected("ConvertedDate <= THIS_MONTH") == beforeMarch.union([8, 12, 20, 21, 22]))
        #expect(try selected("ConvertedDate > THIS_MONTH") == [14])
        #expect(try selected("ConvertedDate >= THIS_MONTH") == [8, 12, 14, 20, 21, 22])
        let withoutDate: Set = [1, 2, 4, 6, 7, 10, 11, 13, 15, 23, 25, 27, 29]
        #expect(try selected("ConvertedDate != TODAY") == Set(1...30).subtracting([8]))
        #expect(try selected("ConvertedDate NOT IN (THIS_YEAR)") == withoutDate.union([9, 16, 17, 30]))
    }

    @Test func fixedDatesCompareAsDays() throws {
        #expect(try selected("ConvertedDate = 2024-02-29") == [30])
        #expect(try selected("ConvertedDate > 2025-03-08") == [12, 14, 21])
        #expect(try selected("ConvertedDate = null") == [1, 2, 4, 6, 7, 10, 11, 13, 15, 23, 25, 27, 29])
    }

    @Test func dateTimeFieldsMatchDayRangesToTheMillisecond() throws {
        // TODAY: from 2025-03-01T00:00:00.000Z (lead 2) to 23:59:59.999Z (lead 4); not lead 1 or 5.
        #expect(try selected("CreatedDate = TODAY") == [2, 3, 4, 17, 27, 28])
        #expect(try selected("CreatedDate = YESTERDAY") == [1, 30])
        #expect(try selected("CreatedDate = TOMORROW") == [5])
        #expect(try selected("CreatedDate = LAST_N_DAYS:7") == [1, 2, 3, 4, 7, 17, 24, 27, 28, 30])
        #expect(try selected("CreatedDate = NEXT_N_DAYS:7") == [5, 11])
        #expect(try selected("CreatedDate > TODAY") == [5, 11, 12, 20, 21])
        #expect(try selected("CreatedDate = LAST_YEAR") == [9, 15, 22, 29])
        #expect(try selected("CreatedDate = null") == [6, 18])
    }

    @Test func dateTimeLiteralsAreInstantsWhateverTheirOffset() throws {
        #expect(try selected("CreatedDate = 2025-03-01T08:00:00Z") == [17])
        #expect(try selected("CreatedDate = 2025-03-01T09:00:00+01:00") == [17])
        #expect(try selected("CreatedDate = 2025-03-01T00:00:00.000-08:00") == [17])
        #expect(try selected("CreatedDate > 2025-03-01T08:00:00Z") == [4, 5, 11, 12, 20, 21, 28])
        #expect(try selected("CreatedDate = 2025-02-10T00:00:00.001Z") == [26])
        #expect(try selected("CreatedDate < 2024-01-01T00:00:00Z") == [16])
    }

    @Test func relativeLiteralsFollowTheGivenNow() throws {
        // The same query a day later: today is 2025-03-02.
        let nextDay = TestLead.now.addingTimeInterval(86_400)
        #expect(Set(try database.numbers("SELECT Id FROM Lead WHERE CreatedDate = TODAY", now: nextDay)) == [5])
        #expect(Set(try database.numbers("SELECT Id FROM Lead WHERE ConvertedDate = YESTERDAY", now: nextDay)) == [8])
    }
}
