import Foundation
import LeadscoreData
import LeadscoreModels
import LeadscoreService

/// What the cohort report needs from each registered model: its contract's label rule (the window
/// filled in from `monitoring.outcomes.window_days` when the contract has none), the fields that rule
/// reads, and its tiers, best first. Versions whose bundle cannot be read, or that the audit log names
/// but the registry does not, get the default rule, and the report says so.
struct ModelLabels {
    struct Model {
        var label: LabelDefinition
        var fields: OutcomeFields
        /// Best first; the first is the top tier the control comparison looks at.
        var tiers: [String]
    }

    let defaultWindowDays: Int
    private(set) var models: [String: Model] = [:]
    private(set) var notes: [String] = []

    static func load(store: any ServiceStore, defaultWindowDays: Int) async throws -> ModelLabels {
        var labels = ModelLabels(defaultWindowDays: defaultWindowDays)
        var windowless: [String] = []
        for registered in try await store.models() {
            // A bundle moved or damaged since registration: its leads get the default rule (`missingModelsNote`).
            guard let bundle = try? ModelBundle.load(from: URL(fileURLWithPath: registered.bundlePath)) else { continue }
            var label = bundle.contract.label
            if label.windowDays == nil {
                windowless.append(registered.version)
                label.windowDays = defaultWindowDays
            }
            labels.models[registered.version] = Model(label: label, fields: OutcomeFields(contract: bundle.contract),
                                                      tiers: bundle.policy.tiers.map(\.name))
        }
        if !windowless.isEmpty {
            labels.notes.append("the contract of \(windowless.sorted().joined(separator: ", ")) has no label window: "
                + "\(defaultWindowDays) days (monitoring.outcomes.window_days) are used")
        }
        return labels
    }

    /// What the report says about `versions` that have no readable bundle (not registered, or moved or
    /// damaged since): nil when every one has.
    func missingModelsNote(_ versions: some Sequence<String>) -> String? {
        let missing = Set(versions.filter { models[$0] == nil }).sorted()
        guard !missing.isEmpty else { return nil }
        return "\(missing.joined(separator: ", ")) \(missing.count == 1 ? "has" : "have") no readable bundle in the registry: "
            + "their leads are labelled IsConverted within \(defaultWindowDays) days (monitoring.outcomes.window_days) "
            + "and have no top tier to compare with control"
    }

    /// The label rule of `version`: its contract's, or IsConverted/ConvertedDate within the default window.
    func label(for version: String) -> LabelDefinition {
        models[version]?.label ?? LabelDefinition(field: "IsConverted", dateField: "ConvertedDate", windowDays: defaultWindowDays)
    }

    /// The label window of `version` in seconds.
    func window(for version: String) -> Double {
        Double(label(for: version).windowDays ?? defaultWindowDays) * 86_400
    }

    func topTier(for version: String) -> String? {
        models[version]?.tiers.first
    }

    /// The fields to read outcomes by: those of the version that first scored most of `leadsByVersion`
    /// (ties by name). The report notes other versions whose contracts read other fields.
    func fields(for leadsByVersion: [String: Int]) -> (OutcomeFields, note: String?) {
        let ranked = leadsByVersion.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        guard let main = ranked.first, let fields = models[main.key]?.fields else { return (OutcomeFields(), nil) }
        let others = ranked.dropFirst().filter { models[$0.key].map { $0.fields != fields } ?? false }.map(\.key)
        guard !others.isEmpty else { return (fields, nil) }
        return (fields, "\(others.sorted().joined(separator: ", ")) read the label from other fields than \(main.key); "
            + "outcomes are read as \(main.key)'s contract says (\(fields.flag), \(fields.date ?? "no date"), \(fields.created))")
    }

    /// Tier names, best first: the policy of the version with most leads first, then the others'.
    func tierOrder(for leadsByVersion: [String: Int]) -> [String] {
        var order: [String] = []
        for (version, _) in leadsByVersion.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
            for tier in models[version]?.tiers ?? [] where !order.contains(tier) { order.append(tier) }
        }
        return order
    }
}
