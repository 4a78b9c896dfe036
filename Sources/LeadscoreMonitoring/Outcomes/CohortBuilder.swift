import Foundation
import LeadscoreData

/// Measures one closed cohort: joins each lead's first scoring with its outcome, labels it by its
/// model's contract as of the report's time, and gathers the figures of ``CohortReport/Cohort``.
struct CohortBuilder {
    let scan: FirstScoringScan
    let labels: ModelLabels
    let lookup: OutcomeLookup
    let unworked: Set<String>
    let tierOrder: [String]
    let now: Date

    /// Top-tier leads written outside the control group, and those held back as control.
    struct ControlCounts {
        var tiers: Set<String> = []
        var routedLeads = 0, routedConversions = 0
        var controlLeads = 0, controlConversions = 0

        mutating func add(_ other: ControlCounts) {
            tiers.formUnion(other.tiers)
            routedLeads += other.routedLeads
            routedConversions += other.routedConversions
            controlLeads += other.controlLeads
            controlConversions += other.controlConversions
        }

        /// nil without control leads: there is nothing to compare with.
        var comparison: ControlComparison? {
            guard controlLeads > 0 else { return nil }
            return ControlComparison(topTiers: tiers.sorted(), routed: GroupRate(leads: routedLeads, conversions: routedConversions),
                                     control: GroupRate(leads: controlLeads, conversions: controlConversions))
        }
    }

    /// `keys` in lead-key order (the order ties on score are broken in). Returns the cohort, its control
    /// counts, and the ids of its leads with no outcome.
    func cohort(week: ISOWeek, keys: [String]) -> (CohortReport.Cohort, ControlCounts, [String]) {
        var scores: [Int] = [], converted: [Bool] = []
        var tierRows: [(tier: String, converted: Bool, status: String?)] = []
        var missing: [String] = []
        var convertedBefore = 0, windowClosedBefore = 0
        var control = ControlCounts()
        var versions: Set<String> = []
        for key in keys {
            let lead = scan.leads[key]!
            versions.insert(lead.version)
            guard let outcome = lookup.outcomes[key] else {
                missing.append(lead.leadId)
                continue
            }
            let scoredAt = lead.at.timeIntervalSince1970
            let window = labels.window(for: lead.version)
            // A conversion dated a whole day before the scoring (ConvertedDate has no time) was known to it.
            if lead.detail == FirstScoringScan.convertedDetail
                || (outcome.converted && (outcome.convertedAt.map { $0 + 86_400 <= scoredAt } ?? false)) {
                convertedBefore += 1
                continue
            }
            if let created = outcome.createdAt, created + window < scoredAt {
                windowClosedBefore += 1
                continue
            }
            let rule = LabelRule(definition: labels.label(for: lead.version), asOf: now.timeIntervalSince1970)
            let positive = rule.outcome(created: min(outcome.createdAt ?? scoredAt, scoredAt), flag: outcome.converted,
                                        eventTime: outcome.convertedAt) == .positive
            scores.append(lead.score)
            converted.append(positive)
            tierRows.append((lead.tier ?? "(none)", positive, lookup.hasStatus ? outcome.status : nil))
            if let top = labels.topTier(for: lead.version), lead.tier == top, lead.control || lead.written {
                control.tiers.insert(top)
                if lead.control {
                    control.controlLeads += 1
                    if positive { control.controlConversions += 1 }
                } else {
                    control.routedLeads += 1
                    if positive { control.routedConversions += 1 }
                }
            }
        }
        let cohort = CohortReport.Cohort(
            week: week.label, weekStart: week.start, versions: versions.sorted(),
            windowDays: Set(versions.map { Int(labels.window(for: $0) / 86_400) }).sorted(), leads: keys.count,
            missingOutcomes: missing.count, convertedBeforeScoring: convertedBefore, windowClosedBeforeScoring: windowClosedBefore,
            metrics: CohortMetrics.compute(scores: scores, labels: converted),
            tiers: TierOutcome.tiers(tierRows, order: tierOrder, unworked: unworked), control: control.comparison)
        return (cohort, control, missing)
    }
}
