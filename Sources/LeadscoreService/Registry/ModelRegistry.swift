import Foundation
import LeadscoreData
import LeadscoreModels

/// Registers bundles and changes which versions serve, keeping every change in the history.
/// Each change reads the newest event and appends the next one only if nobody else did in between.
public struct ModelRegistry: Sendable {
    public let store: any ServiceStore

    public init(store: any ServiceStore) {
        self.store = store
    }

    /// Adds the bundle at `path` (checked against its manifest first). The first model registered
    /// becomes production; later ones wait for `promote`, `canary` or `shadow`.
    @discardableResult
    public func register(bundleAt path: URL, actor: String, reason: String, at date: Date = Date()) async throws -> RegisteredModel {
        let bundle = try ModelBundle.load(from: path)
        let model = RegisteredModel(
            version: bundle.metadata.modelVersion, kind: bundle.metadata.kind.rawValue,
            bundlePath: path.standardizedFileURL.path, manifestSHA256: try Checksum.sha256Hex(fileAt: path.appendingPathComponent("manifest.json")),
            registeredAt: date, registeredBy: actor, note: reason)
        try await store.insertModel(model)
        let latest = try await store.latestRegistryEvent()
        var state = latest?.state ?? RolloutState()
        let alreadyRecorded = try await store.registryEvents().contains { $0.action == .register && $0.version == model.version }
        guard !alreadyRecorded else { return model }
        if state.production == nil { state.production = model.version }
        _ = try await store.appendRegistryEvent(
            RegistryEvent(at: date, actor: actor, action: .register, version: model.version, reason: reason, state: state),
            expectedLatest: latest?.id)
        return model
    }

    /// Makes `version` production (percent nil or 100), or a canary on `percent`% of leads, and records
    /// the approval (who, when, why, what the gates said).
    ///
    /// A version whose stored retraining gates failed (``ModelGateRecord``, written by `leadscore retrain`)
    /// is refused unless `force` is set; a forced promotion keeps its reason in the history marked as
    /// forced. A version without a gate report (registered by hand) is promoted as before.
    @discardableResult
    public func promote(_ version: String, canaryPercent percent: Int?, actor: String, reason: String,
                        force: Bool = false, at date: Date = Date()) async throws -> RegistryChange {
        try await requireRegistered(version)
        if let percent, !(1...100).contains(percent) {
            throw RegistryError.invalid("--canary must be between 1 and 100 (got \(percent))")
        }
        try Self.checkReason(reason)
        let gates = try await store.gateReport(version: version)
        let forced = gates?.passed == false
        if forced, !force {
            throw RegistryError.gatesFailed(
                "\(version) failed its retraining gates (evaluated \(ISO8601DateFormatter().string(from: gates!.at))); "
                    + "see `leadscore models gates \(version)`. To promote it anyway, say why: "
                    + "--force --reason \"...\" (kept in the history as a forced approval)")
        }
        let change = try await change(actor: actor, reason: forced ? Self.forcedPrefix + reason : reason, at: date) { state in
            if let percent, percent < 100 {
                guard state.production != version else {
                    throw RegistryError.invalid("\(version) is already production; a canary must be another version")
                }
                return (.canary, RolloutState(production: state.production, canary: version, canaryPercent: percent,
                                              shadow: state.shadow == version ? nil : state.shadow))
            }
            return (.promote, RolloutState(production: version, shadow: state.shadow == version ? nil : state.shadow))
        }
        guard change.changed else { return change }
        _ = try await store.insertApproval(ModelApproval(
            version: version, at: date, actor: actor, action: change.event.action, reason: reason,
            gates: gates.map { $0.passed ? .passed : .failed } ?? ModelApproval.Gates.none, forced: forced,
            eventId: change.event.id))
        return change
    }

    /// How the history marks a promotion past failed gates.
    public static let forcedPrefix = "[forced past failed gates] "

