import Foundation

/// Debian's `chromium`, headless, as the dashboard test's browser: it loads a page from a file, and
/// returns the DOM it built and the console lines it logged (Content-Security-Policy violations among
/// them), or takes a screenshot. `scripts/setup` installs it; LEADSCORE_CHROMIUM names another binary.
enum HeadlessChromium {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    struct Load {
        /// The document as Chromium parsed it (`--dump-dom`), serialised as HTML.
        let dom: String
        /// Console messages of the page, e.g. "Loading the image … violates the following Content Security Policy …".
        let console: [String]
    }

    /// Longest a run may take before it is stopped: a start-up on a busy two-core machine takes seconds.
    static let timeout: TimeInterval = 120

    static func executable() throws -> URL {
        let environment = ProcessInfo.processInfo.environment
        if let given = environment["LEADSCORE_CHROMIUM"] { return URL(fileURLWithPath: given) }
        let directories = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser"] {
            for directory in directories where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
                return URL(fileURLWithPath: "\(directory)/\(name)")
            }
        }
        throw Failure(description: "chromium is not installed: run scripts/setup (it installs Debian's chromium), "
            + "or set LEADSCORE_CHROMIUM to a Chromium binary")
    }

    static func load(_ page: URL) throws -> Load {
        let run = try self.run(["--enable-logging=stderr", "--v=0", "--dump-dom", page.absoluteString])
        let console = run.log.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        return Load(dom: run.output, console: console)
    }

    /// A PNG of the page at `width` × `height` CSS pixels.
    static func screenshot(_ page: URL, to png: URL, width: Int, height: Int) throws {
        _ = try run(["--screenshot=\(png.path)", "--window-size=\(width),\(height)", "--hide-scrollbars", page.absoluteString])
        guard FileManager.default.fileExists(atPath: png.path) else {
            throw Failure(description: "chromium wrote no screenshot at \(png.path)")
        }
    }

    /// Runs Chromium headless with its own throw-away profile; stdout is returned, stderr (its log) too.
    private static func run(_ arguments: [String]) throws -> (output: String, log: String) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("leadscore-chromium-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let logFile = scratch.appendingPathComponent("stderr.log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let log = try FileHandle(forWritingTo: logFile)
        defer { try? log.close() }

        let process = Process()
        process.executableURL = try executable()
        // --no-sandbox: the tests may run as root in a container, where Chromium's sandbox cannot start.
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                             "--user-data-dir=\(scratch.appendingPathComponent("profile").path)"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = log
        try process.run()
        let deadline = DispatchWorkItem { [process] in if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: deadline)
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        deadline.cancel()
        let stderr = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw Failure(description: "chromium \(arguments.joined(separator: " ")) failed (status \(process.terminationStatus)): "
                + String(stderr.suffix(2_000)))
        }
        return (String(decoding: stdout, as: UTF8.self), stderr)
    }
}
