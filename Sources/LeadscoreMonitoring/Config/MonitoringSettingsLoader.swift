import Foundation
import LeadscoreData
import Yams

/// Reads the `monitoring:` section of `leadscore.yaml`, as `SyncSettingsLoader` reads `sync:`: every
/// mistake at once, each with its line, key path and fix; unknown keys refused.
public enum MonitoringSettingsLoader {
    static let keys = ["window", "every", "min_rows", "thresholds", "coverage_minutes", "coverage_source", "alerts", "acknowledged", "gates",
                       "outcomes"]
    static let alertKeys = ["webhook_url_env", "webhook_url_file", "webhook_min_severity", "cooldown", "state_file"]
    static let acknowledgementKeys = ["check", "subject", "until", "note"]
    static let outcomeKeys = ["window_days", "unworked_statuses"]

    public static func load(from url: URL) throws -> MonitoringSettings {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw InputError(source: url.path, problem: "the file cannot be read as UTF-8 text", fix: "check the path passed to --config")
        }
        return try parse(text, source: url.lastPathComponent)
    }

    public static func parse(_ text: String, source: String = "leadscore.yaml") throws -> MonitoringSettings {
        let reader = YAMLNodeReader(source: source)
        var settings = MonitoringSettings()
        settings.source = source
        guard let root = try YAMLNodeReader.compose(text, source: source), case let .mapping(top) = root,
              let node = top["monitoring"] else { return settings }
        guard let section = reader.mapping(node, "monitoring", allowed: keys) else { throw InputErrors(reader.errors) }
        if let window = section["window"] {
            settings.window = reader.duration(window, "monitoring.window", range: .seconds(3_600) ... .seconds(366 * 86_400))
                ?? settings.window
        }
        if let every = section["every"] {
            settings.every = reader.duration(every, "monitoring.every", range: .seconds(60) ... .seconds(7 * 86_400))
        }
        settings.minRows = reader.int(section["min_rows"], "monitoring.min_rows", range: 0...100_000_000) ?? settings.minRows
        if let node = section["thresholds"] { settings.thresholds = thresholds(node, reader: reader) }
        settings.coverageMinutes = reader.int(section["coverage_minutes"], "monitoring.coverage_minutes", range: 1...10_080)
            ?? settings.coverageMinutes
        if let node = section["coverage_source"] {
            settings.coverageSource = reader.enumeration(node, "monitoring.coverage_source", as: MonitoringSettings.CoverageSource.self)
                ?? settings.coverageSource
        }
        if let node = section["alerts"] { settings.alerts = alerts(node, reader: reader) }
        if let list = reader.sequence(section["acknowledged"], "monitoring.acknowledged") {
            settings.acknowledged = list.enumerated().compactMap { index, item in
                acknowledgement(item, "monitoring.acknowledged[\(index)]", reader: reader)
            }
        }
        if let node = section["outcomes"] { settings.outcomes = outcomes(node, reader: reader) }
        if let node = section["gates"] { settings.gates = GateSettingsReader.read(node, reader: reader) }
        if !reader.errors.isEmpty { throw InputErrors(reader.errors) }
        return settings
    }

    /// `{window_days, unworked_statuses}`. An empty status list would count every lead as worked, so it
    /// is refused rather than read as "no statuses".
    private static func outcomes(_ node: Node, reader: YAMLNodeReader) -> MonitoringSettings.Outcomes {
        var outcomes = MonitoringSettings.Outcomes()
        guard let section = reader.mapping(node, "monitoring.outcomes", allowed: outcomeKeys) else { return outcomes }
        outcomes.windowDays = reader.int(section["window_days"], "monitoring.outcomes.window_days", range: 1...730)
            ?? outcomes.windowDays
        if let node = section["unworked_statuses"], let statuses = reader.strings(node, "monitoring.outcomes.unworked_statuses") {
            let trimmed = statuses.map { $0.trimmingCharacters(in: .whitespaces) }
            if trimmed.isEmpty || trimmed.contains(where: \.isEmpty) {
                reader.fail(node, "monitoring.outcomes.unworked_statuses", "is empty or holds a blank status",
                            fix: "list the Lead Status values that mean nobody has worked the lead, e.g. [\"Open - Not Contacted\"]")
            } else {
                outcomes.unworkedStatuses = Set(trimmed)
            }
        }
        return outcomes
    }

    private static func thresholds(_ node: Node, reader: YAMLNodeReader) -> MonitoringThresholds {
        var thresholds = MonitoringThresholds()
        let names = ThresholdName.allCases.map(\.rawValue)
        guard let section = reader.mapping(node, "monitoring.thresholds", allowed: names) else { return thresholds }
        for name in ThresholdName.allCases {
            guard let item = section[name.rawValue] else { continue }
            if let threshold = threshold(item, name, reader: reader) { thresholds[name] = threshold }
        }
        return thresholds
    }

    /// `{ticket: x, page: y}`; a level left out keeps its default, and the two must stay in order.
    private static func threshold(_ node: Node, _ name: ThresholdName, reader: YAMLNodeReader) -> Threshold? {
        let path = "monitoring.thresholds.\(name.rawValue)"
        let example = "{ticket: \(plain(name.defaultThreshold.ticket)), page: \(plain(name.defaultThreshold.page))}"
        guard case .mapping = node else {
            reader.fail(node, path, "is not a {ticket, page} pair", fix: "write both levels, e.g. \(path.split(separator: ".").last ?? ""): \(example)")
            return nil
        }
        guard let levels = reader.mapping(node, path, allowed: ["ticket", "page"]) else { return nil }
        var threshold = name.defaultThreshold
        let ticket = reader.double(levels["ticket"], path + ".ticket", range: name.allowedRange)
        let page = reader.double(levels["page"], path + ".page", range: name.allowedRange)
        if (levels["ticket"] != nil && ticket == nil) || (levels["page"] != nil && page == nil) { return nil }
        threshold.ticket = ticket ?? threshold.ticket
        threshold.page = page ?? threshold.page
        guard threshold.isOrdered else {
            let (ticketText, pageText) = (plain(threshold.ticket), plain(threshold.page))
            switch name.direction {
            case .higherIsWorse:
                reader.fail(node, path, "page (\(pageText)) is below ticket (\(ticketText)), so a worsening value would page "
                            + "before it filed a ticket", fix: "make page at least ticket, e.g. \(example)")
            case .lowerIsWorse:
                reader.fail(node, path, "page (\(pageText)) is above ticket (\(ticketText)), but \(name.rawValue) is worse when "
                            + "lower, so page must be the lower share", fix: "make page at most ticket, e.g. \(example)")
            }
            return nil
        }
        return threshold
    }

    private static func alerts(_ node: Node, reader: YAMLNodeReader) -> MonitoringSettings.Alerts {
        var alerts = MonitoringSettings.Alerts()
        guard let section = reader.mapping(node, "monitoring.alerts", allowed: alertKeys) else { return alerts }
        let name = reader.string(section["webhook_url_env"], "monitoring.alerts.webhook_url_env")
        let path = reader.string(section["webhook_url_file"], "monitoring.alerts.webhook_url_file")
        switch (name, path) {
        case let (name?, nil): alerts.webhook = .environment(name)
        case let (nil, path?): alerts.webhook = .file(path)
        case (_?, _?):
            reader.fail(section["webhook_url_file"], "monitoring.alerts.webhook_url_file", "is set together with webhook_url_env",
                        fix: "keep one of webhook_url_env and webhook_url_file")
        case (nil, nil): break
        }
        alerts.minimumSeverity = reader.enumeration(section["webhook_min_severity"], "monitoring.alerts.webhook_min_severity",
                                                    as: Severity.self) ?? alerts.minimumSeverity
        if let cooldown = section["cooldown"] {
            alerts.cooldown = reader.duration(cooldown, "monitoring.alerts.cooldown",
                                              range: .seconds(60) ... .seconds(30 * 86_400)) ?? alerts.cooldown
        }
        if let file = reader.string(section["state_file"], "monitoring.alerts.state_file") {
            if file.trimmingCharacters(in: .whitespaces).isEmpty || file.hasSuffix("/") {
                reader.fail(section["state_file"], "monitoring.alerts.state_file", "'\(file)' is not a file path",
                            fix: "name a JSON file, e.g. var/monitor-state.json")
            } else {
                alerts.stateFile = file
            }
        }
        return alerts
    }

    /// `{check, subject, until, note}`; the note is required, because an unexplained silence is how
    /// real problems get missed.
    private static func acknowledgement(_ node: Node, _ path: String, reader: YAMLNodeReader) -> Acknowledgement? {
        guard let entry = reader.mapping(node, path, allowed: acknowledgementKeys) else { return nil }
        var missing = false
        for key in acknowledgementKeys where entry[key] == nil {
            missing = true
            let fix = key == "note" ? "say why this shift is expected, e.g. note: \"new webinar campaign\""
                : "add \(key): to the entry, e.g. {check: drift, subject: LeadSource, until: 2026-12-31, note: \"why\"}"
            reader.fail(node, "\(path).\(key)", "is missing", fix: fix)
        }
        if missing { return nil }
        let check = identifier(entry["check"], "\(path).check", reader: reader)
        let subject = reader.string(entry["subject"], "\(path).subject", required: true)
        let until = instant(entry["until"], "\(path).until", reader: reader)
        let note = reader.string(entry["note"], "\(path).note", required: true)?.trimmingCharacters(in: .whitespaces)
        if let note, note.isEmpty {
            reader.fail(entry["note"], "\(path).note", "is blank", fix: "say why this shift is expected")
        }
        guard let check, let subject, let until, let note, !note.isEmpty else { return nil }
        return Acknowledgement(check: check, subject: subject, until: until, note: note)
    }

    /// A check name as findings spell it: lower-case words joined by `_` (`drift`, `null_rate`).
    private static func identifier(_ node: Node?, _ path: String, reader: YAMLNodeReader) -> String? {
        guard let text = reader.string(node, path, required: true) else { return nil }
        guard !text.isEmpty, text.allSatisfy({ ($0.isASCII && $0.isLowercase) || $0.isNumber || $0 == "_" }) else {
            reader.fail(node, path, "'\(text)' is not a check name",
                        fix: "use the check of the finding as the monitor report prints it, e.g. drift, null_rate or coverage")
            return nil
        }
        return text
    }

    /// `2026-12-31` (through the end of that day, UTC) or `2026-12-31T18:00:00Z`.
    private static func instant(_ node: Node?, _ path: String, reader: YAMLNodeReader) -> Date? {
        guard let text = reader.string(node, path, required: true) else { return nil }
        let bytes = Array(text.utf8)
        let isISO = bytes.count >= 10 && bytes[4] == UInt8(ascii: "-") && bytes[7] == UInt8(ascii: "-")
        guard isISO, let seconds = SalesforceDate.parse(text) else {
            reader.fail(node, path, "'\(text)' is not a date", fix: "write a date such as 2026-12-31 or a time such as 2026-12-31T18:00:00Z")
            return nil
        }
        return Date(timeIntervalSince1970: bytes.count == 10 ? seconds + 86_400 : seconds)
    }

    /// `0.25`, `250`: a level as the config writes it.
    private static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