    /// Scores `version` beside production on every lead, logged but never returned; nil stops it.
    @discardableResult
    public func shadow(_ version: String?, actor: String, reason: String, at date: Date = Date()) async throws -> RegistryChange {
        if let version { try await requireRegistered(version) }
        return try await change(actor: actor, reason: reason, at: date) { state in
            guard version == nil || version != state.production else {
                throw RegistryError.invalid("\(version!) is production; shadow another version")
            }
            var next = state
            next.shadow = version
            return (version == nil ? .clearShadow : .shadow, next)
        }
    }

    /// Ends a canary if one runs; otherwise puts back the production version before the current one.
    @discardableResult
    public func rollback(actor: String, reason: String, at date: Date = Date()) async throws -> RegistryChange {
        let history = try await store.registryEvents()
        return try await change(actor: actor, reason: reason, at: date) { state in
            if state.canary != nil {
                return (.rollback, RolloutState(production: state.production, shadow: state.shadow))
            }
            let productions = history.compactMap(\.state.production)
            guard let current = state.production,
                  let previous = productions.reversed().first(where: { $0 != current }) else {
                throw RegistryError.invalid("there is no earlier production version to roll back to")
            }
            return (.rollback, RolloutState(production: previous, shadow: state.shadow == previous ? nil : state.shadow))
        }
    }

    /// The rollout in force at `date` (nil before the first registration).
    public func state(at date: Date) async throws -> RolloutState? {
        try await store.registryEvents().last { $0.at <= date }?.state
    }

    /// Appends the event `next` makes of the current rollout; a change to the rollout in force already
    /// (promoting production again, say) appends nothing and says so.
    private func change(actor: String, reason: String, at date: Date,
                        _ next: (RolloutState) throws -> (RegistryEvent.Action, RolloutState)) async throws -> RegistryChange {
        try Self.checkReason(reason)
        let latest = try await store.latestRegistryEvent()
        let (action, state) = try next(latest?.state ?? RolloutState())
        if let latest, latest.state == state { return RegistryChange(event: latest, changed: false) }
        let version = [state.canary, state.shadow, state.production].compactMap { $0 }.first
        let subject: String? = switch action {
        case .promote: state.production
        case .canary: state.canary
        case .shadow: state.shadow
        case .rollback: state.production
        default: version
        }
        let event = try await store.appendRegistryEvent(
            RegistryEvent(at: date, actor: actor, action: action, version: subject, reason: reason, state: state),
            expectedLatest: latest?.id)
        return RegistryChange(event: event, changed: true)
    }

    /// A reason the history can keep: said in words (not blank, no control characters), at most 1,000 characters.
    static func checkReason(_ reason: String) throws {
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw RegistryError.invalid("say why with --reason: the history keeps it forever")
        }
        guard !reason.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw RegistryError.invalid("the reason holds control characters (line breaks, tabs, escapes); write it on one line")
        }
        guard reason.count <= 1_000 else {
            throw RegistryError.invalid("the reason is \(reason.count) characters; keep it to 1,000")
        }
    }

    private func requireRegistered(_ version: String) async throws {
        guard try await store.model(version: version) != nil else {
            throw RegistryError.invalid("\(version) is not registered; run `leadscore models list`, or register the bundle first")
        }
    }
}

/// What a rollout command did: the event it appended, or, when the rollout was already as asked
/// (`changed` false), the event in force, with nothing appended.
public struct RegistryChange: Sendable {
    public let event: RegistryEvent
    public let changed: Bool
}

/// A registry command that cannot be carried out, with what to do instead.
public enum RegistryError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalid(String)
    /// A registered bundle's files no longer match what was registered.
    case bundleChanged(String)
    /// The version's retraining gates failed and the promotion was not forced.
    case gatesFailed(String)

    public var description: String {
        switch self {
        case let .invalid(message), let .bundleChanged(message), let .gatesFailed(message): return message
        }
    }
}
