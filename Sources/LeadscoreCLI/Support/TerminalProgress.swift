#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A one-line progress bar on standard error, drawn only when standard error is a terminal
/// (logs and CI output stay clean). Redraws at most ten times a second.
final class TerminalProgress: @unchecked Sendable {
    private let label: String
    private let enabled: Bool
    private let lock = NSLock()
    private var lastDraw = 0.0
    private var drewSomething = false

    init(label: String) {
        self.label = label
        enabled = isatty(STDERR_FILENO) == 1
    }

    /// Shows `done` of `total` (or a running count when the total is unknown).
    func update(done: Int, total: Int?) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date().timeIntervalSince1970
        guard now - lastDraw >= 0.1 || done == total else { return }
        lastDraw = now
        drewSomething = true
        var line = "\r\(label) "
        if let total, total > 0 {
            let share = min(1, Double(done) / Double(total))
            let width = 30
            let filled = Int(share * Double(width))
            line += "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
            line += "\(done)/\(total) (\(Int(share * 100))%)"
        } else {
            line += "\(done)"
        }
        FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
    }

    /// Ends the line so later output starts on a fresh one.
    func finish() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if drewSomething { FileHandle.standardError.write(Data("\n".utf8)) }
        drewSomething = false
    }
}
