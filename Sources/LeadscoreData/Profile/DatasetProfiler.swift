import Foundation

/// Profiles every column of a snapshot: null rate, distinct values, top values, drift (PSI) between
/// the earliest and latest quarter of the time span, single-feature AUC, field history (when the
/// snapshot was built with it) and the leakage review (a level and its evidence, see `LeakageReview`).
public enum DatasetProfiler {
    public static func profile(_ snapshot: Snapshot) -> DatasetProfile {
        let table = snapshot.table
        let contract = snapshot.contract
        let manifest = snapshot.manifest
        let labels = table.labels.map { $0 == 1 }
        let positives = labels.filter { $0 }.count
        var warnings = manifest.warnings

        let periods = psiPeriods(table: table, contract: contract)
        if periods == nil {
            warnings.append("PSI not computed: the snapshot has no creation date to order leads in time")
        }
        let fields = profileFields(table: table, contract: contract,
                                   history: historyEvidence(manifest.history, contract: contract), periods: periods)
        return DatasetProfile(
            snapshotId: manifest.snapshotId, contract: "\(manifest.contract.name) rev \(manifest.contract.revision)",
            rows: table.rowCount, positives: positives,
            baseRate: table.rowCount == 0 ? 0 : Double(positives) / Double(table.rowCount),
            splitMethod: manifest.split.method, window: manifest.window,
            psiPeriods: periods?.summary, fields: fields, warnings: warnings)
    }

    /// The leakage review alone, as `profile(snapshot).leakageSuspects` gives it, without the parts of a
    /// profile the review does not read (numeric summaries, distinct counts, top values, PSI): what
    /// `train` runs before fitting.
    public static func leakageSuspects(_ snapshot: Snapshot) -> [LeakageSuspect] {
        let fields = profileFields(table: snapshot.table, contract: snapshot.contract,
                                   history: historyEvidence(snapshot.manifest.history, contract: snapshot.contract),
                                   periods: nil, reviewOnly: true)
        return fields.compactMap { field in
            field.leakageLevel.map { LeakageSuspect(name: field.name, level: $0, evidence: field.leakageEvidence) }
        }
    }

    /// Every column's profile; `history` is each column's field-history evidence (empty without history),
    /// `periods` what PSI compares (none: no PSI). `reviewOnly` leaves out what the leakage review does not read.
    static func profileFields(table: LeadTable, contract: DataContract, history: [String: FieldProfile.HistoryEvidence],
                              periods: Periods?, reviewOnly: Bool = false) -> [FieldProfile] {
        let labels = table.labels.map { $0 == 1 }
        let eventTimes: [Double]? = contract.label.dateField.flatMap { table.column($0) }.flatMap { column in
            if case let .numeric(numbers) = column { return numbers.values }
            return nil
        }
        let roles = columnRoles(contract)
        // Columns are profiled independently: side by side on the cores, returned in table order.
        let profiles = ParallelJobs.map(table.columnNames.count,
                                        workers: ProcessInfo.processInfo.activeProcessorCount) { index -> FieldProfile? in
            let name = table.columnNames[index]
            guard let column = table.column(name) else { return nil }
            let role = roles[name] ?? "feature"
            return profileColumn(
                name: name, column: column, role: role, spec: contract.field(named: name),
                labels: labels, eventTimes: role == "label" ? nil : eventTimes, periods: periods,
                history: history[name], reviewOnly: reviewOnly)
        }
        return profiles.compactMap { $0 }
    }

    /// Role of each snapshot column, from the contract.
    static func columnRoles(_ contract: DataContract) -> [String: String] {
        var roles: [String: String] = [:]
        for field in contract.fields {
            let role: String
            if contract.labelFieldNames.contains(field.name) {
                role = "label"
            } else if field.name == contract.createdField {
                role = "created"
            } else if field.name == contract.idField {
                role = "id"
            } else if field.pii {
                role = "hashed_pii"
            } else {
                switch field.scoring {
                case .allowed: role = "feature"
                case .leakage: role = "leakage"
                case .excluded: role = "excluded"
                }
            }
            roles[field.name] = role
            for derivation in field.derive { roles[derivation.columnName(for: field.name)] = "derived" }
        }
        return roles
    }

