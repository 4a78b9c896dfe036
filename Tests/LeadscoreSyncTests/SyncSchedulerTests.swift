import Foundation
import LeadscoreData
import LeadscoreDevSalesforce
import LeadscoreSalesforce
import LeadscoreService
import LeadscoreSync
import Logging
import Testing

/// The sync on a schedule, as `leadscore serve` runs it, against a local Salesforce that has an outage
/// and recovers: it waits for a production model, runs without overlapping, writes nothing the second
/// time, logs a failed run and keeps the schedule, recovers, and stops when cancelled.
@Suite("Sync scheduler") struct SyncSchedulerTests {
    @Test func keepsTheScheduleThroughAnOutageAndStopsWhenCancelled() async throws {
        try await SyncFixture.run(leads: 500) { org in
            var settings = SyncSettings()
            settings.mode = .recommend
            settings.every = .milliseconds(200)
            // Should the outage open the circuit breaker, it closes again within the test.
            settings.circuitBreaker.cooldown = .seconds(1)
            let runs = RunRecorder()
            let logs = LogRecorder()
            let logger = Logger(label: "test.scheduler") { _ in logs.handler() }
            let holder = ServingSetHolder()
            let twin = SalesforceTwin(org: org.org)

            // Phase 1: an outage from the start, every data call answered 503. The schedule waits for a
            // model, then its runs fail; each failure is logged and the next run still comes.
            var outage = FaultPlan()
            outage.serverUnavailableRate = 1
            let (client, scheduler, schedule, port) = try await twin.withRunning(port: 0, faults: outage) { info in
                let client = try SalesforceClient(config: try Self.connection(info), logger: logger,
                                                  environment: ["SCHEDULER_TEST_SECRET": info.clientSecret])
                #expect(SyncScheduler(client: client, store: org.store, holder: holder, settings: SyncSettings(),
                                      logger: logger) == nil, "no sync.every, no schedule")
                guard let scheduler = SyncScheduler(client: client, store: org.store, holder: holder, settings: settings,
                                                    logger: logger, onRun: runs.append) else {
                    try await client.shutdown()
                    throw SchedulerTestFailure(description: "a scheduler with sync.every was not made")
                }
                let schedule = Task { await scheduler.run() }
                do {
                    try await runs.wait("a run waiting for a model") { $0.contains { $0.isWaiting } }
                    holder.replace(with: org.models)
                    try await runs.wait("two failed runs") { $0.filter { $0.error != nil }.count >= 2 }
                } catch {
                    schedule.cancel()
                    await schedule.value
                    try? await client.shutdown()
                    throw error
                }
                #expect(await scheduler.consecutiveFailures >= 2)
                #expect(await scheduler.lastCompleted == nil)
                let failure = logs.entries.first { $0.message.hasPrefix("sync run failed") }
                #expect(failure?.level == .error && failure?.metadata["error"]?.isEmpty == false)
                await scheduler.run() // a second schedule is refused at once instead of running beside the first
                return (client, scheduler, schedule, info.port)
            }
            do {
                // Phase 2: Salesforce back on the same address. The next run writes every open lead, the one
                // after it nothing; then the schedule is cancelled (before the server stops, so no connection
                // is left for it to wait on).
                let outageRuns = runs.all.count
                try await twin.withRunning(port: port) { _ in
                    let done = try await runs.wait("two completed runs after the outage") {
                        $0.dropFirst(outageRuns).compactMap(\.summary).count >= 2
                    }
                    let completed = done.dropFirst(outageRuns).compactMap(\.summary)
                    #expect(completed[0].written > 0 && completed[0].failed == 0)
                    #expect(completed[1].written == 0, "nothing changed since the first run")
                    #expect(completed[1].skipped[.unchanged] == completed[0].written)
                    #expect(await scheduler.consecutiveFailures == 0)
                    #expect(await scheduler.lastCompleted != nil)
                    schedule.cancel()
                    await schedule.value
                    try await client.shutdown()
                }
            } catch {
                schedule.cancel()
                await schedule.value
                try? await client.shutdown()
                throw error
            }

