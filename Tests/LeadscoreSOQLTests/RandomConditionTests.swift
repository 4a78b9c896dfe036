import LeadscoreSOQL
import Testing

/// Property test: random WHERE trees (and orderings, pages) go through the real parser and translator
/// and run on SQLite; an independent evaluator in plain Swift must select the same leads in the same
/// order. A failure names its seed and query so it can be replayed.
struct RandomConditionTests {
    private let database: TestDatabase
    private let evaluator = ReferenceEvaluator(now: TestLead.now)

    init() throws {
        database = try TestDatabase()
    }

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func randomConditionsSelectWhatTheReferenceSelects(seed: UInt64) throws {
        var generator = ConditionGenerator(random: SeededGenerator(seed: seed))
        var matchedSomething = 0
        for iteration in 0..<250 {
            let condition = generator.condition()
            let soql = "SELECT Id FROM Lead WHERE " + SOQLRenderer.render(condition)
            let parsed = try SOQLParser.parse(soql)
            #expect(parsed.condition == condition, "seed \(seed) #\(iteration): parsing changed \(soql)")

            let expected = TestLead.numbers { evaluator.holds(condition, for: $0) }
            let actual = Set(try database.numbers(soql))
            #expect(actual == expected, "seed \(seed) #\(iteration): \(soql)")
            if !expected.isEmpty && expected.count < 30 { matchedSomething += 1 }
        }
        // The generator must exercise real selections, not only "all" or "none".
        #expect(matchedSomething > 100)
    }

    @Test(arguments: [UInt64(11), 12])
    func randomOrderingsAndPagesMatchTheReference(seed: UInt64) throws {
        var generator = ConditionGenerator(random: SeededGenerator(seed: seed))
        var random = SeededGenerator(seed: seed &* 7919)
        let sortable = ["LastName", "Company", "Rating", "NumberOfEmployees", "AnnualRevenue", "IsConverted",
                        "ConvertedDate", "CreatedDate", "Id", "OwnerId"]
        for iteration in 0..<120 {
            let condition = generator.condition()
            let ordering = (0..<Int.random(in: 1...3, using: &random)).map { _ in
                SOQLOrdering(field: random.pick(sortable), descending: random.chance(0.5), nullsFirst: random.chance(0.5))
            }
            let filter = " FROM Lead WHERE " + SOQLRenderer.render(condition)
            let orderBy = " ORDER BY " + ordering.map {
                "\($0.field) \($0.descending ? "DESC" : "ASC") NULLS \($0.nullsFirst ? "FIRST" : "LAST")"
            }.joined(separator: ", ")
            let limit = random.chance(0.5) ? Int.random(in: 0...12, using: &random) : nil
            let offset = random.chance(0.5) ? Int.random(in: 0...20, using: &random) : nil
            let window = (limit.map { " LIMIT \($0)" } ?? "") + (offset.map { " OFFSET \($0)" } ?? "")

            let matching = TestLead.all.filter { evaluator.holds(condition, for: $0) }
            let ordered = evaluator.sorted(matching, by: ordering).map(\.number)
            let page = Array(ordered.dropFirst(offset ?? 0).prefix(limit ?? Int.max))
            let soql = "SELECT Id" + filter + orderBy + window
            #expect(try database.numbers(soql) == page, "seed \(seed) #\(iteration): \(soql)")
            let count = "SELECT COUNT()" + filter + window
            #expect(try database.count(count) == page.count, "seed \(seed) #\(iteration): \(count)")
        }
    }
}
