import Foundation
import LeadscoreData
import LeadscoreDevSalesforce
import LeadscoreSalesforce
import LeadscoreService
import LeadscoreSync
import Logging
import Testing

/// What a written score sets off (route mode's follow-up Tasks, hot-lead platform events and webhook),
/// the circuit breaker, and a new model rescoring every lead — against the local Salesforce over HTTPS.
@Suite("Sync follow-ups") struct SyncFollowUpTests {
    /// Lead id → owner id of the open leads, through the API.
    static func owners(_ org: SyncFixture) async throws -> [String: String] {
        try await org.withClient { client in
            var owners: [String: String] = [:]
            try await client.query("SELECT Id, OwnerId FROM Lead WHERE IsConverted = false") { page in
                for record in page.records { owners[record.id!] = record["OwnerId"]?.stringValue }
            }
            return owners
        }
    }

    /// Lead id → tier written, for leads that have one.
    static func tiers(_ org: SyncFixture) async throws -> [String: String] {
        try await org.withClient { client in
            var tiers: [String: String] = [:]
            try await client.query("SELECT Id, AI_Tier__c FROM Lead WHERE AI_Tier__c != null") { page in
                for record in page.records { tiers[record.id!] = record["AI_Tier__c"]?.stringValue }
            }
            return tiers
        }
    }

