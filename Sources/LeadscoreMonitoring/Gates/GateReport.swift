import Foundation

/// Everything `leadscore retrain` found about a candidate before registering it: each gate with its
/// figures, and the verdict `models promote` reads back from the store. Figures and field names only:
/// nothing here identifies a lead.
public struct GateReport: Sendable, Codable, Equatable {
    /// The candidate's model version.
    public var candidate: String
    /// The production version it was compared with; nil when the registry had none.
    public var champion: String?
    /// The snapshot the candidate was trained and tested on.
    public var snapshotId: String
    public var evaluatedAt: Date
    /// Test leads both models could read and were compared on.
    public var comparedLeads: Int
    public var gates: [GateResult]
    /// Every gate passed.
    public var passed: Bool

    public init(candidate: String, champion: String?, snapshotId: String, evaluatedAt: Date, comparedLeads: Int,
                gates: [GateResult]) {
        self.candidate = candidate
        self.champion = champion
        self.snapshotId = snapshotId
        self.evaluatedAt = evaluatedAt
        self.comparedLeads = comparedLeads
        self.gates = gates
        passed = gates.allSatisfy(\.passed)
    }

    public func gate(_ name: GateName) -> GateResult? {
        gates.first { $0.gate == name }
    }

    /// The names of the gates that failed, e.g. `["offline", "segments"]`.
    public var failedGates: [String] {
        gates.filter { !$0.passed }.map(\.gate.rawValue)
    }

    /// The report as the store keeps it: sorted keys, ISO-8601 dates.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// A report read back from the store.
    public static func decode(_ json: String) throws -> GateReport {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(GateReport.self, from: Data(json.utf8))
    }
}
