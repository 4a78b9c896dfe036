/// Puts tracked fields back to their value at the scoring moment while a snapshot reads its source.
///
/// For each source row and each contract field the history tracks, the row's text is replaced by the
/// value as of creation + `features.observation_days` (at most the snapshot's as-of time), before the
/// row is parsed and normalised like any other: types, picklist checks and PII handling stay exactly
/// as without history. The id, creation, label flag and label date fields are never rewritten (they
/// define the lead and its outcome), nor are fields the source lacks. Along the way it counts, per
/// tracked field, how many leads changed it after the observation point: the profile's evidence.
struct PointInTimeRewriter {
    /// One tracked contract field.
    private struct TrackedColumn {
        var name: String
        var historyField: Int32
        /// Source column to rewrite; `nil` when the field is left at today's value.
        var rewrite: Int?
        /// Source column holding today's value, for the counts.
        var sourceColumn: Int?
        var note: String?
    }

    /// Per-row flags for one tracked field.
    private static let hasValue: UInt8 = 1, hasChanges: UInt8 = 2, changedAfter: UInt8 = 4

    private let history: FieldHistory
    private let observationSeconds: Double
    private let asOf: Double
    private let idColumn: Int?
    private let createdColumn: Int?
    private let createdType: FieldType
    private let tracked: [TrackedColumn]
    private let untracked: [String]
    private let otherFields: [String]
    /// One byte per row ("has any history") then one per tracked field, for every row kept by pass 1.
    private var rowFlags: [UInt8] = []
    private var pending: [UInt8]

    init(history: FieldHistory, contract: DataContract, mapping: HeaderMapping, asOf: Double) {
        self.history = history
        self.asOf = asOf
        observationSeconds = Double(contract.features.observationDays) * 86_400
        func column(_ name: String?) -> Int? {
            contract.fields.firstIndex { $0.name == name }.flatMap { mapping.columnIndex[$0] }
        }
        idColumn = column(contract.idField)
        createdColumn = column(contract.createdField)
        createdType = contract.createdField.flatMap { contract.field(named: $0)?.type } ?? .datetime
        let reconstructable = Set(FieldHistory.reconstructableFields(of: contract))
        var tracked: [TrackedColumn] = [], untracked: [String] = []
        for (index, field) in contract.fields.enumerated() {
            guard let historyField = history.fieldNumber(field.name) else {
                if field.name != contract.idField, field.name != contract.createdField { untracked.append(field.name) }
                continue
            }
            let sourceColumn = mapping.columnIndex[index]
            var note: String?
            if !reconstructable.contains(field.name) {
                note = "defines the lead or its outcome, so it keeps today's value"
            } else if sourceColumn == nil {
                note = "not in the source, so it stays empty"
            }
            tracked.append(TrackedColumn(name: field.name, historyField: historyField,
                                         rewrite: note == nil ? sourceColumn : nil, sourceColumn: sourceColumn, note: note))
        }
        self.tracked = tracked
        self.untracked = untracked
        let contractNames = Set(contract.fields.map { $0.name.lowercased() })
        otherFields = history.fieldNames.filter { !contractNames.contains($0.lowercased()) }
        pending = [UInt8](repeating: 0, count: tracked.count + 1)
    }

    /// Rewrites `row` (source column order) in place; its flags are ``pendingFlags`` until the next row.
    mutating func rewrite(_ row: inout [String]) {
        for index in pending.indices { pending[index] = 0 }
        guard let idColumn, case let leadId = FieldParser.trimmed(row[idColumn]), history.hasRows(leadId: leadId) else {
            for (index, column) in tracked.enumerated() where column.sourceColumn.map({ hasText(row[$0]) }) == true {
                pending[index + 1] = Self.hasValue
            }
            return
        }
        pending[0] = 1
        var moment: Double?
        if let createdColumn, case let .success(created) = FieldParser.parse(row[createdColumn], as: createdType),
           let seconds = created.numeric {
            moment = min(seconds + observationSeconds, asOf)
        }
        for (index, column) in tracked.enumerated() {
            let today = column.sourceColumn.map { row[$0] } ?? ""
            var flags: UInt8 = 0
            var then = today
            if let moment {
                let found = history.value(field: column.historyField, leadId: leadId, today: today, at: moment)
                then = found.value
                if found.hasChanges { flags |= Self.hasChanges }
                if found.changedAfter { flags |= Self.changedAfter }
            } else if !history.changes(of: column.name, leadId: leadId).isEmpty {
                flags |= Self.hasChanges
            }
            if hasText(today) || hasText(then) { flags |= Self.hasValue }
            if let target = column.rewrite { row[target] = then }
            pending[index + 1] = flags
        }
    }

    /// The flags of the row last rewritten, for ``keepRow(flags:)`` once the row is known to be kept.
    var pendingFlags: [UInt8] { pending }

    /// Keeps a row's flags (``pendingFlags`` when it was rewritten): it passed validation and the time
    /// window. Rows are kept in source order.
    mutating func keepRow(flags: [UInt8]) {
        rowFlags.append(contentsOf: flags)
    }

    /// The manifest's history section, counted over the kept rows that `keep` (in kept-row order) retains.
    func summary(keep: [Bool]) -> SnapshotManifest.HistorySummary {
        let width = tracked.count + 1
        var leadsWithHistory = 0
        var withValue = [Int](repeating: 0, count: tracked.count)
        var withChanges = withValue, changedAfter = withValue
        for (row, kept) in keep.enumerated() where kept {
            let base = row * width
            if rowFlags[base] != 0 { leadsWithHistory += 1 }
            for index in tracked.indices {
                let flags = rowFlags[base + index + 1]
                if flags & Self.hasChanges != 0 { withChanges[index] += 1 }
                guard flags & Self.hasValue != 0 else { continue }
                withValue[index] += 1
                if flags & Self.changedAfter != 0 { changedAfter[index] += 1 }
            }
        }
        let fields = tracked.indices.map { index in
            SnapshotManifest.TrackedField(
                name: tracked[index].name, reconstructed: tracked[index].rewrite != nil, note: tracked[index].note,
                leadsWithValue: withValue[index], leadsWithChanges: withChanges[index],
                leadsChangedAfterObservation: changedAfter[index],
                changedAfterObservationShare: withValue[index] == 0 ? 0 : Double(changedAfter[index]) / Double(withValue[index]))
        }
        return SnapshotManifest.HistorySummary(
            source: history.source, observationDays: Int(observationSeconds / 86_400), rows: history.rowCount,
            rejectedRows: history.rejectedRowCount, leadsWithHistory: leadsWithHistory, trackedFields: fields,
            untrackedFields: untracked, otherFields: otherFields)
    }

    /// What a reviewer must know about the history: unreadable rows, and a history that changed nothing.
    func warnings(for summary: SnapshotManifest.HistorySummary) -> [String] {
        var warnings: [String] = []
        let location = summary.source.location
        if let first = history.problems.first {
            warnings.append("\(location): \(summary.rejectedRows) history rows left out as unreadable, e.g. "
                + "line \(first.line ?? 1)\(first.field.map { " (\($0))" } ?? ""): \(first.problem)")
        }
        if summary.trackedFields.isEmpty {
            warnings.append("\(location) tracks none of the contract's fields (it has \(otherFields.joined(separator: ", "))); "
                + "every field holds today's value")
        } else if summary.leadsWithHistory == 0 {
            warnings.append("no lead in the snapshot has a row in \(location): check that the Lead and LeadHistory "
                + "exports come from the same org")
        }
        return warnings
    }

    private func hasText(_ text: String) -> Bool {
        !FieldParser.trimmed(text).isEmpty
    }
}