    /// Route mode: the top tier goes to a rep (15-minute SLA, high priority), the second to a queue whose
    /// follow-ups a named user takes (4-hour SLA), the rest to another rep without a Task. Every Task is
    /// due at its SLA after the run, and a second run creates none.
    @Test func routeModeGivesTheNewOwnerATaskDueAtTheTierSLA() async throws {
        try await SyncFixture.run(leads: 900) { org in
            let before = try await Self.owners(org)
            let queues = Set(before.values.filter { $0.hasPrefix("00G") }).sorted()
            let users = Set(before.values.filter { $0.hasPrefix("005") }).sorted()
            try #require(queues.count == 2 && users.count >= 3)
            let tiers = org.models.production.scorer.bundle.policy.tiers
            try #require(tiers.count >= 3)
            var settings = SyncSettings()
            settings.mode = .route
            settings.intakeOwners = [queues[0]]
            settings.routeOwners = [tiers[0].route: users[0], tiers[1].route: queues[1], tiers[2].route: users[2]]
            settings.followUp.due = [tiers[0].name: .seconds(900), tiers[1].name: .seconds(4 * 3_600)]
            settings.followUp.queueTaskOwners = [queues[1]: users[1]]
            settings.hotLead.platformEvent = false

            let started = Date()
            let summary = try await org.sync(settings)
            let finished = Date()
            let written = try await Self.tiers(org)
            let routed = before.filter { $0.value == queues[0] && written[$0.key] != nil }
            let expectedOwner = [tiers[0].name: users[0], tiers[1].name: users[1]]
            let due = routed.filter { expectedOwner[written[$0.key]!] != nil }
            #expect(summary.routed == routed.count)
            #expect(summary.tasksCreated == due.count && due.count > 0)
            #expect(summary.tasksWithoutOwner == 0)

            let tasks = try await org.withClient { client in
                var tasks: [SalesforceRecord] = []
                try await client.query("SELECT WhoId, OwnerId, Subject, ReminderDateTime, IsReminderSet, Priority, ActivityDate "
                    + "FROM Task") { tasks += $0.records }
                return tasks
            }
            #expect(tasks.count == due.count)
            #expect(Set(tasks.compactMap { $0["WhoId"]?.stringValue }) == Set(due.keys))
            for task in tasks {
                let lead = try #require(task["WhoId"]?.stringValue)
                let tier = try #require(written[lead])
                #expect(task["OwnerId"]?.stringValue == expectedOwner[tier], "lead \(lead)")
                let sla = tier == tiers[0].name ? 900.0 : 4 * 3_600.0
                let reminder = try #require(task["ReminderDateTime"]?.stringValue.flatMap(SalesforceDate.parse))
                #expect(reminder >= (started.timeIntervalSince1970 + sla).rounded(.down) - 1
                    && reminder <= finished.timeIntervalSince1970 + sla + 1, "lead \(lead) due \(reminder)")
                #expect(task["IsReminderSet"]?.boolValue == true)
                #expect(task["ActivityDate"]?.stringValue == SalesforceDate.formatDate(reminder))
                #expect(task["Priority"]?.stringValue == (tier == tiers[0].name ? "High" : "Normal"))
                #expect(task["Subject"]?.stringValue?.hasSuffix("(leadscore)") == true)
            }

            let second = try await org.sync(settings)
            #expect(second.tasksCreated == 0 && second.routed == 0)
            #expect(try await org.count("SELECT COUNT() FROM Task") == due.count)
        }
    }

    /// A queue cannot own a Task (Object Reference, "Task": OwnerId is a user): without a user named for
    /// it, the lead is routed, gets no Task, and the summary says how to fix it.
    @Test func aQueueWithoutATaskOwnerIsReported() async throws {
        try await SyncFixture.run(leads: 400) { org in
            let before = try await Self.owners(org)
            let queues = Set(before.values.filter { $0.hasPrefix("00G") }).sorted()
            try #require(queues.count == 2)
            var settings = SyncSettings()
            settings.mode = .route
            settings.intakeOwners = [queues[0]]
            for tier in org.models.production.scorer.bundle.policy.tiers {
                settings.routeOwners[tier.route] = queues[1]
                settings.followUp.due[tier.name] = .seconds(3_600)
            }
            let summary = try await org.sync(settings)
            #expect(summary.routed > 0)
            #expect(summary.tasksWithoutOwner == summary.routed && summary.tasksCreated == 0)
            #expect(summary.description.contains("sync.follow_up.queue_task_owners"))
            #expect(try await org.count("SELECT COUNT() FROM Task") == 0)
        }
    }

    /// A lead entering the top tier is announced once: one Hot_Lead__e (keyed run id + lead id) and one
    /// entry in a Slack-compatible webhook message that names no person. A second run announces nothing.
    /// A new model rescores every lead (the whole org is read again) and announces only leads that newly
    /// entered the top tier.
    @Test func hotLeadsAreAnnouncedOnceAndANewModelRescoresEveryLead() async throws {
        try await WebhookReceiver.run { receiver in
            try await SyncFixture.run(leads: 900) { org in
                var settings = SyncSettings()
                settings.mode = .recommend
                settings.hotLead.webhook = .environment("TEST_HOT_LEAD_WEBHOOK")
                let environment = ["TEST_HOT_LEAD_WEBHOOK": receiver.url]
                let top = try #require(org.models.production.scorer.bundle.policy.tiers.first?.name)

                let first = try await org.sync(settings, environment: environment)
                let hot = try await Self.tiers(org).filter { $0.value == top }.keys
                #expect(first.hotLeadsAnnounced == hot.count && !hot.isEmpty)
                let events = try await org.publishedEvents("Hot_Lead__e")
                #expect(Set(events.compactMap { $0["Lead_Id__c"] as? String }) == Set(hot))
                #expect(events.allSatisfy { ($0["Event_Key__c"] as? String) == "\(first.runId):\($0["Lead_Id__c"] as? String ?? "")" })
                let announced = receiver.messages.flatMap { ($0["blocks"] as? [[String: Any]]) ?? [] }
                #expect(announced.count == hot.count)
                #expect(receiver.messages.allSatisfy { ($0["text"] as? String)?.isEmpty == false })
                let emails = try await org.withClient { client in
                    var emails: [String] = []
                    try await client.query("SELECT Email FROM Lead WHERE Email != null") { page in
                        emails += page.records.compactMap { $0["Email"]?.stringValue }
                    }
                    return emails
                }
                let posted = receiver.messages.map { String(describing: $0) }.joined()
                #expect(!emails.isEmpty && !emails.contains { posted.contains($0) }, "a webhook message carries an email")

                let second = try await org.sync(settings, environment: environment)
                #expect(second.written == 0 && second.hotLeadsAnnounced == 0)
                #expect(try await org.publishedEvents("Hot_Lead__e").count == events.count)

                let before = try await Self.tiers(org)
                let newModels = try await org.promoteAnotherModel()
                let third = try await org.sync(settings, models: newModels, environment: environment)
                let after = try await Self.tiers(org)
                let open = try await org.count("SELECT COUNT() FROM Lead WHERE IsConverted = false")
                #expect(third.leadsRead == open + (third.skipped[.converted] ?? 0), "a new model reads every lead again")
                #expect(third.written == open - (third.skipped[.invalid] ?? 0))
                #expect(try await org.count("SELECT COUNT() FROM Lead WHERE IsConverted = false AND AI_Model_Version__c = '\(newModels.production.version)'")
                    == third.written)
                let entered = after.filter { $0.value == top && before[$0.key] != top }.count
                // The second model's lower top threshold moves leads into the top tier: some must be announced.
                #expect(entered > 0 && third.hotLeadsAnnounced == entered)
            }
        }
    }

    /// A webhook that refuses (a revoked URL answers 404) keeps the hot leads in the retry queue with the
    /// reason; the next run posts them without publishing their events again.
    @Test func aFailingWebhookIsRetriedWithoutRepeatingWhatSucceeded() async throws {
        try await WebhookReceiver.run { receiver in
            try await SyncFixture.run(leads: 500) { org in
                var settings = SyncSettings()
                settings.mode = .recommend
                settings.hotLead.webhook = .environment("TEST_HOT_LEAD_WEBHOOK")
                let environment = ["TEST_HOT_LEAD_WEBHOOK": receiver.url]
                receiver.answer(with: 404)
                let first = try await org.sync(settings, environment: environment)
                let queued = try await org.store.pendingWrites(sync: "lead-sync")
                #expect(first.failed == queued.count && !queued.isEmpty)
                #expect(queued.allSatisfy { $0.lastError?.contains("webhook answered 404") == true })
                #expect(queued.allSatisfy { !($0.lastError ?? "").contains(receiver.url) }, "the secret URL leaked into an error")
                let events = try await org.publishedEvents("Hot_Lead__e").count
                #expect(events == queued.count)

                receiver.answer(with: 200)
                let second = try await org.sync(settings, environment: environment)
                #expect(second.retried == queued.count && second.failed == 0)
                #expect(try await org.store.pendingWrites(sync: "lead-sync").isEmpty)
                #expect(try await org.publishedEvents("Hot_Lead__e").count == events, "an event was published twice")
                let delivered = receiver.messages.suffix(from: receiver.messages.count - (queued.count + 19) / 20)
                #expect(delivered.flatMap { ($0["blocks"] as? [[String: Any]]) ?? [] }.count == queued.count)
            }
        }
    }

    /// Every write refused: the run stops after `failures` failed batches and says so; the writes wait in
    /// the retry queue; the next run within the cooldown refuses to call Salesforce at all.
    @Test func theCircuitBreakerStopsCallingAFailingOrg() async throws {
        var faults = FaultPlan()
        faults.unableToLockRowRate = 1
        try await SyncFixture.run(leads: 300, faults: faults, clientAttempts: 2) { org in
            var settings = SyncSettings()
            settings.mode = .recommend
            settings.circuitBreaker.failures = 1
            settings.circuitBreaker.cooldown = .seconds(900)
            await #expect(throws: SyncError.self) { _ = try await org.sync(settings) }
            do {
                _ = try await org.sync(settings)
                Issue.record("the second run should have been refused")
            } catch let error as SyncError {
                guard case let .circuitOpen(failures, until, lastError) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(failures == 1 && until > Date().addingTimeInterval(800))
                #expect(lastError?.contains("write batches") == true)
                #expect("\(error)".contains("sync.circuit_breaker.cooldown"))
            }
            let checkpoint = try #require(try await org.store.syncCheckpoint(name: "lead-sync"))
            #expect(checkpoint.consecutiveFailures == 1)
            #expect(try await org.store.pendingWrites(sync: "lead-sync").isEmpty == false)
            // The refused run made no call: a fresh client used only by it has sent nothing.
            let calls = try await org.withClient { client in
                _ = try? await LeadSync(client: client, store: org.store, models: org.models, settings: settings,
                                        logger: Logger(label: "test.sync")).run()
                return await client.usage().calls
            }
            #expect(calls == 0)
        }
    }
}
