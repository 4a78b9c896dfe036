import Foundation

/// Moves a finished output from its staging path into place, replacing what is there, so a reader sees
/// the old output or the new one, never a mix or nothing. A file is replaced by one `rename(2)`. A
/// directory cannot be renamed over a non-empty one, so the old directory is moved aside first and
/// removed once the new one is in place; if the second rename fails the old one is put back.
///
/// (Foundation's `replaceItemAt` on Linux fails when the destination exists, after removing it.)
public enum AtomicReplace {
    public static func move(_ staging: URL, to destination: URL) throws {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: destination.path, isDirectory: &isDirectory)
        guard exists, isDirectory.boolValue else {
            try rename(staging, destination)
            return
        }
        let aside = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).old-\(UUID().uuidString.prefix(8))")
        try rename(destination, aside)
        do {
            try rename(staging, destination)
        } catch {
            try? rename(aside, destination)
            throw error
        }
        try? FileManager.default.removeItem(at: aside)
    }

    private static func rename(_ from: URL, _ to: URL) throws {
        guard Foundation.rename(from.path, to.path) != 0 else { return }
        let reason = String(cString: strerror(errno))
        throw InputError(source: to.path, problem: "the finished output cannot be moved into place (\(reason))",
                         fix: "check that the folder is writable and on the same file system as \(from.lastPathComponent)")
    }
}
