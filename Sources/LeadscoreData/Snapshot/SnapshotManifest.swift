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
    /// What field history did to the rows; absent when the snapshot was built without it (and in
    /// manifests written before history existed).
    public var history: HistorySummary?

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
        /// `temporal_fractions`, `temporal_dates`, `row_order_fractions` or `stratified_random_v2`.
        public var method: String
        public var validationStart: String?
        public var testStart: String?
        /// For a random split: whether the conversion rate moves with row order (flagged or not).
        /// Absent for other splits and in manifests written before the check existed.
        public var rowOrderDrift: RowOrderDrift?
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

    /// The field history a snapshot was built with, and what it says about each contract field.
    public struct HistorySummary: Sendable, Codable, Equatable {
        public var source: SourceDescription
        /// Tracked fields hold their value as of creation + this many days (at most the as-of time).
        public var observationDays: Int
        /// History rows read, and rows left out as unreadable.
        public var rows: Int
        public var rejectedRows: Int
        /// Snapshot leads with at least one history row.
        public var leadsWithHistory: Int
        /// Contract fields with history rows, in contract order.
        public var trackedFields: [TrackedField]
        /// Contract fields without history rows: they hold today's value.
        public var untrackedFields: [String]
        /// History `Field` values that name no contract field: events (`created`, `leadConverted`) and
        /// fields outside the contract.
        public var otherFields: [String]
    }

    /// One tracked field, counted over the snapshot's leads.
    public struct TrackedField: Sendable, Codable, Equatable {
        public var name: String
        /// Whether the snapshot holds the value as of the observation point (otherwise today's value).
        public var reconstructed: Bool
        /// Why a tracked field was not reconstructed.
        public var note: String?
        /// Leads with a value today or at the observation point.
        public var leadsWithValue: Int
        public var leadsWithChanges: Int
        /// Leads with a value whose value changed after the observation point, and their share of
        /// `leadsWithValue`: today's value of these leads was not known when they would be scored.
        public var leadsChangedAfterObservation: Int
        public var changedAfterObservationShare: Double
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
