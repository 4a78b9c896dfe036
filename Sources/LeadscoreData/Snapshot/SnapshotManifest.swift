import Foundation

/// `manifest.json`: everything needed to know what a snapshot holds and to verify it is intact.
public struct SnapshotManifest: Sendable, Codable, Equatable {
    public static let formatVersion = 1
    public static let fileName = "manifest.json"
    public static let rowsFile = "leads.csv"
    public static let rejectsFile = "rejects.csv"
    public static let contractFile = "contract.yaml"
    public static let labelColumn = "_label"
    public static let splitColumn = "_split"

    /// `snap-` and 16 hex characters of the content hash: the same inputs always give the same id.
    public var snapshotId: String
    public var formatVersion: Int
    public var createdAt: String
    public var source: SourceDescription
    public var contract: ContractReference
    public var window: TimeWindow
    public var label: LabelSummary
    public var split: SplitSummary
    public var counts: Counts
    public var columns: [String]
    public var privacy: Privacy
    public var files: [FileEntry]
    /// Things a reviewer must know: no creation date, unexpected picklist values, absent columns.
    public var warnings: [String]

    public struct ContractReference: Sendable, Codable, Equatable {
        public var name: String
        public var revision: String
        public var sha256: String
    }

    public struct TimeWindow: Sendable, Codable, Equatable {
        /// The creation field the window applies to; `nil` when the data has none.
        public var field: String?
        public var from: String?
        public var to: String?
        /// When outcomes were last observable; maturity is judged against it.
        public var asOf: String
    }

    public struct LabelSummary: Sendable, Codable, Equatable {
        public var field: String
        public var dateField: String?
        public var windowDays: Int?
        /// Leads created after this moment were too young to label.
        public var maturityCutoff: String?
    }

    public struct SplitSummary: Sendable, Codable, Equatable {
        public var method: String
        public var validationStart: String?
        public var testStart: String?
    }

    public struct Counts: Sendable, Codable, Equatable {
        public var sourceRows: Int
        public var rejected: Int
        public var outsideWindow: Int
        public var immature: Int
        public var rows: Int
        public var positives: Int
        public var bySplit: [String: SplitCount]
    }

    public struct SplitCount: Sendable, Codable, Equatable {
        public var rows: Int
        public var positives: Int
    }

    public struct Privacy: Sendable, Codable, Equatable {
        public var dropped: [String]
        public var hashed: [String]
        public var derived: [String]
        public var saltFingerprint: String?
    }

    public struct FileEntry: Sendable, Codable, Equatable {
        public var name: String
        public var sha256: String
        public var bytes: Int

        public init(name: String, sha256: String, bytes: Int) {
            self.name = name
            self.sha256 = sha256
            self.bytes = bytes
        }
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
