import LeadscoreData
import LeadscoreModels
import Testing
@testable import LeadscoreService

/// The `service:` section of leadscore.yaml: read beside the training keys, mistakes named with line and key.
@Suite struct ServiceConfigTests {
    @Test func readsTheServiceSectionAndLeavesTrainingKeysAlone() throws {
        let text = """
            champion_metric: roc_auc
            service:
              port: 9090
              store:
                url: postgres://leadscore@db:5432/leadscore
              limits:
                max_batch_leads: 50
                requests_per_second: 20
              validation:
                unknown_fields: refuse
                out_of_range: warn
              cache:
                ttl_seconds: 0
              auth:
                failures_per_client: 3
                backoff_max_seconds: 60
            """
        let config = try ServiceConfigLoader.parse(text)
        #expect(config.authFailuresPerClient == 3 && config.authBackoffMaxSeconds == 60 && config.authFailuresPerSource == 20)
        #expect(config.port == 9090)
        #expect(config.storeURL == "postgres://leadscore@db:5432/leadscore")
        #expect(config.maxBatchLeads == 50 && config.requestsPerSecond == 20)
        #expect(config.validation.unknownFields == .refuse && config.validation.unknownPicklistValues == .other)
        #expect(config.validation.outOfRange == .warn && ServiceConfig().validation.outOfRange == .refuse)
        #expect(config.cacheTTLSeconds == 0)
        #expect(try TrainingConfigLoader.parse(text).championMetric == .rocAUC)
        #expect(try ServiceConfigLoader.parse("champion_metric: pr_auc\n") == ServiceConfig())
    }

    @Test func mistakesNameLineKeyAndFix() {
        let text = "service:\n  port: 99999\n  limts:\n    burst: 3\n  validation:\n    unknown_fields: maybe\n"
        do {
            _ = try ServiceConfigLoader.parse(text)
            Issue.record("expected errors")
        } catch let errors as InputErrors {
            let fields = errors.errors.compactMap(\.field)
            #expect(fields.contains("service.port"))
            #expect(fields.contains { $0.contains("limts") })
            #expect(fields.contains("service.validation.unknown_fields"))
            #expect(errors.errors.allSatisfy { $0.line != nil && !$0.fix.isEmpty })
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(throws: InputError.self) { try ServiceConfigLoader.parse("service: [unclosed\n") }
    }
}
