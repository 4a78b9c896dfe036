import Foundation
import Logging
import NIOConcurrencyHelpers

/// swift-log handler writing one JSON object per line to standard error:
/// `{"ts","level","msg","label",…metadata}`. Callers never put secrets or raw PII in metadata.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let label: String
    private static let lock = NIOLock()

    public init(label: String) {
        self.label = label
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var object: [String: String] = ["ts": ScoreResponse.timestamp(Date()), "level": event.level.rawValue,
                                        "msg": "\(event.message)", "label": label]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            object[key] = "\(value)"
        }
        guard var line = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
        line.append(0x0A)
        Self.lock.withLock { FileHandle.standardError.write(line) }
    }
}
