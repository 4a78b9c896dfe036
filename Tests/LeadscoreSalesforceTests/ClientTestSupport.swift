import Foundation
import LeadscoreSalesforce
import Logging

/// A ``BackoffClock`` that records every pause and returns at once, with a fixed jitter draw.
final class RecordingClock: @unchecked Sendable {
    private let lock = NSLock()
    private var pauses: [Duration] = []
    let draw: Double

    init(draw: Double = 0.5) {
        self.draw = draw
    }

    var recorded: [Duration] {
        lock.lock()
        defer { lock.unlock() }
        return pauses
    }

    var clock: BackoffClock {
        BackoffClock(
            sleep: { [self] duration in
                lock.withLock { pauses.append(duration) }
            },
            random: { [draw] in draw }
        )
    }
}

/// Test clients: the refresh-token flow against a scripted peer, the secret from a fake environment.
enum TestClients {
    static let refreshToken = "5Aep861TSESvWeug_test_refresh_token"

    static func config(base: String, retries: Int = 4) -> SalesforceConfig {
        var config = SalesforceConfig()
        config.loginURL = base
        config.auth = .refreshToken
        config.clientId = "3MVG9test.consumer.key"
        config.refreshToken = .environment("TEST_SF_REFRESH_TOKEN")
        config.retry = SalesforceRetryPolicy(maxAttempts: retries, baseDelay: .milliseconds(200), maxDelay: .seconds(5))
        config.timeoutSeconds = 10
        return config
    }

    static var quietLogger: Logger {
        var logger = Logger(label: "leadscore-salesforce-test")
        logger.logLevel = .critical
        return logger
    }

    /// Runs `body` with a client, shutting the client down afterwards whatever happens.
    static func with<T: Sendable>(_ config: SalesforceConfig, clock: RecordingClock, logger: Logger = quietLogger,
                                  _ body: (SalesforceClient) async throws -> T) async throws -> T {
        try await SalesforceClient.withClient(config: config, logger: logger, clock: clock.clock,
                                              environment: ["TEST_SF_REFRESH_TOKEN": refreshToken], body)
    }
}

/// A scripted peer that answers the token endpoint itself (token `token-1`, `token-2`, …) and passes
/// every other request to `script` together with its index among API requests.
func salesforcePeer(_ script: @escaping @Sendable (ScriptedPeer.Received, Int, String) async -> ScriptedPeer.Reply)
    -> ScriptedPeer.Script {
    let counters = Counters()
    return { request, base in
        if request.path == "/services/oauth2/token" {
            return ScriptedPeer.tokenReply(base: base, token: "token-\(counters.next("token"))")
        }
        return await script(request, counters.next("api") - 1, base)
    }
}

/// Named counters shared by a script's invocations.
final class Counters: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Int] = [:]

    /// Increments `name` and returns the new value (1 the first time).
    func next(_ name: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        values[name, default: 0] += 1
        return values[name]!
    }
}

/// Keeps every log line (message and metadata) so a test can check what the client logs.
final class CapturedLog: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return lines.joined(separator: "\n")
    }

    var logger: Logger {
        var logger = Logger(label: "captured") { _ in Handler(log: self) }
        logger.logLevel = .trace
        return logger
    }

    fileprivate func append(_ line: String) {
        lock.lock()
        lines.append(line)
        lock.unlock()
    }

    private struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            log.append("\(event.level) \(event.message) \(metadata.merging(event.metadata ?? [:]) { $1 })")
        }
    }
}
