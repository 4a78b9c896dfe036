import Foundation

/// A problem with something a user handed us (a file, a flag, a value), phrased so they can fix it.
///
/// Every external input is validated into this one shape: *where* (file and line or row),
/// *which field*, *what is wrong*, and *how to fix it*. The CLI prints it as is.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file, flag or source the problem is in, e.g. `Lead.csv` or `contract.yaml`.
    public var source: String
    /// 1-based line in `source`, when known.
    public var line: Int?
    /// The field, key or column the problem concerns, when there is one.
    public var field: String?
    /// What is wrong, in plain words.
    public var problem: String
    /// What the user should do about it.
    public var fix: String

    public init(source: String, line: Int? = nil, field: String? = nil, problem: String, fix: String) {
        self.source = source
        self.line = line
        self.field = field
        self.problem = problem
        self.fix = fix
    }

    public var description: String {
        var location = source
        if let line { location += " line \(line)" }
        if let field { location += ", field \(field)" }
        return "\(location): \(problem). Fix: \(fix)"
    }
}

/// Several input problems found in one pass (for example every mistake in a contract at once).
public struct InputErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [InputError]

    public init(_ errors: [InputError]) {
        self.errors = errors
    }

    public var description: String {
        let lines = errors.map { "  - \($0.description)" }
        return "\(errors.count) problem\(errors.count == 1 ? "" : "s") found:\n" + lines.joined(separator: "\n")
    }
}
