import Foundation
import GRDB
import LeadscoreSOQL

/// The test leads in a real in-memory SQLite, stored by the conventions ``SOQLFieldType`` documents,
/// and a way to run SOQL against them end to end: parse, translate, execute.
struct TestDatabase {
    let queue: DatabaseQueue

    /// A fresh database holding `leads` in table `sobject_lead` (a name unlike the object's, so the
    /// tests also check that the translator uses the `table` mapping).
    init(leads: [TestLead] = TestLead.all) throws {
        queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE sobject_lead (
                    "Id" TEXT NOT NULL, "LastName" TEXT, "Company" TEXT, "Status" TEXT, "Rating" TEXT,
                    "NumberOfEmployees" INTEGER, "AnnualRevenue" REAL, "IsConverted" INTEGER,
                    "HasOptedOutOfEmail" INTEGER, "ConvertedDate" TEXT, "CreatedDate" INTEGER, "OwnerId" TEXT)
                """)
            for lead in leads {
                let values: [(any DatabaseValueConvertible)?] = [
                    lead.id, lead.lastName, lead.company, lead.status, lead.rating, lead.employees, lead.revenue,
                    lead.converted.map { $0 ? 1 : 0 }, lead.optedOut.map { $0 ? 1 : 0 }, lead.convertedDate,
                    lead.createdMilliseconds, lead.ownerId,
                ]
                try db.execute(
                    sql: "INSERT INTO sobject_lead VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    arguments: StatementArguments(values)
                )
            }
        }
    }

    /// The translated statement for `soql` at ``TestLead/now``.
    static func statement(_ soql: String, now: Date = TestLead.now) throws -> SQLiteQuery {
        let query = try SOQLParser.parse(soql)
        return try SOQLTranslator.translate(
            query, schemas: [TestLead.schema, TestLead.history],
            table: { $0 == "Lead" ? "sobject_lead" : "sobject_\($0.lowercased())" }, now: now
        )
    }

    /// The rows `soql` returns, each as its selected values in SELECT order.
    func rows(_ soql: String, now: Date = TestLead.now) throws -> [[DatabaseValue]] {
        let statement = try Self.statement(soql, now: now)
        return try queue.read { db in
            try Row.fetchAll(db, sql: statement.sql, arguments: statement.arguments.statementArguments)
                .map { row in (0..<row.count).map { row[$0] as DatabaseValue } }
        }
    }

    /// The numbers of the leads `soql` returns, in the order returned; `soql` must select `Id` first.
    func numbers(_ soql: String, now: Date = TestLead.now) throws -> [Int] {
        let numbersById = Dictionary(uniqueKeysWithValues: TestLead.all.map { ($0.id, $0.number) })
        return try rows(soql, now: now).map { row in
            guard let id = String.fromDatabaseValue(row[0]), let number = numbersById[id] else {
                throw TestFailure("query returned an unknown id: \(row[0])")
            }
            return number
        }
    }

    /// The single number a `SELECT COUNT()` query returns.
    func count(_ soql: String, now: Date = TestLead.now) throws -> Int {
        let statement = try Self.statement(soql, now: now)
        guard statement.isCount else { throw TestFailure("not a COUNT() query: \(soql)") }
        return try queue.read { db in
            try Int.fetchOne(db, sql: statement.sql, arguments: statement.arguments.statementArguments) ?? -1
        }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension [SQLiteArgument] {
    var statementArguments: StatementArguments {
        StatementArguments(map { argument -> DatabaseValue in
            switch argument {
            case .null: .null
            case .integer(let value): value.databaseValue
            case .double(let value): value.databaseValue
            case .text(let value): value.databaseValue
            }
        })
    }
}
