import Foundation
import LeadscoreModels
import LeadscoreService

/// The baselines of the registry's models, read when a version first appears in the audit window: a
/// pass reads `baseline.json` (checked against its bundle's manifest) only for versions that scored,
/// never the models themselves, and at most once per version.
final class BaselineLookup {
    private let bundlePaths: [String: String]
    private var loaded: [String: MonitoringBaseline?] = [:]
    /// Registered versions whose bundle could not be read (moved or damaged since registration).
    private(set) var unreadable: [String] = []

    init(models: [RegisteredModel]) {
        bundlePaths = Dictionary(models.map { ($0.version, $0.bundlePath) }, uniquingKeysWith: { first, _ in first })
    }

    /// The version's baseline; nil when it is not registered, has none, or its bundle cannot be read.
    func baseline(for version: String) -> MonitoringBaseline? {
        if let known = loaded[version] { return known }
        var baseline: MonitoringBaseline?
        if let path = bundlePaths[version] {
            do {
                baseline = try ModelBundle.loadBaseline(from: URL(fileURLWithPath: path))
            } catch {
                unreadable.append(version)
            }
        }
        loaded[version] = baseline
        return baseline
    }
}