    /// Each snapshot column's field-history evidence, from the manifest; derived columns share their
    /// field's (they change when it does). Empty for a snapshot built without history.
    private static func historyEvidence(_ summary: SnapshotManifest.HistorySummary?,
                                contract: DataContract) -> [String: FieldProfile.HistoryEvidence] {
        guard let summary else { return [:] }
        let tracked = Dictionary(summary.trackedFields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var evidence: [String: FieldProfile.HistoryEvidence] = [:]
        for field in contract.fields {
            let record = tracked[field.name]
            let fieldEvidence = FieldProfile.HistoryEvidence(
                tracked: record != nil, reconstructed: record?.reconstructed ?? false,
                observationDays: summary.observationDays, leadsWithValue: record?.leadsWithValue,
                changedAfterObservationShare: record?.changedAfterObservationShare)
            for column in field.snapshotColumns { evidence[column] = fieldEvidence }
        }
        return evidence
    }

    struct Periods {
        var baseline: [Int]
        var recent: [Int]
        /// Creation times, so date fields are compared as "days after creation" (raw timestamps
        /// always drift, which says nothing).
        var created: [Double]
        var summary: DatasetProfile.PSIPeriods
    }

    /// The first and last quarter of the creation-time span.
    private static func psiPeriods(table: LeadTable, contract: DataContract) -> Periods? {
        guard let createdField = contract.createdField, case let .numeric(created)? = table.column(createdField) else {
            return nil
        }
        let times = created.values.filter { !$0.isNaN }
        guard let first = times.min(), let last = times.max(), last > first else { return nil }
        let quarter = (last - first) / 4
        let baselineEnd = first + quarter, recentStart = last - quarter
        var baseline: [Int] = [], recent: [Int] = []
        for (row, time) in created.values.enumerated() where !time.isNaN {
            if time < baselineEnd { baseline.append(row) }
            if time >= recentStart { recent.append(row) }
        }
        let format = SalesforceDate.formatDate
        return Periods(baseline: baseline, recent: recent, created: created.values, summary: .init(
            baselineFrom: format(first), baselineTo: format(baselineEnd), recentFrom: format(recentStart),
            recentTo: format(last), baselineRows: baseline.count, recentRows: recent.count))
    }

    private static func profileColumn(name: String, column: TableColumn, role: String, spec: FieldSpec?, labels: [Bool],
                                      eventTimes: [Double]?, periods: Periods?,
                                      history: FieldProfile.HistoryEvidence?, reviewOnly: Bool) -> FieldProfile {
        let rows = labels.count
        var present = [Bool](repeating: false, count: rows)
        var topValues: [FieldProfile.ValueCount] = []
        var summary: FieldProfile.NumericSummary?
        var distinct = 0
        var psi: Double?
        var outcomeValues: OutcomeValues?
        switch column {
        case let .numeric(numbers):
            for row in 0..<rows { present[row] = !numbers.values[row].isNaN }
            guard !reviewOnly else { break }
            let filled = numbers.values.filter { !$0.isNaN }.sorted()
            distinct = Set(filled).count
            if let low = filled.first, let high = filled.last {
                summary = .init(min: low, median: filled[filled.count / 2], max: high)
            }
            if let periods, role != "created", role != "id" {
                let value: (Int) -> Double = numbers.type.isTemporal
                    ? { numbers.values[$0] - periods.created[$0] }
                    : { numbers.values[$0] }
                psi = PopulationStability.index(baseline: periods.baseline.map(value), recent: periods.recent.map(value))
            }
        case let .categorical(text):
            var counts = [Int](repeating: 0, count: text.levels.count)
            for (row, code) in text.codes.enumerated() where code >= 0 {
                counts[Int(code)] += 1
                present[row] = true
            }
            distinct = counts.filter { $0 > 0 }.count
            if LeakageReview.modelInputRoles.contains(role) { outcomeValues = OutcomeValues.scan(text, labels: labels) }
            if role != "hashed_pii", !reviewOnly {
                topValues = counts.indices.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : text.levels[$0] < text.levels[$1] }
                    .prefix(5)
                    .map { .init(value: text.levels[$0], count: counts[$0], share: Double(counts[$0]) / Double(max(rows, 1))) }
            }
            if let periods, role != "hashed_pii", role != "id" {
                let value: (Int) -> String? = { text.codes[$0] < 0 ? nil : text.levels[Int(text.codes[$0])] }
                psi = PopulationStability.index(baseline: periods.baseline.map(value), recent: periods.recent.map(value))
            }
        }
        let identifying = role == "hashed_pii" || role == "id"
        let auc = identifying ? nil : SingleFeatureAUC.compute(bins: SingleFeatureAUC.bins(for: column), labels: labels)
        let positives = max(labels.filter { $0 }.count, 1), negatives = max(rows - labels.filter { $0 }.count, 1)
        let presentPositives = zip(present, labels).filter { $0.0 && $0.1 }.count
        let presentNegatives = zip(present, labels).filter { $0.0 && !$0.1 }.count
        let evidence = LeakageRules.Evidence(
            role: role, contractNote: spec?.note, auc: auc,
            presentAmongPositives: Double(presentPositives) / Double(positives),
            presentAmongNegatives: Double(presentNegatives) / Double(negatives),
            afterEventShare: afterEventShare(column: column, labels: labels, eventTimes: eventTimes),
            history: history)
        let reasons = identifying ? [] : LeakageRules.reasons(for: evidence)
        let suspect = identifying ? nil : LeakageReview.assess(.init(
            name: name, label: spec?.label, role: role, ruleReasons: reasons, auc: auc,
            missingness: .missingness(present: present, labels: labels),
            values: outcomeValues, history: history))
        return FieldProfile(
            name: name, type: column.type.rawValue, role: role,
            nullRate: rows == 0 ? 0 : 1 - Double(present.filter { $0 }.count) / Double(rows),
            distinct: distinct, topValues: topValues, numericSummary: summary, psi: psi, singleFeatureAUC: auc,
            leakageSuspect: suspect != nil, leakageReasons: reasons, leakageLevel: suspect?.level,
            leakageEvidence: suspect?.evidence ?? [], history: history)
    }

    /// Among positives with both dates, the share whose value is more than a day after the event.
    private static func afterEventShare(column: TableColumn, labels: [Bool], eventTimes: [Double]?) -> Double? {
        guard let eventTimes, column.type.isTemporal, case let .numeric(numbers) = column else { return nil }
        var both = 0, after = 0
        for row in labels.indices where labels[row] && !numbers.values[row].isNaN && !eventTimes[row].isNaN {
            both += 1
            if numbers.values[row] > eventTimes[row] + 86_400 { after += 1 }
        }
        return both < 10 ? nil : Double(after) / Double(both)
    }
}
