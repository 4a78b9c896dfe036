import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hidden work-in-progress siblings of an output (`.NAME.tmp-…`, `.NAME.extract-…`), named after the
/// process that writes them, so that nothing a killed run leaves behind stays forever: a later run
/// removes the ones whose process has ended (`kill -9`, a crash, a lost machine is another matter: only
/// this machine's processes are judged), and SIGINT or SIGTERM remove the current run's own before it exits.
public enum AbandonedStaging {
    /// A new staging path beside `destination`: `.NAME.KIND-TOKEN-pPID-hHOST`.
    public static func path(beside destination: URL, kind: String) -> URL {
        let token = UUID().uuidString.prefix(8).lowercased()
        return destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).\(kind)-\(token)-p\(getpid())-h\(host)")
    }

    /// Removes the staging siblings of `destination` of `kind` that no running process owns: this
    /// machine's whose process has ended, and unnamed ones (from versions before these names) untouched
    /// for a day. Returns what was removed.
    @discardableResult
    public static func removeAbandoned(beside destination: URL, kind: String, now: Date = Date()) -> [URL] {
        let parent = destination.deletingLastPathComponent()
        let prefix = ".\(destination.lastPathComponent).\(kind)-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return [] }
        var removed: [URL] = []
        for name in names where name.hasPrefix(prefix) {
            let url = parent.appendingPathComponent(name)
            guard isAbandoned(owner: String(name.dropFirst(prefix.count)), at: url, now: now) else { continue }
            if (try? FileManager.default.removeItem(at: url)) != nil { removed.append(url) }
        }
        return removed
    }

    /// Registers `url` for removal if the process is stopped by SIGINT or SIGTERM (see `removeOnSignals`).
    public static func track(_ url: URL) {
        tracked.withLock { _ = $0.insert(url.path) }
    }

    /// Ends `track` (the staging was committed or removed).
    public static func untrack(_ url: URL) {
        tracked.withLock { _ = $0.remove(url.path) }
    }

    /// From now on SIGINT and SIGTERM remove the tracked staging paths, then end the process with the
    /// signal's conventional status (130, 143). For commands that write outputs, not for servers (they
    /// stop gracefully on these signals).
    public static func removeOnSignals() {
        handlers.withLock { sources in
            guard sources.isEmpty else { return }
            for signalNumber in [SIGINT, SIGTERM] {
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
                source.setEventHandler {
                    for path in tracked.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: path) }
                    exit(128 + signalNumber)
                }
                source.resume()
                sources.append(source)
            }
        }
    }

    /// `owner` is the part of the name after the kind: `TOKEN-pPID-hHOST`, or a bare token (older runs).
    private static func isAbandoned(owner: String, at url: URL, now: Date) -> Bool {
        let parts = owner.split(separator: "-")
        if parts.count == 3, parts[1].hasPrefix("p"), parts[2].hasPrefix("h"), let pid = Int32(parts[1].dropFirst()) {
            guard parts[2].dropFirst() == host else { return false } // another machine's: not ours to judge
            return kill(pid, 0) != 0 && errno == ESRCH
        }
        let modified = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? now
        return now.timeIntervalSince(modified) > 86_400
    }

    /// This machine, as 8 hex digits of its host name's FNV-1a hash (names stay short and path-safe).
    private static let host: String = {
        var name = [CChar](repeating: 0, count: 256)
        gethostname(&name, name.count - 1)
        var hash: UInt32 = 2_166_136_261
        for byte in String(cString: name).utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return String(format: "%08x", hash)
    }()

    private static let tracked = Mutex<Set<String>>([])
    private static let handlers = Mutex<[any DispatchSourceSignal]>([])
}
