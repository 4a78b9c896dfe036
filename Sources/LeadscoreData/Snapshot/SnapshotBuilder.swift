import Foundation

/// What a snapshot should be made of.
public struct SnapshotRequest: Sendable {
    public var source: any RecordSource
    public var contract: DataContract
    /// The contract file's exact text, copied into the snapshot and hashed for the manifest.
    public var contractText: String
    /// Creation-time window `[from, to)`, seconds since epoch.
    public var from: Double?
    public var to: Double?
    /// When outcomes were last observable; defaults to `to`, else the newest creation time.
    public var asOf: Double?
    public var split: SplitPlan
    public var salt: PIISalt?
    /// Stop at the first bad row instead of reporting it and going on.
    public var strict: Bool
    /// Give up when more than this share of rows is rejected (the export or contract is likely wrong).
    public var maxRejectedShare: Double
    /// The org's LeadHistory: tracked fields then hold their value as of creation + the contract's
    /// `features.observation_days` (at most the as-of time) instead of today's value.
    public var history: FieldHistory?

    public init(source: any RecordSource, contract: DataContract, contractText: String, from: Double? = nil,
                to: Double? = nil, asOf: Double? = nil, split: SplitPlan = .standard, salt: PIISalt? = nil,
                strict: Bool = false, maxRejectedShare: Double = 0.2, history: FieldHistory? = nil) {
        self.source = source
        self.contract = contract
        self.contractText = contractText
        self.from = from
        self.to = to
        self.asOf = asOf
        self.split = split
        self.salt = salt
        self.strict = strict
        self.maxRejectedShare = maxRejectedShare
        self.history = history
    }
}

/// Builds an immutable, checksummed dataset snapshot from a source and a contract.
///
/// Two passes: the first validates and normalises each row into a staging file (as the CSV bytes it
/// will be written with) while keeping only what labels and splits need (creation time, flag, event
/// time); the second labels, splits and writes `leads.csv`, copying the staged bytes. Everything
/// happens in a hidden directory renamed into place at the end.
/// With field history, each row's tracked fields are first put back to their value at the scoring
/// moment (``PointInTimeRewriter``); that needs the as-of time up front, so when neither `asOf` nor
/// `to` is given, one extra read of the source finds the newest creation time first.
public enum SnapshotBuilder {
    /// Source rows normalised together on all cores.
    static let chunkRows = 8_192

    /// A source row read but not yet normalised: unreadable, or its values (put back in time, with the
    /// history flags the rewriter gave it).
    private enum PendingRow: Sendable {
        case malformed(line: Int, reason: String)
        case row(line: Int, values: [String], historyFlags: [UInt8]?)
    }

    /// A source row's normalisation, its split key and its staged bytes.
    private struct NormalizedRow: Sendable {
        var outcome: RowNormalizer.Outcome
        var key: UInt64
        var encoded: [UInt8]
    }

    /// Normalises a chunk on all cores; pure, so it runs while the next chunk is read.
    private static func normalize(_ rows: [PendingRow], with normalizer: RowNormalizer) -> [NormalizedRow?] {
        ParallelRows.map(rows.count) { index -> NormalizedRow? in
            guard case let .row(_, values, _) = rows[index] else { return nil }
            let outcome = normalizer.normalize(values)
            guard case let .success(normalized) = outcome.result else {
                return NormalizedRow(outcome: outcome, key: 0, encoded: [])
            }
            return NormalizedRow(outcome: outcome,
                                 key: SplitAssigner.rowKey(leadId: normalized.leadId, content: normalized.values),
                                 encoded: CSVWriter.encode(normalized.values))
        }
    }

    @discardableResult
    public static func build(_ request: SnapshotRequest, to destination: URL) throws -> SnapshotManifest {
        let contract = request.contract
        if contract.fields.contains(where: { $0.pii && $0.piiAction == .hash }), request.salt == nil {
            throw InputError(source: "PII salt", problem: "the contract hashes personal data but no salt is set",
                             fix: "set LEADSCORE_PII_SALT (or LEADSCORE_PII_SALT_FILE) to a long random secret")
        }
        let output = try AtomicDirectory(destination: destination)
        do {
            let manifest = try write(request, into: output.staging)
            try output.commit()
            return manifest
        } catch {
            output.discard()
            throw error
        }
    }

