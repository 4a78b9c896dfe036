import Foundation
import LeadscoreSalesforce
import LeadscoreSync
import Testing
@testable import LeadscoreData
@testable import LeadscoreService

/// Route mode's control group (`sync.control_group`): chosen from the lead id alone, of the configured
/// size, independent of the canary split and of training splits; and against the local org, control leads
/// get their scores but keep their owner, get no Task and no hot-lead event, and are audited `sync:control`.
@Suite("Control group") struct ControlGroupTests {
    /// `count` distinct 18-character lead Ids, as an org mints them.
    static func leadIds(_ count: Int) -> [String] {
        (0..<count).map { SalesforceId.caseSafe("00Q5e" + String(format: "%010d", 3_000_000 + $0 * 7)) }
    }

    @Test func membershipDependsOnTheIdAloneAndHoldsItsShare() {
        let ids = Self.leadIds(10_000)
        let group = ControlGroup(share: 0.05)
        let members = ids.filter(group.contains)
        let share = Double(members.count) / Double(ids.count)
        print("control share over 10,000 ids: \(share)")
        #expect(abs(share - 0.05) < 0.01, "\(share)")
        #expect(ids.filter(group.contains) == members, "the same lead gets the same answer")
        #expect(ids.allSatisfy { group.contains($0) == group.contains(String($0.prefix(15))) }, "15- and 18-character Ids agree")
        #expect(members.allSatisfy(ControlGroup(share: 0.1).contains), "a larger control group keeps the smaller one's leads")
        #expect(!ids.contains(where: ControlGroup().contains))
        // Positions spread evenly: each tenth of [0, 1) holds a tenth of the ids.
        let tenths = Dictionary(grouping: ids) { Int(ControlGroup.position(of: $0) * 10) }.mapValues(\.count)
        #expect(tenths.keys.sorted() == Array(0..<10) && tenths.values.allSatisfy { abs($0 - 1_000) < 120 }, "\(tenths)")
    }

    @Test func independentOfTheCanarySplitAndOfTrainingSplits() {
        let ids = Self.leadIds(10_000)
        let group = ControlGroup(share: 0.05)
        let canary = ids.filter { ServingSet.bucket(of: $0) < 10 }
        let rest = ids.filter { ServingSet.bucket(of: $0) >= 10 }
        let inCanary = Double(canary.filter(group.contains).count) / Double(canary.count)
        let inRest = Double(rest.filter(group.contains).count) / Double(rest.count)
        #expect(abs(inCanary - inRest) < 0.025, "control share \(inCanary) among canary leads, \(inRest) among the others")
        // The same hash family as SplitAssigner's with another seed: the lowest 5 % by each barely overlap
        // (25 expected by chance; the same seed would give 500).
        let lowest = Set(ids.sorted { SplitAssigner.mixedHash($0) < SplitAssigner.mixedHash($1) }.prefix(500))
        let overlap = ids.filter(group.contains).filter(lowest.contains).count
        #expect(overlap < 50, "\(overlap) control leads are also among the lowest 5 % of SplitAssigner's hash")
    }

    @Test func settingsReadTheShareAndRefuseAPercent() throws {
        let settings = try SyncSettingsLoader.parse("sync:\n  mode: recommend\n  control_group: 0.05\n")
        #expect(settings.controlGroup == ControlGroup(share: 0.05))
        #expect(try SyncSettingsLoader.parse("sync:\n  mode: recommend\n").controlGroup.share == 0)
        for text in ["5", "-0.1", "half"] {
            do {
                _ = try SyncSettingsLoader.parse("sync:\n  mode: recommend\n  control_group: \(text)\n", source: "prod.yaml")
                Issue.record("control_group: \(text) was accepted")
            } catch let errors as InputErrors {
                let error = try #require(errors.errors.first)
                #expect(errors.errors.count == 1 && error.field == "sync.control_group" && error.line == 3 && error.source == "prod.yaml")
                #expect(error.fix.contains("0.05"))
            }
        }
    }

    /// Route mode with a third of the leads as control: every intake lead outside the control group moves to
    /// its route's owner with a Task; control leads get the same score fields but keep their owner, get no
    /// Task and no hot-lead event.
    @Test func routeModeWritesControlLeadsButNeverRoutesThem() async throws {
        try await SyncFixture.run(leads: 800) { org in
            let before = try await SyncFollowUpTests.owners(org)
            // Every owner but one counts as intake, so most open leads can be routed (to that one user).
            let user = try #require(before.values.filter { $0.hasPrefix("005") }.sorted().first)
            let intake = Set(before.values).subtracting([user])
            let tiers = org.models.production.scorer.bundle.policy.tiers
            var settings = SyncSettings()
            settings.mode = .route
            settings.intakeOwners = intake
            for tier in tiers { settings.routeOwners[tier.route] = user }
            settings.followUp.due = Dictionary(uniqueKeysWithValues: tiers.map { ($0.name, Duration.seconds(3_600)) })
            settings.hotLead.tiers = Set(tiers.map(\.name))
            settings.controlGroup = ControlGroup(share: 0.3)

            let summary = try await org.sync(settings)
            let after = try await SyncFollowUpTests.owners(org)
            let written = try await SyncFollowUpTests.tiers(org)
            let control = Set(before.keys.filter(settings.controlGroup.contains))
            let intakeLeads = Set(before.filter { intake.contains($0.value) }.keys)
            try #require(intakeLeads.intersection(control).count >= 20 && intakeLeads.subtracting(control).count >= 20,
                         "\(intakeLeads.count) intake leads, \(intakeLeads.intersection(control).count) control, \(before.count) open")
            #expect(summary.written == written.count && summary.failed == 0)
            #expect(summary.routed == intakeLeads.subtracting(control).intersection(written.keys).count)
            for (lead, owner) in before {
                let routed = intake.contains(owner) && !control.contains(lead) && written[lead] != nil
                #expect(after[lead] == (routed ? user : owner), "lead \(lead)")
            }
            #expect(control.filter { written[$0] != nil }.count >= control.count * 9 / 10, "control leads get their scores")

            let tasks = try await org.withClient { client in
                var leads: Set<String> = []
                try await client.query("SELECT WhoId FROM Task") { page in leads.formUnion(page.records.compactMap { $0["WhoId"]?.stringValue }) }
                return leads
            }
            #expect(!tasks.isEmpty && tasks.isDisjoint(with: control))
            let announced = Set(try await org.publishedEvents("Hot_Lead__e").compactMap { $0["Lead_Id__c"] as? String })
            #expect(!announced.isEmpty && announced.isDisjoint(with: control))
            #expect(announced == Set(written.keys).subtracting(control), "every other written lead entered a hot tier")

            let audit = try await org.store.auditEvents(leadId: nil, limit: 10_000).filter { $0.client == "salesforce-sync" }
            let details = Dictionary(audit.map { ($0.leadId!, $0.detail ?? "") }, uniquingKeysWith: { first, _ in first })
            for lead in written.keys {
                #expect(details[lead] == (control.contains(lead) ? "sync:control" : "sync:write"), "lead \(lead)")
            }
        }
    }
}
