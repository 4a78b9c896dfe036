import Foundation
import GRDB
import LeadscoreSOQL

/// Answers SOQL from the SQLite org through `LeadscoreSOQL`, and keeps the cursors of results that
/// take more than one page.
///
/// Like a Salesforce query cursor, a cursor reads the org as it was when the query ran (a WAL
/// snapshot), so records saved between two pages neither appear nor shift the pages. Each page is its
/// own translated statement (the query's window moved by the page's offset), so the SQL keeps the
/// query's exact ORDER BY. As in a real org a user has at most 10 open cursors (opening another
/// releases the oldest) and a cursor unused for 15 minutes is gone (REST API Developer Guide,
/// "Query": "Query locators expire after 15 minutes of inactivity").
actor QueryEngine {
    struct Cursor {
        var query: SOQLQuery
        var now: Date
        var snapshot: DatabaseSnapshot
        var total: Int
        var lastUsed: Date
    }

    /// One page of records, ready for JSON.
    struct Page: Sendable {
        var object: String
        var totalSize: Int
        /// `cursorId-offset` of the next page, `nil` when this page is the last.
        var nextLocator: String?
        var records: [[(name: String, kind: FieldKind, value: DatabaseValue)]]
        var ids: [String?]
    }

    static let maximumCursors = 10
    static let cursorLifetime: TimeInterval = 15 * 60

    private let store: OrgStore
    private let clock: DevClock
    private var cursors: [String: Cursor] = [:]

    init(store: OrgStore, clock: DevClock) {
        self.store = store
        self.clock = clock
    }

    /// The org's readable fields as `LeadscoreSOQL` schemas (hidden fields left out, so naming one is
    /// INVALID_FIELD, as for a user without Read on it). Platform events cannot be queried.
    nonisolated var schemas: [SOQLSchema] {
        store.catalog.objects.filter { !$0.isPlatformEvent }.map { object in
            SOQLSchema(object: object.name, fields: store.catalog.visibleFields(of: object).compactMap { field in
                SOQLFieldType(salesforceType: field.type).map { (field.name, $0) }
            })
        }
    }

    /// Parses `soql` and checks it against the org, or throws the 400 Salesforce answers.
    nonisolated func parse(_ soql: String, now: Date) throws -> (query: SOQLQuery, statement: SQLiteQuery) {
        let query: SOQLQuery
        do {
            query = try SOQLParser.parse(soql)
        } catch {
            throw SalesforceError(status: .badRequest, errorCode: error.code, message: error.message)
        }
        return (query, try translate(query, now: now))
    }

    /// `query` as SQL, or the 400 Salesforce answers for it.
    nonisolated func translate(_ query: SOQLQuery, now: Date) throws -> SQLiteQuery {
        do {
            return try SOQLTranslator.translate(query, schemas: schemas, table: { $0 }, now: now)
        } catch {
            throw SalesforceError(status: .badRequest, errorCode: error.code, message: error.message)
        }
    }

    /// Runs `soql` and answers its first page of at most `batchSize` records.
    func run(_ soql: String, batchSize: Int) async throws -> Page {
        let now = clock.now()
        let (query, statement) = try parse(soql, now: now)
        if statement.isCount {
            let total = try await store.pool.read { db in
                try Int.fetchOne(db, sql: statement.sql, arguments: Self.arguments(statement)) ?? 0
            }
            return Page(object: query.object, totalSize: total, nextLocator: nil, records: [], ids: [])
        }
        let snapshot = try store.pool.makeSnapshot()
        var counting = query
        counting.selection = .count
        let counted = try translate(counting, now: now)
        let total = try await snapshot.read { db in
            try Int.fetchOne(db, sql: counted.sql, arguments: Self.arguments(counted)) ?? 0
        }
        var cursor = Cursor(query: query, now: now, snapshot: snapshot, total: total, lastUsed: Date())
        let page = try await read(&cursor, offset: 0, batchSize: batchSize)
        if page.nextLocator != nil, let id = page.nextLocator?.split(separator: "-").first {
            open(String(id), cursor)
        } else {
            try? snapshot.close()
        }
        return page
    }

    /// The page at `locator` (`cursorId-offset`, from a `nextRecordsUrl`), or 400 INVALID_QUERY_LOCATOR.
    func more(_ locator: String, batchSize: Int) async throws -> Page {
        let parts = locator.split(separator: "-", maxSplits: 1).map(String.init)
        expireIdle()
        guard parts.count == 2, let offset = Int(parts[1]), offset >= 0, var cursor = cursors[parts[0]], offset < cursor.total
        else {
            throw SalesforceError(status: .badRequest, errorCode: "INVALID_QUERY_LOCATOR", message: "invalid query locator")
        }
        cursor.lastUsed = Date()
        let page = try await read(&cursor, offset: offset, batchSize: batchSize, cursorId: parts[0])
        if page.nextLocator == nil {
            try? cursor.snapshot.close()
            cursors[parts[0]] = nil
        } else {
            cursors[parts[0]] = cursor
        }
        return page
    }

    private func read(_ cursor: inout Cursor, offset: Int, batchSize: Int, cursorId: String? = nil) async throws -> Page {
        var window = cursor.query
        let start = (cursor.query.offset ?? 0) + offset
        let remaining = cursor.total - offset
        let size = min(batchSize, remaining)
        window.offset = start
        window.limit = size
        // The url of every record needs its Id, selected or not.
        var appendedId = false
        if case let .fields(names) = window.selection, !names.contains(where: { $0.lowercased() == "id" }) {
            window.selection = .fields(names + ["Id"])
            appendedId = true
        }
        let statement = try translate(window, now: cursor.now)
        guard let object = store.catalog.object(named: cursor.query.object) else { throw SalesforceError.notFound }
        let kinds = statement.selectedFields.map { object.field(named: $0)?.kind ?? .text }
        let rows = try await cursor.snapshot.read { db in
            try Row.fetchAll(db, sql: statement.sql, arguments: Self.arguments(statement)).map { row in
                (0..<row.count).map { row[$0] as DatabaseValue }
            }
        }
        let idIndex = statement.selectedFields.firstIndex(of: "Id")
        let shown = appendedId ? statement.selectedFields.count - 1 : statement.selectedFields.count
        let records = rows.map { values in
            (0..<shown).map { (statement.selectedFields[$0], kinds[$0], values[$0]) }
        }
        let ids: [String?] = rows.map { values in idIndex.flatMap { String.fromDatabaseValue(values[$0]) } }
        let nextOffset = offset + rows.count
        let next = nextOffset < cursor.total && !rows.isEmpty
            ? "\(cursorId ?? Self.newCursorId())-\(nextOffset)" : nil
        return Page(object: object.name, totalSize: cursor.total, nextLocator: next, records: records, ids: ids)
    }

    private func open(_ id: String, _ cursor: Cursor) {
        expireIdle()
        if cursors.count >= Self.maximumCursors, let oldest = cursors.min(by: { $0.value.lastUsed < $1.value.lastUsed }) {
            try? oldest.value.snapshot.close()
            cursors[oldest.key] = nil
        }
        cursors[id] = cursor
    }

    private func expireIdle() {
        let now = Date()
        for (id, cursor) in cursors where now.timeIntervalSince(cursor.lastUsed) > Self.cursorLifetime {
            try? cursor.snapshot.close()
            cursors[id] = nil
        }
    }

    /// A query locator id in Salesforce's form: an 18-character Id with the `01g` key prefix.
    private static func newCursorId() -> String {
        RandomText.salesforceId(prefix: "01g")
    }

    static func arguments(_ statement: SQLiteQuery) -> StatementArguments {
        StatementArguments(statement.arguments.map { argument -> DatabaseValue in
            switch argument {
            case .null: return .null
            case let .integer(value): return value.databaseValue
            case let .double(value): return value.databaseValue
            case let .text(value): return value.databaseValue
            }
        })
    }
}
