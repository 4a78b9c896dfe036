import Foundation
import LeadscoreData

/// Writes files that hold secrets (private keys, the connected app's credentials, the info file):
/// readable by the owner only (mode 0600) from the first byte, and replaced in one step.
enum SecretFile {
    static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    static func write(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString.prefix(8))")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteNoPermission)
            }
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.write(contentsOf: data)
            try handle.close()
            // rename(2) replaces the old file atomically: a reader sees the old or the new one, never half.
            guard rename(temporary.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw InputError(source: url.path, problem: "cannot be written (\(error.localizedDescription))",
                             fix: "check that the directory exists and is writable")
        }
    }
}
