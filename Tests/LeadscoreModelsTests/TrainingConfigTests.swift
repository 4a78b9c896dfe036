import Foundation
import Testing
@testable import LeadscoreData
@testable import LeadscoreModels

/// `leadscore.yaml`: every setting read, every mistake named with its line, key and fix.
struct TrainingConfigTests {
    @Test func readsAFullConfig() throws {
        let config = try TrainingConfigLoader.parse("""
            champion_metric: roc_auc
            trees: {max_depth: 4, learning_rate: 0.05}
            logistic: {l2: [0.001, 0.1]}
            calibration: [isotonic]
            rules:
              decay_field: LastActivityDate
              points:
                - {field: Demo_Requested__c, equals: "true", points: 30, engagement: true}
                - {field: Pricing_Page_Visits__c, each: 5, cap: 20}
            tiers:
              by: capacity
              min_top_precision: 0.3
              levels:
                - {name: A, label: Hot, capacity: 200/day, route: Hot}
                - {name: B, capacity: 700/week, route: Warm}
                - {name: C, route: Nurture}
            overrides:
              - {field: LeadSource, equals: Partner, route: Partner_Queue}
            explanations: {top: 3, templates: {Pricing_Page_Visits__c: "Visited pricing {value} times"}}
            """)
        #expect(config.championMetric == .rocAUC)
        #expect(config.trees.maxDepth == 4 && config.trees.learningRate == 0.05)
        #expect(config.logistic.l2Grid == [0.001, 0.1])
        #expect(config.calibration == [.isotonic])
        #expect(config.rules?.rules.count == 2)
        #expect(config.rules?.rules[1].pointsEach == 5)
        #expect(config.tiers.method == .capacity)
        #expect(config.tiers.levels.map(\.capacityPerDay) == [200, 100, nil])
        #expect(config.overrides.first?.route == "Partner_Queue")
        #expect(config.explanations.templates["Pricing_Page_Visits__c"] == "Visited pricing {value} times")
    }

    @Test func namesTheKeyTheLineAndTheFix() throws {
        do {
            _ = try TrainingConfigLoader.parse("""
                champion_metrc: pr_auc
                trees: {max_depth: 99}
                tiers:
                  by: capacity
                  levels:
                    - {name: A, route: Hot}
                    - {name: C, route: Nurture}
                rules:
                  points:
                    - {field: X, points: 3, each: 2}
                """)
            Issue.record("the config should have been refused")
        } catch let errors as InputErrors {
            let text = errors.description
            #expect(text.contains("line 1") && text.contains("did you mean 'champion_metric'"))
            #expect(text.contains("trees.max_depth") && text.contains("between 1 and 16"))
            #expect(text.contains("tiers.levels[0].capacity") && text.contains("200/day"))
            #expect(text.contains("rules.points[0]") && text.contains("exactly one of"))
        }
    }

    @Test func capacityTiersFollowTheArrivalRateAndTheMinimumPrecision() {
        // 1000 validation leads with probabilities 0.000…0.999; label = probability > 0.7.
        let probabilities = (0..<1000).map { Double($0) / 1000 }
        let labels = probabilities.map { $0 > 0.7 }
        var settings = TierSettings()
        settings.method = .capacity
        settings.levels = [TierLevel(name: "A", label: "Hot", capacityPerDay: 50, route: "Hot"),
                           TierLevel(name: "B", label: "Warm", capacityPerDay: 150, route: "Warm"),
                           TierLevel(name: "C", label: "Rest", route: "Nurture")]
        let plan = TierPlanner.plan(settings: settings, probabilities: probabilities, labels: labels, arrivalPerDay: 500)
        // A takes 50/500 = 10% (100 leads: ≥ 0.900), B the next 30% (≥ 0.600).
        #expect(plan.tiers.map(\.minProbability) == [0.9, 0.6, 0])
        settings.levels[0].capacityPerDay = 400
        settings.levels[1].capacityPerDay = 50
        settings.minimumTopPrecision = 0.9
        let raised = TierPlanner.plan(settings: settings, probabilities: probabilities, labels: labels, arrivalPerDay: 500)
        // 80% of leads would have precision 0.3/0.8; the lowest threshold with precision ≥ 0.9 is 0.668 (299 of 332).
        #expect(abs(raised.tiers[0].minProbability - 0.668) < 1e-9)
        #expect(!raised.notes.isEmpty)
        #expect(raised.tiers[1].minProbability <= raised.tiers[0].minProbability)
    }
}
