import Foundation
import GRDB
import Testing
@testable import LeadscoreService

/// Every `ServiceStore` method, run against each store kind (`StoreKind.available`): SQLite always,
/// PostgreSQL when `LEADSCORE_TEST_POSTGRES_URL` is set. Both stores must behave the same, down to the
/// error messages, because the service and the CLI are written against the protocol.
///
/// Times are whole seconds plus a binary fraction (.125) so they convert between `Date`'s reference
/// date and 1970 exactly and whole records can be compared; `datesRoundTripToTheMillisecond` covers
/// arbitrary times.
struct StoreTests {
    static let t0 = Date(timeIntervalSince1970: 1_700_000_000.125)

    // MARK: Schema

    @Test(arguments: StoreKind.available)
    func migrationIsIdempotentAndSafeWhenTwoProcessesStartAtOnce(kind: StoreKind) async throws {
        try await kind.withFreshURL { url in
            async let first = StoreOpener.open(url: url)
            async let second = StoreOpener.open(url: url)
            let stores = try await [first, second]
            try await stores[0].migrate()
            try await stores[1].ping()
            for store in stores { try await store.close() }
        }
    }

    // MARK: Registry

    @Test(arguments: StoreKind.available)
    func modelsRoundTripAndRefuseAnotherChecksum(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let newer = Self.model("2024.2", at: Self.t0.addingTimeInterval(60))
            let older = Self.model("2024.1", at: Self.t0)
            try await store.insertModel(newer)
            try await store.insertModel(older)
            #expect(try await store.model(version: "2024.2") == newer)
            #expect(try await store.model(version: "missing") == nil)
            #expect(try await store.models() == [older, newer])

            try await store.insertModel(newer)
            #expect(try await store.models() == [older, newer])

            var changed = newer
            changed.manifestSHA256 = String(repeating: "f", count: 64)
            await #expect(throws: StoreError.conflict("model 2024.2 is already registered with other files")) {
                try await store.insertModel(changed)
            }
            #expect(try await store.model(version: "2024.2") == newer)
        }
    }

    @Test(arguments: StoreKind.available)
    func registryEventsKeepOrderAndRefuseAStaleExpectation(kind: StoreKind) async throws {
        try await kind.withStore { store in
            #expect(try await store.latestRegistryEvent() == nil)
            #expect(try await store.registryEvents().isEmpty)

            let register = Self.event(.register, version: "2024.1", state: RolloutState())
            let first = try await store.appendRegistryEvent(register, expectedLatest: nil)
            let firstID = try #require(first.id)
            #expect(first == Self.with(id: firstID, register))

            let canary = Self.event(.canary, version: "2024.2",
                                    state: RolloutState(production: "2024.1", canary: "2024.2", canaryPercent: 10))
            let second = try await store.appendRegistryEvent(canary, expectedLatest: firstID)
            let secondID = try #require(second.id)
            #expect(secondID > firstID)

            let clear = Self.event(.clearShadow, version: nil, state: RolloutState(production: "2024.1"))
            await #expect(throws: Self.staleRegistry) {
                try await store.appendRegistryEvent(clear, expectedLatest: firstID)
            }
            await #expect(throws: Self.staleRegistry) {
                try await store.appendRegistryEvent(clear, expectedLatest: nil)
            }
            #expect(try await store.registryEvents() == [first, second])
            #expect(try await store.latestRegistryEvent() == second)
        }
    }

    @Test(arguments: StoreKind.available)
    func twoStoreInstancesOnOneDatabaseSeeEachOthersRegistryEvents(kind: StoreKind) async throws {
        try await kind.withFreshURL { url in
            let one = try await StoreOpener.open(url: url)
            let other = try await StoreOpener.open(url: url)
            let first = try await one.appendRegistryEvent(
                Self.event(.promote, version: "2024.1", state: RolloutState(production: "2024.1")), expectedLatest: nil)
            #expect(try await other.latestRegistryEvent() == first)

            let second = try await other.appendRegistryEvent(
                Self.event(.shadow, version: "2024.2", state: RolloutState(production: "2024.1", shadow: "2024.2")),
                expectedLatest: first.id)
            #expect(try await one.registryEvents() == [first, second])

            // Both act on what they last saw, at the same time: exactly one wins.
            let rollback = Self.event(.rollback, version: "2024.1", state: RolloutState(production: "2024.1"))
            async let fromOne = Self.outcome { try await one.appendRegistryEvent(rollback, expectedLatest: second.id) }
            async let fromOther = Self.outcome { try await other.appendRegistryEvent(rollback, expectedLatest: second.id) }
            let outcomes = await [fromOne, fromOther]
            #expect(outcomes.filter { $0 == nil }.count == 1)
            #expect(outcomes.contains(Self.staleRegistry))
            #expect(try await one.registryEvents().count == 3)

            try await one.close()
            try await other.close()
        }
    }

    // MARK: API keys

    @Test(arguments: StoreKind.available)
    func apiKeysInsertListAndRevokeOnce(kind: StoreKind) async throws {
        try await kind.withStore { store in
            // Zero bytes and high bytes: the digest is a blob, not text.
            let digest = Data([0, 1, 0xfe, 0xff] + Array(repeating: 9, count: 28))
            let flow = StoredAPIKey(id: "k1", client: "salesforce-flow", secretSHA256: digest, scopes: [.score],
                                    createdAt: Self.t0)
            let admin = StoredAPIKey(id: "k2", client: "revops", secretSHA256: Data(repeating: 7, count: 32),
                                     scopes: [.score, .admin], createdAt: Self.t0.addingTimeInterval(5))
            try await store.insertAPIKey(admin)
            try await store.insertAPIKey(flow)
            #expect(try await store.apiKey(id: "k1") == flow)
            #expect(try await store.apiKey(id: "missing") == nil)
            #expect(try await store.apiKeys() == [flow, admin])

            let revokedAt = Self.t0.addingTimeInterval(3600)
            #expect(try await store.revokeAPIKey(id: "k1", at: revokedAt))
            #expect(try await !store.revokeAPIKey(id: "k1", at: revokedAt.addingTimeInterval(1)))
            #expect(try await !store.revokeAPIKey(id: "missing", at: revokedAt))
            #expect(try await store.apiKey(id: "k1")?.revokedAt == revokedAt)
            #expect(try await store.apiKey(id: "k2")?.revokedAt == nil)
        }
    }

    // MARK: Audit log and idempotency

    @Test(arguments: StoreKind.available)
    func auditEventsComeNewestFirstByLeadWithinTheLimit(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let events = [
                Self.audit("r1", lead: "00Q1", at: 0),
                Self.audit("r2", lead: "00Q2", at: 1),
                Self.audit("r3", lead: "00Q1", at: 2),
                AuditEvent(requestId: "r4", at: Self.t0.addingTimeInterval(3), client: "flow", leadId: nil,
                           inputHash: nil, modelVersion: nil, score: nil, tier: nil, reasonCodes: [],
                           latencyMicroseconds: 80, outcome: .rejected, detail: "invalid_field: Email"),
                Self.audit("r5", lead: "00Q1", at: 4),
            ]
            try await store.append(audit: Array(events.prefix(2)), idempotency: [])
            try await store.append(audit: Array(events.dropFirst(2)), idempotency: [])

            #expect(try await store.auditEvents(leadId: nil, limit: 10) == events.reversed())
            #expect(try await store.auditEvents(leadId: nil, limit: 2) == [events[4], events[3]])
            #expect(try await store.auditEvents(leadId: "00Q1", limit: 2) == [events[4], events[2]])
            #expect(try await store.auditEvents(leadId: "00Q2", limit: 10) == [events[1]])
            #expect(try await store.auditEvents(leadId: "00Q9", limit: 10).isEmpty)
        }
    }

    /// Monitoring pages through a window oldest first by row id, and gets each row's input profile back.
    @Test(arguments: StoreKind.available)
    func auditEventsPageThroughAWindowOldestFirst(kind: StoreKind) async throws {
        try await kind.withStore { store in
            var events = (0..<7).map { Self.audit("r\($0)", lead: "00Q\($0)", at: TimeInterval($0 * 10)) }
            events[3].inputProfile = "3,0,12!,5"
            try await store.append(audit: events, idempotency: [])
            let from = Self.t0.addingTimeInterval(10), to = Self.t0.addingTimeInterval(60)   // r1 … r5
            var seen: [AuditEvent] = [], cursor: Int64 = 0, pages = 0
            while true {
                let page = try await store.auditEvents(from: from, to: to, afterId: cursor, limit: 2)
                seen += page.map(\.event)
                pages += 1
                guard let last = page.last, page.count == 2 else { break }
                #expect(last.id > cursor)
                cursor = last.id
            }
            #expect(seen == Array(events[1...5]) && pages == 3)
            #expect(seen[2].inputProfile == "3,0,12!,5" && seen[0].inputProfile == nil)
        }
    }

    /// A SQLite store made before the audit log had `input_profile` gains the column on open, keeping its rows.
    @Test func anOlderSQLiteStoreGainsTheInputProfileColumn() async throws {
        try await StoreKind.sqlite.withFreshURL { url in
            let path = String(url.dropFirst("sqlite:".count))
            try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            let old = try DatabaseQueue(path: path)
            try await old.write { db in
                try db.execute(sql: """
                    CREATE TABLE audit_events (
                        id INTEGER PRIMARY KEY AUTOINCREMENT, request_id TEXT NOT NULL, at DOUBLE NOT NULL, client TEXT NOT NULL,
                        lead_id TEXT, input_hash TEXT, model_version TEXT, shadow_version TEXT, shadow_score INTEGER, score INTEGER,
                        tier TEXT, reason_codes TEXT NOT NULL, latency_us INTEGER NOT NULL, outcome TEXT NOT NULL, detail TEXT);
                    INSERT INTO audit_events (request_id, at, client, reason_codes, latency_us, outcome)
                    VALUES ('old', 1700000000.125, 'flow', '', 90, 'scored');
                    """)
            }
            try old.close()
            let store = try await StoreOpener.open(url: url)
            var event = Self.audit("new", lead: "00Q1", at: 5)
            event.inputProfile = "1,2"
            try await store.append(audit: [event], idempotency: [])
            let events = try await store.auditEvents(leadId: nil, limit: 10)
            #expect(events.map(\.requestId) == ["new", "old"] && events[0].inputProfile == "1,2" && events[1].inputProfile == nil)
            try await store.close()
        }
    }

    /// An unknown registry action once read as a promotion (`?? .promote`): an unknown stored value is
    /// an error naming the column, never a default.
    @Test(arguments: StoreKind.available)
    func unknownStoredValuesAreErrorsNotDefaults(kind: StoreKind) async throws {
        try await kind.withFreshURL { url in
            let store = try await StoreOpener.open(url: url)
            _ = try await store.appendRegistryEvent(Self.event(.register, version: "v1", state: RolloutState()), expectedLatest: nil)
            try await store.append(audit: [Self.audit("r1", lead: "00Q1", at: 0)], idempotency: [])
            try await kind.execute("UPDATE registry_events SET action = 'retire'", on: url)
            try await kind.execute("UPDATE audit_events SET outcome = 'maybe'", on: url)
            await #expect(throws: StoreError.unreadable("registry_events.action holds 'retire', which this version of leadscore "
                                                        + "does not know; run the version that wrote it, or correct the row")) {
                _ = try await store.latestRegistryEvent()
            }
            await #expect(throws: StoreError.self) { _ = try await store.auditEvents(leadId: nil, limit: 10) }
            try await store.close()
        }
    }

    @Test(arguments: StoreKind.available)
    func anIdempotencyKeyIsClaimedOnceUntilReleasedCompletedOrStale(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let claim = IdempotencyRecord.pending(client: "flow", key: "k", requestHash: "h1", at: Self.t0)
            #expect(try await store.claimIdempotency(claim, staleBefore: Self.t0.addingTimeInterval(-60)) == nil)
            // A second claim, on this or another server, sees the first one's pending row.
            let second = IdempotencyRecord.pending(client: "flow", key: "k", requestHash: "h2", at: Self.t0.addingTimeInterval(1))
            #expect(try await store.claimIdempotency(second, staleBefore: Self.t0.addingTimeInterval(-59)) == claim)
            #expect(try await store.claimIdempotency(second, staleBefore: Self.t0.addingTimeInterval(-59))?.isPending == true)
            // Released after a failure: the next copy claims it.
            try await store.releaseIdempotency(client: "flow", key: "k")
            #expect(try await store.idempotencyRecord(client: "flow", key: "k") == nil)
            #expect(try await store.claimIdempotency(second, staleBefore: Self.t0) == nil)
            // A claim older than the cut-off is taken over.
            let late = IdempotencyRecord.pending(client: "flow", key: "k", requestHash: "h3", at: Self.t0.addingTimeInterval(90))
            #expect(try await store.claimIdempotency(late, staleBefore: Self.t0.addingTimeInterval(30)) == nil)
            #expect(try await store.idempotencyRecord(client: "flow", key: "k")?.requestHash == "h3")
            // Completed in the audit transaction: never taken over or released again.
            let answer = IdempotencyRecord(client: "flow", key: "k", requestHash: "h3", status: 200, body: Data("{}".utf8),
                                           createdAt: Self.t0.addingTimeInterval(91))
            try await store.append(audit: [Self.audit("r1", lead: "00Q1", at: 91)], idempotency: [answer])
            #expect(try await store.idempotencyRecord(client: "flow", key: "k") == answer)
            #expect(try await store.claimIdempotency(late, staleBefore: Self.t0.addingTimeInterval(1_000)) == answer)
            try await store.releaseIdempotency(client: "flow", key: "k")
            #expect(try await store.idempotencyRecord(client: "flow", key: "k") == answer)
        }
    }

    @Test(arguments: StoreKind.available)
    func idempotencyKeepsTheFirstRecordForAKey(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let first = Self.idempotency(key: "key-1", body: #"{"score":71}"#, at: 0)
            try await store.append(audit: [Self.audit("r1", lead: "00Q1", at: 0)], idempotency: [first])
            #expect(try await store.idempotencyRecord(client: "flow", key: "key-1") == first)

            // The duplicate is ignored without undoing the rest of the transaction.
            let duplicate = Self.idempotency(key: "key-1", body: #"{"score":12}"#, at: 1)
            let otherClient = IdempotencyRecord(client: "batch", key: "key-1", requestHash: "h", status: 422,
                                                body: Data(), createdAt: Self.t0)
            try await store.append(audit: [Self.audit("r2", lead: "00Q1", at: 1)], idempotency: [duplicate, otherClient])
            #expect(try await store.idempotencyRecord(client: "flow", key: "key-1") == first)
            #expect(try await store.idempotencyRecord(client: "batch", key: "key-1") == otherClient)
            #expect(try await store.idempotencyRecord(client: "flow", key: "missing") == nil)
            #expect(try await store.auditEvents(leadId: "00Q1", limit: 10).map(\.requestId) == ["r2", "r1"])
        }
    }

    @Test(arguments: StoreKind.available)
    func pruneDeletesOnlyOlderRowsAndCountsThem(kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.append(
                audit: [Self.audit("r1", lead: "00Q1", at: 0), Self.audit("r2", lead: "00Q1", at: 100),
                        Self.audit("r3", lead: "00Q1", at: 200)],
                idempotency: [Self.idempotency(key: "old", body: "{}", at: 0),
                              Self.idempotency(key: "new", body: "{}", at: 300)])
            let deleted = try await store.prune(auditBefore: Self.t0.addingTimeInterval(150),
                                                idempotencyBefore: Self.t0.addingTimeInterval(100))
            #expect(deleted == 3)
            #expect(try await store.auditEvents(leadId: nil, limit: 10).map(\.requestId) == ["r3"])
            #expect(try await store.idempotencyRecord(client: "flow", key: "old") == nil)
            #expect(try await store.idempotencyRecord(client: "flow", key: "new") != nil)
            #expect(try await store.prune(auditBefore: Self.t0.addingTimeInterval(150),
                                          idempotencyBefore: Self.t0.addingTimeInterval(100)) == 0)
        }
    }

    // MARK: Jobs

    @Test(arguments: StoreKind.available)
    func jobsInsertUpdateAndKeepTheirResults(kind: StoreKind) async throws {
        try await kind.withStore { store in
            var job = JobRecord(id: "job-1", client: "batch", status: .queued, createdAt: Self.t0, total: 3)
            try await store.insertJob(job)
            #expect(try await store.job(id: "job-1") == job)
            #expect(try await store.job(id: "missing") == nil)

            job.status = .succeeded
            job.finishedAt = Self.t0.addingTimeInterval(2)
            job.scored = 2
            job.rejected = 1
            job.results = Data("""
                {"leadId":"00Q1","score":71,"reasonText":"Großkunde – webinar"}
                {"leadId":"00Q2","error":{"code":"invalid_field"}}

                """.utf8) + Data([0, 0xff])
            try await store.updateJob(job)
            #expect(try await store.job(id: "job-1") == job)

            job.status = .failed
            job.failure = "the model 2024.1 could not be loaded"
            job.results = nil
            try await store.updateJob(job)
            #expect(try await store.job(id: "job-1") == job)
        }
    }

    // MARK: Time

    @Test(arguments: StoreKind.available)
    func datesRoundTripToTheMillisecond(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let now = Date()
            let later = now.addingTimeInterval(0.001)
            try await store.insertModel(Self.model("m", at: now))
            _ = try await store.appendRegistryEvent(
                RegistryEvent(at: now, actor: "ops", action: .promote, version: "m", reason: "",
                              state: RolloutState(production: "m")), expectedLatest: nil)
            try await store.insertAPIKey(StoredAPIKey(id: "k", client: "flow", secretSHA256: Data(count: 32),
                                                      scopes: [.score], createdAt: now))
            _ = try await store.revokeAPIKey(id: "k", at: later)
            try await store.append(audit: [AuditEvent(requestId: "r", at: now, client: "flow", leadId: "00Q1",
                                                      inputHash: "h", modelVersion: "m", score: 50, tier: "B",
                                                      reasonCodes: ["a"], latencyMicroseconds: 1, outcome: .scored)],
                                   idempotency: [IdempotencyRecord(client: "flow", key: "k", requestHash: "h",
                                                                   status: 200, body: Data(), createdAt: now)])
            try await store.insertJob(JobRecord(id: "j", client: "flow", status: .succeeded, createdAt: now,
                                                finishedAt: later, total: 0))

            let stored = [
                try await store.model(version: "m")?.registeredAt,
                try await store.latestRegistryEvent()?.at,
                try await store.apiKey(id: "k")?.createdAt,
                try await store.auditEvents(leadId: "00Q1", limit: 1).first?.at,
                try await store.idempotencyRecord(client: "flow", key: "k")?.createdAt,
                try await store.job(id: "j")?.createdAt,
            ]
            for date in stored {
                let date = try #require(date)
                #expect(abs(date.timeIntervalSince(now)) < 0.001)
            }
            let revokedAt = try #require(try await store.apiKey(id: "k")?.revokedAt)
            let finishedAt = try #require(try await store.job(id: "j")?.finishedAt)
            #expect(abs(revokedAt.timeIntervalSince(later)) < 0.001)
            #expect(abs(finishedAt.timeIntervalSince(later)) < 0.001)
        }
    }

    // MARK: Fixtures

    static let staleRegistry = StoreError.conflict(
        "the registry changed while this change was prepared; run the command again")

    static func model(_ version: String, at date: Date) -> RegisteredModel {
        RegisteredModel(version: version, kind: "trees", bundlePath: "/srv/leadscore/models/\(version)",
                        manifestSHA256: String(repeating: "a", count: 64), registeredAt: date, registeredBy: "ops",
                        note: "retrained on Q3 leads")
    }

    static func event(_ action: RegistryEvent.Action, version: String?, state: RolloutState) -> RegistryEvent {
        RegistryEvent(at: t0, actor: "ops@example.com", action: action, version: version, reason: "weekly review",
                      state: state)
    }

    static func with(id: Int64, _ event: RegistryEvent) -> RegistryEvent {
        var event = event
        event.id = id
        return event
    }

    static func audit(_ requestId: String, lead: String, at seconds: TimeInterval) -> AuditEvent {
        AuditEvent(requestId: requestId, at: t0.addingTimeInterval(seconds), client: "flow", leadId: lead,
                   inputHash: "sha256:\(requestId)", modelVersion: "2024.1", shadowVersion: "2024.2", shadowScore: 64,
                   score: 71, tier: "A", reasonCodes: ["lead_source_webinar", "title_seniority"],
                   latencyMicroseconds: 1_250, outcome: .scored)
    }

    static func idempotency(key: String, body: String, at seconds: TimeInterval) -> IdempotencyRecord {
        IdempotencyRecord(client: "flow", key: key, requestHash: "sha256:\(key)", status: 200, body: Data(body.utf8),
                          createdAt: t0.addingTimeInterval(seconds))
    }

    /// The `StoreError` an operation throws, or nil when it succeeds.
    static func outcome(_ operation: () async throws -> RegistryEvent) async -> StoreError? {
        do {
            _ = try await operation()
            return nil
        } catch let error as StoreError {
            return error
        } catch {
            return .unusable("unexpected \(error)")
        }
    }
}
