import Foundation
import LeadscoreData

/// Where the alert webhook's URL lives: an environment variable or a file. The URL carries the
/// webhook's token, so it is a secret: the config names the place, never the value.
///
/// The same rules as `SecretLocation` of LeadscoreSalesforce (which this module does not depend on):
/// read when the webhook is created, trimmed, and a missing value names the config key to fix.
public enum AlertWebhookLocation: Sendable, Equatable, CustomStringConvertible {
    case environment(String)
    case file(String)

    /// The config key that names this place, for errors.
    public var configKey: String {
        switch self {
        case .environment: return "monitoring.alerts.webhook_url_env"
        case .file: return "monitoring.alerts.webhook_url_file"
        }
    }

    /// The URL, trimmed of surrounding whitespace (files usually end with a newline).
    public func read(source: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        switch self {
        case let .environment(name):
            guard let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
                throw InputError(source: source, field: configKey, problem: "the environment variable \(name) is not set or is empty",
                                 fix: "export \(name)=… (the incoming webhook URL) before running leadscore, or remove "
                                    + "\(configKey) to alert in the log only")
            }
            return value
        case let .file(path):
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw InputError(source: source, field: configKey, problem: "the file \(path) cannot be read",
                                 fix: "check the path in \(configKey) and that the file is readable by this user (chmod 600)")
            }
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !value.isEmpty else {
                throw InputError(source: source, field: configKey, problem: "the file \(path) is empty",
                                 fix: "write the incoming webhook URL into \(path) (one line)")
            }
            return value
        }
    }

    /// Names the place, never the value.
    public var description: String {
        switch self {
        case let .environment(name): return "environment variable \(name)"
        case let .file(path): return "file \(path)"
        }
    }
}
