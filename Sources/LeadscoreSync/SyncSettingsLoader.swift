import Foundation
import LeadscoreData
import Yams

/// Reads the `sync:` section of `leadscore.yaml`; every mistake at once, with line, key and fix.
public enum SyncSettingsLoader {
    static let keys = ["mode", "name", "intake_owners", "route_owners", "max_attempts", "bulk_threshold"]

    public static func load(from url: URL) throws -> SyncSettings {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw InputError(source: url.path, problem: "the file cannot be read as UTF-8 text", fix: "check the path passed to --config")
        }
        return try parse(text, source: url.lastPathComponent)
    }

    public static func parse(_ text: String, source: String = "leadscore.yaml") throws -> SyncSettings {
        let reader = YAMLNodeReader(source: source)
        var settings = SyncSettings()
        guard let root = try YAMLNodeReader.compose(text, source: source), case let .mapping(top) = root,
              let node = top["sync"] else { return settings }
        guard let section = reader.mapping(node, "sync", allowed: keys) else { throw InputErrors(reader.errors) }
        settings.mode = reader.enumeration(section["mode"], "sync.mode", as: SyncMode.self) ?? settings.mode
        settings.name = reader.string(section["name"], "sync.name") ?? settings.name
        if let owners = section["intake_owners"] {
            if case let .sequence(items) = owners {
                settings.intakeOwners = Set(items.compactMap { item in
                    ownerId(item, "sync.intake_owners", reader: reader)
                })
            } else {
                reader.fail(owners, "sync.intake_owners", "is not a list", fix: "write the queue or user ids as [00G…, 005…]")
            }
        }
        if let routes = section["route_owners"] {
            if case let .mapping(pairs) = routes {
                for (key, item) in pairs {
                    guard let route = key.string else { continue }
                    if let id = ownerId(item, "sync.route_owners.\(route)", reader: reader) { settings.routeOwners[route] = id }
                }
            } else {
                reader.fail(routes, "sync.route_owners", "is not a mapping",
                            fix: "map each route name of the tiers to a queue or user id, e.g. {SDR_Queue: 00G…}")
            }
        }
        settings.maxAttempts = reader.int(section["max_attempts"], "sync.max_attempts", range: 1...100) ?? settings.maxAttempts
        settings.bulkThreshold = reader.int(section["bulk_threshold"], "sync.bulk_threshold", range: 1...10_000_000)
            ?? settings.bulkThreshold
        if settings.mode == .route, settings.intakeOwners.isEmpty {
            reader.fail(node, "sync.intake_owners", "is empty, so route mode would route nothing",
                        fix: "list the intake queue or user ids whose leads may be routed")
        }
        if !reader.errors.isEmpty { throw InputErrors(reader.errors) }
        return settings
    }

    /// A queue (00G) or user (005) id, 15 or 18 characters.
    private static func ownerId(_ node: Node, _ path: String, reader: YAMLNodeReader) -> String? {
        guard let text = reader.string(node, path) else { return nil }
        guard SalesforceId.isValid(text), text.hasPrefix("00G") || text.hasPrefix("005") else {
            reader.fail(node, path, "'\(text)' is not a queue (00G…) or user (005…) id",
                        fix: "copy the id from Setup → Queues or Users (15 or 18 characters)")
            return nil
        }
        return text
    }
}