    private static func write(_ request: SnapshotRequest, into directory: URL) throws -> SnapshotManifest {
        let contract = request.contract
        let sourceDescription = try request.source.describe()
        let cursor = try request.source.makeCursor()
        let sourceName = sourceDescription.location
        let mapping = try HeaderMapping(columns: cursor.columns, contract: contract, sourceName: sourceName)
        var normalizer = RowNormalizer(contract: contract, mapping: mapping, salt: request.salt)
        var knownAsOf = request.asOf ?? request.to
        var rewriter: PointInTimeRewriter?
        if let history = request.history {
            try checkRejectedRows(of: history, request: request)
            knownAsOf = try knownAsOf ?? newestCreation(request, mapping: mapping)
            rewriter = PointInTimeRewriter(history: history, contract: contract, mapping: mapping, asOf: knownAsOf ?? 0)
        }

        // Pass 1: validate and normalise into a staging file.
        let staging = try StagingRows(url: directory.appendingPathComponent(".rows.staging"))
        let rejects = try CSVWriter(url: directory.appendingPathComponent(SnapshotManifest.rejectsFile),
                                    header: ["line", "field", "reason"])
        var created: [Double?] = [], flags: [Bool] = [], events: [Double?] = [], keys: [UInt64] = []
        var sourceRows = 0, outsideWindow = 0
        func reject(line: Int, field: String?, reason: String) throws {
            if request.strict {
                throw InputError(source: sourceName, line: line, field: field, problem: reason,
                                 fix: "correct the row, or run without --strict to skip bad rows")
            }
            try rejects.write([String(line), field, reason])
        }
        // Rows are read (and put back in time) in source order, normalised on all cores a chunk at a time
        // while the next chunk is read, then rejected or kept and staged in source order: the snapshot is the
        // same as row by row.
        func merge(_ pending: [PendingRow], _ outcomes: [NormalizedRow?]) throws {
            for (entry, computed) in zip(pending, outcomes) {
                switch entry {
                case let .malformed(line, reason):
                    try reject(line: line, field: nil, reason: reason)
                case let .row(line, _, historyFlags):
                    guard let computed else { continue }
                    normalizer.count(computed.outcome)
                    switch computed.outcome.result {
                    case let .failure(rejection):
                        try reject(line: line, field: rejection.field, reason: rejection.reason)
                    case let .success(normalized):
                        if let time = normalized.created {
                            if let from = request.from, time < from { outsideWindow += 1; continue }
                            if let to = request.to, time >= to { outsideWindow += 1; continue }
                        }
                        try staging.append(computed.encoded)
                        created.append(normalized.created)
                        flags.append(normalized.labelFlag)
                        events.append(normalized.labelEventTime)
                        keys.append(computed.key)
                        if let historyFlags { rewriter?.keepRow(flags: historyFlags) }
                    }
                }
            }
        }
        var chunk: [PendingRow] = []
        var inFlight: (rows: [PendingRow], outcomes: InFlight<[NormalizedRow?]>)?
        func submit() throws {
            let rows = chunk, pure = normalizer
            chunk = []
            let previous = inFlight
            inFlight = (rows, InFlight { Self.normalize(rows, with: pure) })
            if let previous { try merge(previous.rows, previous.outcomes.wait()) }
        }
        do {
            while let record = try cursor.next() {
                sourceRows += 1
                switch record {
                case let .malformed(problem):
                    chunk.append(.malformed(line: problem.line, reason: problem.reason))
                case let .row(row):
                    var values = row.values
                    rewriter?.rewrite(&values)
                    chunk.append(.row(line: row.line, values: values, historyFlags: rewriter?.pendingFlags))
                }
                if chunk.count == Self.chunkRows { try submit() }
            }
            try submit()
            if let last = inFlight {
                inFlight = nil
                try merge(last.rows, last.outcomes.wait())
            }
        } catch {
            _ = try? inFlight?.outcomes.wait()  // nothing keeps running once the build has failed
            throw error
        }
        try staging.finishWriting()
        let rejectsHash = try rejects.finish()
        let rejected = rejects.rowsWritten
        if sourceRows > 0, Double(rejected) > request.maxRejectedShare * Double(sourceRows) {
            throw InputError(
                source: sourceName, problem: "\(rejected) of \(sourceRows) rows were rejected",
                fix: "see the reasons with --strict (stops at the first), fix the export or the contract's types, "
                    + "or raise --max-rejected")
        }

        // Labels need the as-of time, which may come from the data itself.
        let hasCreated = contract.createdField != nil
        let asOf = knownAsOf ?? created.compactMap { $0 }.max() ?? 0
        let rule = LabelRule(definition: contract.label, asOf: asOf)
        var keep: [Bool] = [], labels: [Bool] = []
        var immature = 0
        for index in created.indices {
            switch rule.outcome(created: created[index], flag: flags[index], eventTime: events[index]) {
            case .immature: immature += 1; keep.append(false)
            case .positive: keep.append(true); labels.append(true)
            case .negative: keep.append(true); labels.append(false)
            }
        }
        guard !labels.isEmpty else {
            throw InputError(source: sourceName, problem: "no labelled rows remain (\(sourceRows) read, \(rejected) rejected, "
                                + "\(outsideWindow) outside the window, \(immature) too young to label)",
                             fix: "widen --from/--to, pass a later --as-of, or check the contract's label")
        }
        let keptCreated = zip(created, keep).filter(\.1).map(\.0)
        let keptKeys = zip(keys, keep).filter(\.1).map(\.0)
        let assignment = try SplitAssigner.assign(plan: request.split, created: keptCreated, labels: labels, keys: keptKeys,
                                                  order: contract.split)
        // A random split ignores row order; if the rate follows it, the export may be sorted by time.
        let drift = assignment.method == SplitAssigner.randomMethod ? RowOrderDrift(labels: labels) : nil

        // Pass 2: label, split and write the final rows.
        let columns = normalizer.outputColumns + [SnapshotManifest.labelColumn, SnapshotManifest.splitColumn]
        let rowsURL = directory.appendingPathComponent(SnapshotManifest.rowsFile)
        let rows = try CSVWriter(url: rowsURL, header: columns)
        var kept = 0
        var bySplit: [String: SnapshotManifest.SplitCount] = [:]
        try staging.forEachRow { index, bytes in
            guard keep[index] else { return }
            let split = assignment.splits[kept]
            let label = labels[kept]
            kept += 1
            try rows.write(encoded: bytes, then: [label ? "1" : "0", split.rawValue])
            bySplit[split.rawValue, default: .init(rows: 0, positives: 0)].rows += 1
            if label { bySplit[split.rawValue, default: .init(rows: 0, positives: 0)].positives += 1 }
        }
        let rowsHash = try rows.finish()
        try staging.remove()
        let contractURL = directory.appendingPathComponent(SnapshotManifest.contractFile)
        try Data(request.contractText.utf8).write(to: contractURL)

        var warnings: [String] = []
        if !hasCreated, contract.split == .rowOrder {
            warnings.append("NO CREATION DATE: the split follows row order (`split: row_order`: the export is taken to be "
                + "sorted oldest first) and labels have no window; if the rows are not in time order, offline metrics "
                + "will be optimistic about how the model does on future leads")
        } else if !hasCreated {
            warnings.append("NO CREATION DATE: the split is stratified random, not temporal, and labels have no window; "
                + "offline metrics will be optimistic about how the model does on future leads")
        }
        warnings += assignment.warnings
        if let drift, drift.isFlagged { warnings.append(drift.warning) }
        for field in mapping.absentFields {
            warnings.append("column \(field) is not in the source; it is empty in this snapshot")
        }
        for (field, values) in normalizer.unexpectedValues.sorted(by: { $0.key < $1.key }) {
            let examples = values.sorted { $0.value > $1.value }.prefix(5).map { "'\($0.key)' (\($0.value))" }
            warnings.append("\(field): \(values.values.reduce(0, +)) values not in the contract's list, e.g. "
                + examples.joined(separator: ", "))
        }
        if rejected > 0 { warnings.append("\(rejected) rows rejected; see \(SnapshotManifest.rejectsFile)") }
        let history = rewriter?.summary(keep: keep)
        if let rewriter, let history { warnings += rewriter.warnings(for: history) }

        let files = [
            SnapshotManifest.FileEntry(name: SnapshotManifest.rowsFile, sha256: rowsHash, bytes: fileSize(rowsURL)),
            SnapshotManifest.FileEntry(name: SnapshotManifest.rejectsFile, sha256: rejectsHash,
                                       bytes: fileSize(directory.appendingPathComponent(SnapshotManifest.rejectsFile))),
            SnapshotManifest.FileEntry(name: SnapshotManifest.contractFile, sha256: Checksum.sha256Hex(request.contractText),
                                       bytes: request.contractText.utf8.count),
        ]
        let format: (Double?) -> String? = { $0.map(SalesforceDate.formatDateTime) }
        var manifest = SnapshotManifest(
            snapshotId: "",
            formatVersion: SnapshotManifest.formatVersion,
            createdAt: SalesforceDate.formatDateTime(Date().timeIntervalSince1970),
            source: sourceDescription,
            contract: .init(name: contract.name, revision: contract.revision, sha256: Checksum.sha256Hex(request.contractText)),
            window: .init(field: contract.createdField, from: format(request.from), to: format(request.to),
                          asOf: SalesforceDate.formatDateTime(asOf)),
            label: .init(field: contract.label.field, dateField: contract.label.dateField, windowDays: contract.label.windowDays,
                         maturityCutoff: hasCreated ? format(contract.label.windowDays.map { asOf - Double($0) * 86_400 }) : nil),
            split: .init(method: assignment.method, validationStart: format(assignment.validationStart),
                         testStart: format(assignment.testStart), rowOrderDrift: drift),
            counts: .init(sourceRows: sourceRows, rejected: rejected, outsideWindow: outsideWindow, immature: immature,
                          rows: labels.count, positives: labels.filter { $0 }.count, bySplit: bySplit),
            columns: columns,
            privacy: .init(
                dropped: contract.fields.filter { $0.pii && $0.piiAction == .drop }.map(\.name),
                hashed: contract.fields.filter { $0.pii && $0.piiAction == .hash }.map(\.name),
                derived: contract.fields.flatMap { field in field.derive.map { $0.columnName(for: field.name) } },
                saltFingerprint: request.salt?.fingerprint),
            files: files,
            warnings: warnings,
            history: history)
        manifest.snapshotId = contentId(of: manifest)
        try manifest.encoded().write(to: directory.appendingPathComponent(SnapshotManifest.fileName))
        return manifest
    }

