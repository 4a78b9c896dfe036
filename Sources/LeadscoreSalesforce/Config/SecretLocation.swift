import Foundation
import LeadscoreData

/// Where a secret lives: an environment variable or a file. The config names the place; the value is
/// read only when the client is created, so the config file itself never holds a secret.
public enum SecretLocation: Sendable, Equatable, CustomStringConvertible {
    case environment(String)
    case file(String)

    /// The secret's value, trimmed of surrounding whitespace (files usually end with a newline).
    ///
    /// - Parameters:
    ///   - key: the config key that named this place, e.g. `salesforce.client_secret_env`, so a missing
    ///     secret points at the line to check.
    ///   - source: the config file, for the error.
    public func read(key: String, source: String,
                     environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        switch self {
        case let .environment(name):
            guard let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
                throw InputError(source: source, field: key, problem: "the environment variable \(name) is not set or is empty",
                                 fix: "export \(name)=… before running leadscore (or name another variable in \(key))")
            }
            return value
        case let .file(path):
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw InputError(source: source, field: key, problem: "the file \(path) cannot be read",
                                 fix: "check the path in \(key) and that the file is readable by this user (chmod 600)")
            }
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !value.isEmpty else {
                throw InputError(source: source, field: key, problem: "the file \(path) is empty",
                                 fix: "write the secret into \(path) (one line)")
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
