import Foundation
import LeadscoreData
import LeadscoreDevSalesforce
import Testing

/// The faults file: every key read, mistakes named with the key and the fix, all at once.
@Suite struct FaultPlanTests {
    @Test func everyKeyIsRead() throws {
        let plan = try FaultPlan.parse("""
            seed: 7
            server_unavailable: 0.05
            request_limit_exceeded: 0.02
            unable_to_lock_row:
              rate: 0.1
              scope: request
            slow:
              rate: 0.1
              delay_seconds: 2
            dropped_connections: 0.01
            session_expires_after_calls: 50
            daily_api_limit: 1000
            hidden_fields: [AnnualRevenue, Email]
            token_endpoint: true
            """, source: "faults.yaml")
        #expect(plan.seed == 7)
        #expect(plan.serverUnavailableRate == 0.05)
        #expect(plan.requestLimitExceededRate == 0.02)
        #expect(plan.unableToLockRowRate == 0.1)
        #expect(plan.unableToLockRowScope == .request)
        #expect(plan.slowRate == 0.1 && plan.slowDelaySeconds == 2)
        #expect(plan.droppedConnectionRate == 0.01)
        #expect(plan.sessionExpiresAfterCalls == 50)
        #expect(plan.dailyAPILimit == 1_000)
        #expect(plan.hiddenFields == ["AnnualRevenue", "Email"])
        #expect(plan.includesTokenEndpoint)
        #expect(try FaultPlan.parse("", source: "empty.yaml") == .none)
    }

    @Test func mistakesNameTheKeyAndAreReportedTogether() throws {
        do {
            _ = try FaultPlan.parse("""
                server_unavailabel: 0.1
                request_limit_exceeded: 1.5
                slow:
                  rate: 0.5
                unable_to_lock_row:
                  rate: 0.1
                  scope: table
                """, source: "faults.yaml")
            Issue.record("the plan should have been refused")
        } catch let errors as InputErrors {
            let fields = errors.errors.compactMap(\.field)
            #expect(fields.contains("server_unavailabel"))
            #expect(fields.contains("request_limit_exceeded"))
            #expect(fields.contains("slow.delay_seconds"))
            #expect(fields.contains("unable_to_lock_row.scope"))
            #expect(errors.description.contains("did you mean 'server_unavailable'"))
            #expect(errors.errors.allSatisfy { $0.line != nil || $0.field == "slow.delay_seconds" })
        }
    }

    @Test func hiddenFieldsMustExistOnLead() async throws {
        var plan = FaultPlan()
        plan.hiddenFields = ["AnualRevenue"]
        let configuration = DevSalesforceConfiguration(orgDirectory: try DevServerFixture.makeOrg(), faults: plan)
        #expect(throws: InputError.self) {
            _ = try DevSalesforceServer(configuration: configuration, logger: DevServerFixture.logger)
        }
    }
}
