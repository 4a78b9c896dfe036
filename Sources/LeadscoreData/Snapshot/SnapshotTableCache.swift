import Foundation

/// A snapshot's rows typed, kept beside `leads.csv` after its first verified open (`.leads.table`), so
/// later opens read arrays (`LeadTableFile`) instead of parsing a million rows of text again.
///
/// The cache is derived, never the source of truth: it names the SHA-256 of the `leads.csv` it was made
/// from (which the manifest holds and `Snapshot.open` verifies) and its own, and anything that does not
/// fit — another CSV, a damaged or foreign file — is ignored and made again. The manifest, the snapshot
/// id and the files it lists never change. A snapshot directory that cannot be written to is opened
/// from its CSV every time.
enum SnapshotTableCache {
    static let fileName = ".leads.table"
    private static let magic = Array("LSCACHE1".utf8)
    private static let hashLength = 64  // hex SHA-256

    /// The cached table for `manifest`'s `leads.csv`, or nil when there is none that fits.
    static func read(in directory: URL, manifest: SnapshotManifest) -> LeadTable? {
        guard let csvHash = rowsHash(manifest),
              // Mapped, not copied: the file's pages are read straight into the table's arrays.
              let data = try? Data(contentsOf: directory.appendingPathComponent(fileName), options: .alwaysMapped),
              data.count > magic.count + 2 * hashLength else { return nil }
        let header = data.prefix(magic.count + 2 * hashLength)
        guard header.prefix(magic.count).elementsEqual(magic),
              String(decoding: header.dropFirst(magic.count).prefix(hashLength), as: UTF8.self) == csvHash else { return nil }
        let payload = data.dropFirst(magic.count + 2 * hashLength)
        guard String(decoding: header.suffix(hashLength), as: UTF8.self) == Checksum.sha256Hex(payload),
              let table = try? LeadTableFile.decode(payload, source: fileName),
              table.columnNames == Array(manifest.columns.dropLast(2)), table.rowCount == manifest.counts.rows,
              table.labels.count == table.rowCount, table.splits.count == table.rowCount else { return nil }
        return table
    }

    /// Writes the cache of `table` (parsed from `manifest`'s `leads.csv`, verified), replacing any other in
    /// one rename; gives up silently when the directory cannot be written to.
    static func write(_ table: LeadTable, in directory: URL, manifest: SnapshotManifest) {
        guard let csvHash = rowsHash(manifest) else { return }
        let payload = LeadTableFile.encode(table)
        var bytes = magic + Array(csvHash.utf8) + Array(Checksum.sha256Hex(payload).utf8)
        bytes.append(contentsOf: payload)
        let staging = directory.appendingPathComponent("\(fileName).tmp-\(UUID().uuidString.prefix(8))")
        do {
            try LeadTableFile.write(bytes, to: staging)
            try AtomicReplace.move(staging, to: directory.appendingPathComponent(fileName))
        } catch {
            try? FileManager.default.removeItem(at: staging)
        }
    }

    private static func rowsHash(_ manifest: SnapshotManifest) -> String? {
        manifest.files.first { $0.name == SnapshotManifest.rowsFile }?.sha256.lowercased()
    }
}