    /// The id hashes what the snapshot *is* (file contents and the definitions that produced them),
    /// not when it was made, so rebuilding from the same inputs yields the same id.
    static func contentId(of manifest: SnapshotManifest) -> String {
        var identity = manifest
        identity.snapshotId = ""
        identity.createdAt = ""
        identity.source.location = ""
        identity.history?.source.location = ""
        let data = (try? identity.encoded()) ?? Data()
        return "snap-" + Checksum.sha256Hex(data).prefix(16)
    }

    /// History rows that could not be read stop a strict run, and too many of them stop any run.
    private static func checkRejectedRows(of history: FieldHistory, request: SnapshotRequest) throws {
        guard let first = history.problems.first else { return }
        if request.strict {
            throw InputError(source: first.source, line: first.line, field: first.field, problem: first.problem,
                             fix: first.fix + ", or run without --strict to skip bad history rows")
        }
        let total = history.rowCount + history.rejectedRowCount
        if Double(history.rejectedRowCount) > request.maxRejectedShare * Double(total) {
            throw InputError(source: first.source, problem: "\(history.rejectedRowCount) of \(total) history rows are unreadable "
                                + "(line \(first.line ?? 1): \(first.problem))",
                             fix: "export Lead History again with Data Loader, or raise --max-rejected")
        }
    }

    /// The newest creation time among rows pass 1 will keep: the default as-of time, needed before
    /// pass 1 when field history caps observation points at it. `to` is unset when this is called.
    private static func newestCreation(_ request: SnapshotRequest, mapping: HeaderMapping) throws -> Double? {
        let normalizer = RowNormalizer(contract: request.contract, mapping: mapping, salt: request.salt)
        let cursor = try request.source.makeCursor()
        var newest: Double?
        while let record = try cursor.next() {
            guard case let .row(row) = record, case let .success(normalized) = normalizer.normalize(row.values).result,
                  let time = normalized.created else { continue }
            if let from = request.from, time < from { continue }
            newest = max(newest ?? time, time)
        }
        return newest
    }

    private static func fileSize(_ url: URL) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}
