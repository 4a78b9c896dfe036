import Foundation
import LeadscoreData
import LeadscoreModels
import Logging
import NIOConcurrencyHelpers
import ServiceLifecycle

/// Keeps the server's `ServingSet` in step with the registry: polls the newest event, loads the
/// bundles a new rollout needs beside the running ones, then swaps in one step. Requests in
/// flight finish on the set they started with; nothing restarts and no request is dropped.
/// A bundle that fails to load (moved, changed, corrupt) leaves the old set serving and is logged.
public final class RegistryWatcher: Service, Sendable {
    private let store: any ServiceStore
    private let holder: ServingSetHolder
    private let policy: ValidationPolicy
    private let interval: Duration
    private let logger: Logger
    private let onChange: @Sendable (ServingSet) -> Void
    /// Loaded bundles by version, reused across swaps so a promotion loads only what is new.
    private let loaded = NIOLockedValueBox<[String: ServingModel]>([:])

    public init(store: any ServiceStore, holder: ServingSetHolder, policy: ValidationPolicy, interval: Duration,
                logger: Logger, onChange: @escaping @Sendable (ServingSet) -> Void = { _ in }) {
        self.onChange = onChange
        self.store = store
        self.holder = holder
        self.policy = policy
        self.interval = interval
        self.logger = logger
    }

    /// Loads the current rollout; the server calls this once before it accepts requests.
    /// - Returns: false when nothing is registered yet.
    @discardableResult
    public func refresh() async throws -> Bool {
        guard let event = try await store.latestRegistryEvent() else { return false }
        if let current = holder.set, current.generation == event.id { return true }
        if let current = holder.set, current.state == event.state {
            holder.replace(with: ServingSet(state: event.state, generation: event.id, production: current.production,
                                            canary: current.canary, shadow: current.shadow))
            return true
        }
        guard let productionVersion = event.state.production else { return false }
        let production = try await model(productionVersion)
        let canary = try await event.state.canary.asyncMap(model)
        let shadow = try await event.state.shadow.asyncMap(model)
        let set = ServingSet(state: event.state, generation: event.id, production: production, canary: canary, shadow: shadow)
        holder.replace(with: set)
        onChange(set)
        let active = Set(event.state.activeVersions)
        loaded.withLockedValue { $0 = $0.filter { active.contains($0.key) } }
        logger.info("serving models", metadata: [
            "production": "\(productionVersion)", "canary": "\(event.state.canary ?? "-")",
            "canary_percent": "\(event.state.canaryPercent)", "shadow": "\(event.state.shadow ?? "-")",
        ])
        return true
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown { try await self.loop() }
    }

    private func loop() async throws {
        while !Task.isCancelled {
            // Cancelled on graceful shutdown: a normal end, not an error (serve would exit non-zero).
            do { try await Task.sleep(for: interval) } catch { return }
            do {
                try await refresh()
            } catch {
                logger.error("registry reload failed; the previous models keep serving", metadata: ["error": "\(error)"])
            }
        }
    }

    private func model(_ version: String) async throws -> ServingModel {
        if let model = loaded.withLockedValue({ $0[version] }) { return model }
        guard let registered = try await store.model(version: version) else {
            throw RegistryError.invalid("the registry names \(version) but it is not registered")
        }
        let path = URL(fileURLWithPath: registered.bundlePath)
        let checksum = try? Checksum.sha256Hex(fileAt: path.appendingPathComponent("manifest.json"))
        guard checksum == registered.manifestSHA256 else {
            throw RegistryError.bundleChanged("the bundle of \(version) at \(registered.bundlePath) is missing or changed since it was registered")
        }
        let model = ServingModel(bundle: try ModelBundle.load(from: path), policy: policy)
        loaded.withLockedValue { $0[version] = model }
        return model
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
