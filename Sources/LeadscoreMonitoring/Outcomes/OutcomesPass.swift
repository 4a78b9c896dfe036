import Foundation
import LeadscoreData
import LeadscoreService

/// `leadscore outcomes`: the delayed-label performance of the scores. Streams the audit log for each
/// lead's first scoring (``FirstScoringScan``), groups leads by the ISO week of it, holds back weeks whose
/// label window is still open for some lead, asks the outcome source only about the leads of the
/// closed weeks, and measures each closed week (``CohortMetrics``, ``TierOutcome``, ``ControlComparison``).
///
/// A lead's label follows its scoring model's contract (``LabelRule``): the flag, and with a date field
/// the event within the window after creation. A lead created after its first scoring counts from the
/// scoring. Leads whose outcome was settled before they were scored say nothing about the model and are
/// left out, counted; leads the source does not know are counted as missing.
public enum OutcomesPass {
    public static func run(store: any ServiceStore, settings: MonitoringSettings, source: any OutcomeSource,
                           now: Date = Date()) async throws -> CohortReport {
        let labels = try await ModelLabels.load(store: store, defaultWindowDays: settings.outcomes.windowDays)
        let scan = try await FirstScoringScan.run(store: store, to: now)
        var notes = labels.notes

        var weeks: [ISOWeek: [String]] = [:]
        for (key, lead) in scan.leads { weeks[ISOWeek(containing: lead.at), default: []].append(key) }
        var closed: [(week: ISOWeek, keys: [String])] = []
        var pending: [CohortReport.PendingCohort] = []
        for (week, keys) in weeks.sorted(by: { $0.key < $1.key }) {
            let lastClose = keys.lazy.map { key in
                let lead = scan.leads[key]!
                return lead.at.addingTimeInterval(labels.window(for: lead.version))
            }.max()!
            let closesAt = max(lastClose, week.end)
            if closesAt <= now {
                closed.append((week, keys.sorted()))
            } else {
                pending.append(CohortReport.PendingCohort(week: week.label, weekStart: week.start, leads: keys.count,
                                                          closesAt: closesAt))
            }
        }

        var leadsByVersion: [String: Int] = [:]
        for (_, keys) in closed { for key in keys { leadsByVersion[scan.leads[key]!.version, default: 0] += 1 } }
        let (fields, fieldsNote) = labels.fields(for: leadsByVersion)
        notes += [labels.missingModelsNote(leadsByVersion.keys), fieldsNote].compactMap { $0 }
        let wanted = Set(closed.flatMap(\.keys))
        let lookup = wanted.isEmpty ? OutcomeLookup(outcomes: [:], hasStatus: false)
            : try await source.outcomes(for: wanted, fields: fields)
        notes += lookup.notes

        let builder = CohortBuilder(scan: scan, labels: labels, lookup: lookup, unworked: settings.outcomes.unworkedStatuses,
                                    tierOrder: labels.tierOrder(for: leadsByVersion), now: now)
        var cohorts: [CohortReport.Cohort] = []
        var overall = CohortBuilder.ControlCounts()
        var missingExamples: [String] = []
        for (week, keys) in closed {
            let (cohort, counts, missing) = builder.cohort(week: week, keys: keys)
            cohorts.append(cohort)
            overall.add(counts)
            missingExamples += missing.prefix(5 - missingExamples.count)
        }
        let missingTotal = cohorts.map(\.missingOutcomes).reduce(0, +)
        if missingTotal > 0 {
            notes.append("\(missingTotal) scored leads of the closed cohorts are not in \(source.name) (deleted, merged, or "
                + "outside the export): counted as missing, not as unconverted")
        }
        return CohortReport(asOf: now, source: source.name, auditRows: scan.rows, leadsScored: scan.leads.count,
                            cohorts: cohorts, pending: pending, missingOutcomes: missingTotal, missingExamples: missingExamples,
                            control: overall.comparison, notes: notes)
    }
}