            let stopped = runs.all.count
            try await Task.sleep(for: .milliseconds(500))
            #expect(runs.all.count == stopped, "no run after cancellation")
            #expect(logs.entries.contains { $0.message == "sync schedule stopped" })
            let all = runs.all
            for (earlier, later) in zip(all, all.dropFirst()) {
                #expect(later.startedAt >= earlier.startedAt.addingTimeInterval(earlier.seconds), "runs never overlap")
            }
            // One structured line per completed run, with counts and no lead data or secret.
            let lines = logs.entries.filter { $0.message == "sync run completed" }
            #expect(lines.count == all.compactMap(\.summary).count)
            #expect(lines.allSatisfy { $0.metadata["written"] != nil && $0.metadata["run_id"] != nil })
            for entry in logs.entries {
                for value in entry.metadata.values + [entry.message] {
                    #expect(!value.contains("00Q"), "a lead id reached the log: \(entry.message)")
                    #expect(!value.contains(org.info.clientSecret), "the client secret reached the log")
                }
            }
        }
    }

    /// The fixture's org, as an application that reaches it through `leadscore.yaml` would.
    static func connection(_ info: DevSalesforceInfo) throws -> SalesforceConfig {
        try SalesforceConfigLoader.parse("""
            salesforce:
              login_url: \(info.loginUrl)
              auth: client_credentials
              client_id: \(info.clientId)
              client_secret_env: SCHEDULER_TEST_SECRET
              ca_file: \(info.caFile)
              timeout_seconds: 10
              retry: {max_attempts: 2, base_delay_ms: 5, max_delay_seconds: 1}
            """)
    }
}

/// A second server over the fixture's org directory (same records, credentials and CA) that the test
/// can start with faults and then again, on the same port, without: an outage and the recovery.
/// (A server that is simply gone costs the client its connect timeout per attempt, too slow for a test.)
private struct SalesforceTwin {
    let org: URL

    func withRunning<T>(port: Int, faults: FaultPlan = .none, _ body: (DevSalesforceInfo) async throws -> T) async throws -> T {
        var logger = Logger(label: "test.dev-salesforce")
        logger.logLevel = .error
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("salesforce")
        let server = try DevSalesforceServer(configuration: DevSalesforceConfiguration(
            orgDirectory: org, port: port, faults: faults, packageDirectories: [package]), logger: logger)
        defer { try? server.store.close() }
        return try await server.withRunning(body)
    }
}

extension SyncScheduler.Run {
    var isWaiting: Bool {
        if case .waitingForModel = outcome { return true }
        return false
    }

    var error: (any Error)? {
        if case let .failed(error) = outcome { return error }
        return nil
    }
}

/// The scheduler's runs as `onRun` reports them, for the test to wait on (bounded).
private final class RunRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var runs: [SyncScheduler.Run] = []

    var all: [SyncScheduler.Run] { lock.withLock { runs } }

    func append(_ run: SyncScheduler.Run) {
        lock.withLock { runs.append(run) }
    }

    /// Polls until `condition` holds, for at most 60 seconds (a loaded CI machine runs a 500-lead sync slowly).
    @discardableResult
    func wait(_ what: String, _ condition: ([SyncScheduler.Run]) -> Bool) async throws -> [SyncScheduler.Run] {
        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        while ContinuousClock.now < deadline {
            let current = all
            if condition(current) { return current }
            try await Task.sleep(for: .milliseconds(20))
        }
        let outcomes = all.map { "\($0.outcome)" }.joined(separator: "; ")
        throw SchedulerTestFailure(description: "timed out waiting for \(what); runs so far: \(outcomes)")
    }
}

private struct SchedulerTestFailure: Error, CustomStringConvertible {
    let description: String
}

/// Every log line the scheduler (and the sync it runs) writes, with its metadata as text.
private final class LogRecorder: @unchecked Sendable {
    struct Entry {
        let level: Logger.Level
        let message: String
        let metadata: [String: String]
    }

    private let lock = NSLock()
    private var lines: [Entry] = []

    var entries: [Entry] { lock.withLock { lines } }

    func handler() -> some LogHandler { Handler(recorder: self) }

    fileprivate func append(_ entry: Entry) {
        lock.withLock { lines.append(entry) }
    }

    private struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            recorder.append(Entry(level: event.level, message: "\(event.message)", metadata: merged.mapValues { "\($0)" }))
        }
    }
}
