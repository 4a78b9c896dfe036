import Foundation

/// A snapshot's rows typed, kept beside `leads.csv` after its first verified open (`.leads.table`), so
/// later opens read arrays (`LeadTableFile`) instead of parsing a million rows of text again.
///
/// The cache is derived, never the source of truth: it names the SHA-256 of the `leads.csv` and the
/// `contract.yaml` (which types the columns) it was made from — both held by the manifest and verified by
/// `Snapshot.open` — and its own, and anything that does not fit (another CSV or contract, a damaged or
/// foreign file) is ignored and made again. The manifest, the snapshot id and the files it lists never
/// change. A snapshot directory that cannot be written to is opened from its CSV every time.
/// A change to how `Snapshot.open` types rows must change `magic`, so older caches are made again.
enum SnapshotTableCache {
    static let fileName = ".leads.table"
    static let magic = Array("LSCACHE1".utf8)
    private static let hashLength = 64  // hex SHA-256
    /// The magic, then the hashes of `leads.csv`, `contract.yaml` and the payload.
    private static let headerLength = magic.count + 3 * hashLength

    /// The cached table for `manifest`'s `leads.csv` and contract, or nil when there is none that fits.
    static func read(in directory: URL, manifest: SnapshotManifest) -> LeadTable? {
        guard let sources = sourceHashes(manifest),
              // Mapped, not copied: the file's pages are read straight into the table's arrays.
              let data = try? Data(contentsOf: directory.appendingPathComponent(fileName), options: .alwaysMapped),
              data.count > headerLength else { return nil }
        let header = data.prefix(headerLength)
        let payload = data.dropFirst(headerLength)
        guard header.prefix(magic.count + sources.count).elementsEqual(magic + sources),
              header.suffix(hashLength).elementsEqual(Array(Checksum.sha256Hex(payload).utf8)),
              let table = try? LeadTableFile.decode(payload, source: fileName),
              table.columnNames == Array(manifest.columns.dropLast(2)), table.rowCount == manifest.counts.rows,
              table.labels.count == table.rowCount, table.splits.count == table.rowCount else { return nil }
        return table
    }

    /// Writes the cache of `table` (parsed from `manifest`'s `leads.csv`, verified), replacing any other in
    /// one rename; gives up silently when the directory cannot be written to.
    static func write(_ table: LeadTable, in directory: URL, manifest: SnapshotManifest) {
        guard let sources = sourceHashes(manifest) else { return }
        let payload = LeadTableFile.encode(table)
        var bytes = magic + sources + Array(Checksum.sha256Hex(payload).utf8)
        bytes.append(contentsOf: payload)
        let staging = directory.appendingPathComponent("\(fileName).tmp-\(UUID().uuidString.prefix(8))")
        do {
            try LeadTableFile.write(bytes, to: staging)
            try AtomicReplace.move(staging, to: directory.appendingPathComponent(fileName))
        } catch {
            try? FileManager.default.removeItem(at: staging)
        }
    }

    /// The hex SHA-256 of `leads.csv` then of `contract.yaml`, as the manifest lists them.
    private static func sourceHashes(_ manifest: SnapshotManifest) -> [UInt8]? {
        let hashes = [SnapshotManifest.rowsFile, SnapshotManifest.contractFile].compactMap { name in
            manifest.files.first { $0.name == name }?.sha256.lowercased()
        }
        guard hashes.count == 2, hashes.allSatisfy({ $0.utf8.count == hashLength }) else { return nil }
        return Array(hashes.joined().utf8)
    }
}
