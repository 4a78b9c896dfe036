import Foundation

/// A snapshot opened for reading: its manifest, its contract and its rows as a typed table.
public struct Snapshot: Sendable {
    public let directory: URL
    public let manifest: SnapshotManifest
    public let contract: DataContract
    public let table: LeadTable

    /// Opens `directory`, verifying every file against the manifest's SHA-256 (on another core while the
    /// rows are read): a snapshot that has been edited or damaged is refused rather than silently used.
    /// The rows come from the snapshot's table cache when it has one that fits (`SnapshotTableCache`),
    /// else from `leads.csv`, after which a verified open leaves the cache for the next.
    public static func open(_ directory: URL, verify: Bool = true) throws -> Snapshot {
        let manifestURL = directory.appendingPathComponent(SnapshotManifest.fileName)
        guard let data = try? Data(contentsOf: manifestURL) else {
            throw InputError(source: directory.path, problem: "there is no \(SnapshotManifest.fileName) here",
                             fix: "pass a directory written by `leadscore snapshot create`")
        }
        let manifest: SnapshotManifest
        do {
            manifest = try JSONDecoder().decode(SnapshotManifest.self, from: data)
        } catch {
            throw InputError(source: manifestURL.path, problem: "the manifest is not valid (\(error))",
                             fix: "recreate the snapshot; manifests are not meant to be edited")
        }
        // The files' hashes are checked on another core while the rows are read; a mismatch is reported
        // rather than whatever a damaged file made the reader say.
        let verification = verify ? InFlight { try verifyFiles(of: manifest, in: directory) } : nil
        let contract: DataContract, table: LeadTable, cached: LeadTable?
        do {
            contract = try ContractLoader.load(from: directory.appendingPathComponent(SnapshotManifest.contractFile))
            cached = SnapshotTableCache.read(in: directory, manifest: manifest)
            table = try cached ?? readRows(directory.appendingPathComponent(SnapshotManifest.rowsFile),
                                           contract: contract, manifest: manifest)
        } catch {
            try verification?.wait()
            throw error
        }
        try verification?.wait()
        // Rows parsed from a CSV that matched its hash are kept typed for the next open.
        if cached == nil, verify { SnapshotTableCache.write(table, in: directory, manifest: manifest) }
        return Snapshot(directory: directory, manifest: manifest, contract: contract, table: table)
    }

    private static func verifyFiles(of manifest: SnapshotManifest, in directory: URL) throws {
        for file in manifest.files {
            let url = directory.appendingPathComponent(file.name)
            let actual = (try? Checksum.sha256Hex(fileAt: url)) ?? "unreadable"
            guard actual == file.sha256 else {
                throw InputError(source: url.path, problem: "the file does not match its SHA-256 in the manifest",
                                 fix: "the snapshot was changed or damaged: recreate it from the source")
            }
        }
    }

    /// The snapshot's column types: contract fields by type, derived and hashed columns as text.
    static func columnTypes(contract: DataContract) -> [String: FieldType] {
        var types: [String: FieldType] = [:]
        for field in contract.fields {
            types[field.name] = field.pii ? .string : field.type
            for derivation in field.derive { types[derivation.columnName(for: field.name)] = .picklist }
        }
        return types
    }

    /// The rows parsed from `leads.csv`.
    static func readRows(_ url: URL, contract: DataContract, manifest: SnapshotManifest) throws -> LeadTable {
        let reader = try CSVReader(url: url, delimiter: .fixed(.comma)) // leadscore wrote it: always commas
        let header = reader.header
        guard header.suffix(2) == [SnapshotManifest.labelColumn, SnapshotManifest.splitColumn] else {
            throw InputError(source: url.path, line: 1, problem: "the label and split columns are missing",
                             fix: "recreate the snapshot with this version of leadscore")
        }
        let types = columnTypes(contract: contract)
        let dataColumns = header.dropLast(2).map { (name: $0, type: types[$0] ?? .string) }
        // Rows are read a chunk at a time while the previous chunk is typed into the table on another core.
        let table = TableInProgress(LeadTableBuilder(columns: dataColumns))
        var chunk: [TableInProgress.Row] = []
        var appending: InFlight<Void>?
        func handOver() throws {
            let rows = chunk
            chunk = []
            try appending?.wait()
            appending = InFlight { table.append(rows) }
        }
        do {
            while let record = try reader.next() {
                guard case let .row(row) = record,
                      let split = DataSplit(rawValue: row.values[row.values.count - 1]),
                      let label = UInt8(row.values[row.values.count - 2]), label <= 1 else {
                    throw InputError(source: url.path, problem: "a row is malformed", fix: "recreate the snapshot")
                }
                chunk.append(.init(values: Array(row.values.dropLast(2)), label: label, split: split))
                if chunk.count == SnapshotBuilder.chunkRows { try handOver() }
            }
            try handOver()
            try appending?.wait()
        } catch {
            _ = try? appending?.wait()
            throw error
        }
        return table.builder.build()
    }

    /// The table being filled, owned by one chunk's work at a time.
    private final class TableInProgress: @unchecked Sendable {
        var builder: LeadTableBuilder

        init(_ builder: LeadTableBuilder) { self.builder = builder }

        struct Row: Sendable {
            var values: [String]
            var label: UInt8
            var split: DataSplit
        }

        func append(_ rows: [Row]) {
            for row in rows { builder.append(row.values, label: row.label, split: row.split) }
        }
    }
}
