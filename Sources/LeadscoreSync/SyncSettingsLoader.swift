import Foundation
import LeadscoreData
import Yams

/// Reads the `sync:` section of `leadscore.yaml`; every mistake at once, with line, key and fix.
public enum SyncSettingsLoader {
    static let keys = ["mode", "name", "intake_owners", "route_owners", "max_attempts", "bulk_threshold", "every", "timezone",
                       "follow_up", "hot_lead", "circuit_breaker", "control_group"]

    public static func load(from url: URL) throws -> SyncSettings {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw InputError(source: url.path, problem: "the file cannot be read as UTF-8 text", fix: "check the path passed to --config")
        }
        return try parse(text, source: url.lastPathComponent)
    }

    public static func parse(_ text: String, source: String = "leadscore.yaml") throws -> SyncSettings {
        let reader = YAMLNodeReader(source: source)
        var settings = SyncSettings()
        settings.source = source
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
        if let every = section["every"] {
            settings.every = reader.duration(every, "sync.every", range: .seconds(60) ... .seconds(86_400))
        }
        if let zone = reader.string(section["timezone"], "sync.timezone") {
            if let timeZone = TimeZone(identifier: zone) {
                settings.timeZone = timeZone
            } else {
                reader.fail(section["timezone"], "sync.timezone", "'\(zone)' is not a time zone",
                            fix: "write an IANA name such as Europe/Berlin or America/New_York")
            }
        }
        if let node = section["follow_up"] { settings.followUp = followUp(node, reader: reader) }
        if let node = section["hot_lead"] { settings.hotLead = hotLead(node, reader: reader) }
        if let node = section["circuit_breaker"],
           let breaker = reader.mapping(node, "sync.circuit_breaker", allowed: ["failures", "cooldown"]) {
            settings.circuitBreaker.failures = reader.int(breaker["failures"], "sync.circuit_breaker.failures", range: 1...100)
                ?? settings.circuitBreaker.failures
            if let cooldown = breaker["cooldown"] {
                settings.circuitBreaker.cooldown = reader.duration(cooldown, "sync.circuit_breaker.cooldown",
                                                                   range: .seconds(1) ... .seconds(86_400)) ?? settings.circuitBreaker.cooldown
            }
        }
        if let node = section["control_group"] { settings.controlGroup = controlGroup(node, reader: reader) ?? settings.controlGroup }
        if settings.mode == .route, settings.intakeOwners.isEmpty {
            reader.fail(node, "sync.intake_owners", "is empty, so route mode would route nothing",
                        fix: "list the intake queue or user ids whose leads may be routed")
        }
        if !reader.errors.isEmpty { throw InputErrors(reader.errors) }
        return settings
    }

    private static func followUp(_ node: Node, reader: YAMLNodeReader) -> SyncSettings.FollowUp {
        var followUp = SyncSettings.FollowUp()
        guard let section = reader.mapping(node, "sync.follow_up", allowed: ["due", "queue_task_owners"]) else { return followUp }
        if let due = section["due"] {
            if case let .mapping(pairs) = due {
                for (key, item) in pairs {
                    guard let tier = key.string else { continue }
                    followUp.due[tier] = reader.duration(item, "sync.follow_up.due.\(tier)",
                                                         range: .seconds(60) ... .seconds(30 * 86_400))
                }
            } else {
                reader.fail(due, "sync.follow_up.due", "is not a mapping", fix: "map tier names to SLAs, e.g. {A: 15m, B: 4h}")
            }
        }
        if let owners = section["queue_task_owners"] {
            if case let .mapping(pairs) = owners {
                for (key, item) in pairs {
                    guard let queue = key.string else { continue }
                    let path = "sync.follow_up.queue_task_owners.\(queue)"
                    if !(SalesforceId.isValid(queue) && queue.hasPrefix("00G")) {
                        reader.fail(key, path, "'\(queue)' is not a queue id (00G…)", fix: "copy the queue's id from Setup → Queues")
                    }
                    guard let user = ownerId(item, path, reader: reader) else { continue }
                    if user.hasPrefix("00G") {
                        reader.fail(item, path, "is a queue, and Salesforce does not let a queue own a Task",
                                    fix: "name the user (005…) who takes the queue's follow-ups, e.g. its team lead")
                    } else {
                        followUp.queueTaskOwners[queue] = user
                    }
                }
            } else {
                reader.fail(owners, "sync.follow_up.queue_task_owners", "is not a mapping",
                            fix: "map each queue id to a user id, e.g. {00G…: 005…}")
            }
        }
        return followUp
    }

    private static func hotLead(_ node: Node, reader: YAMLNodeReader) -> SyncSettings.HotLead {
        var hotLead = SyncSettings.HotLead()
        guard let section = reader.mapping(node, "sync.hot_lead",
                                           allowed: ["tiers", "platform_event", "webhook_url_env", "webhook_url_file"]) else {
            return hotLead
        }
        if section["tiers"] != nil, let tiers = reader.strings(section["tiers"], "sync.hot_lead.tiers") {
            hotLead.tiers = Set(tiers)
        }
        hotLead.platformEvent = reader.bool(section["platform_event"], "sync.hot_lead.platform_event") ?? hotLead.platformEvent
        let name = reader.string(section["webhook_url_env"], "sync.hot_lead.webhook_url_env")
        let path = reader.string(section["webhook_url_file"], "sync.hot_lead.webhook_url_file")
        switch (name, path) {
        case let (name?, nil): hotLead.webhook = .environment(name)
        case let (nil, path?): hotLead.webhook = .file(path)
        case (_?, _?):
            reader.fail(section["webhook_url_file"], "sync.hot_lead.webhook_url_file", "is set together with webhook_url_env",
                        fix: "keep one of webhook_url_env and webhook_url_file")
        case (nil, nil): break
        }
        return hotLead
    }

    /// A share of leads from 0 to 0.5: more would leave most leads unrouted, and `5` is most likely 5 %.
    private static func controlGroup(_ node: Node, reader: YAMLNodeReader) -> ControlGroup? {
        guard let text = reader.string(node, "sync.control_group") else { return nil }
        guard let share = Double(text.trimmingCharacters(in: .whitespaces)), (0...0.5).contains(share) else {
            reader.fail(node, "sync.control_group", "'\(text)' is not a share of leads between 0 and 0.5",
                        fix: "write the share as a fraction, e.g. 0.05 to leave 5 % of leads unrouted (0 turns it off)")
            return nil
        }
        return ControlGroup(share: share)
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
