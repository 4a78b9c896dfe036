/// The feature inventory of a snapshot, for a data-contract review.
public struct DatasetProfile: Sendable, Codable, Equatable {
    public var snapshotId: String
    public var contract: String
    public var rows: Int
    public var positives: Int
    public var baseRate: Double
    public var splitMethod: String
    public var window: SnapshotManifest.TimeWindow
    /// The two periods PSI compares: the earliest and the latest quarter of the time span.
    public var psiPeriods: PSIPeriods?
    public var fields: [FieldProfile]
    public var warnings: [String]

    /// The fields the leakage review flagged, in column order: what `train` prints and the model card's
    /// "Were these known when the lead arrived?" checklist carries.
    public var leakageSuspects: [LeakageSuspect] {
        fields.compactMap { field in
            field.leakageLevel.map { LeakageSuspect(name: field.name, level: $0, evidence: field.leakageEvidence) }
        }
    }

    public struct PSIPeriods: Sendable, Codable, Equatable {
        public var baselineFrom: String
        public var baselineTo: String
        public var recentFrom: String
        public var recentTo: String
        public var baselineRows: Int
        public var recentRows: Int
    }
}

/// One snapshot column's profile.
public struct FieldProfile: Sendable, Codable, Equatable {
    public var name: String
    public var type: String
    /// `feature`, `leakage`, `excluded`, `label`, `created`, `id`, `hashed_pii`, `derived`.
    public var role: String
    public var nullRate: Double
    public var distinct: Int
    public var topValues: [ValueCount]
    public var numericSummary: NumericSummary?
    public var psi: Double?
    public var singleFeatureAUC: Double?
    /// True for both levels of `leakageLevel`.
    public var leakageSuspect: Bool
    /// The `LeakageRules` reasons: each alone makes the field a `leakage` suspect.
    public var leakageReasons: [String]
    /// `nil` when nothing points at leakage; see `LeakageReview` for how evidence combines.
    public var leakageLevel: LeakageSuspect.Level?
    /// Every evidence item, most decisive first: `leakageReasons` plus the names, values, missingness,
    /// history and AUC findings the review combines.
    public var leakageEvidence: [String]
    /// What LeadHistory says about the field; absent when the snapshot was built without history.
    public var history: HistoryEvidence?

    /// Whether the org tracks the field and how often its value changed after the observation point.
    public struct HistoryEvidence: Sendable, Codable, Equatable {
        public var tracked: Bool
        /// The snapshot holds the value as of the observation point rather than today's.
        public var reconstructed: Bool
        public var observationDays: Int
        /// For tracked fields: leads with a value today or at the observation point, and the share of
        /// them whose value changed after it.
        public var leadsWithValue: Int?
        public var changedAfterObservationShare: Double?
    }

    public struct NumericSummary: Sendable, Codable, Equatable {
        public var min: Double
        public var median: Double
        public var max: Double
    }

    public struct ValueCount: Sendable, Codable, Equatable {
        public var value: String
        public var count: Int
        public var share: Double
    }
}
