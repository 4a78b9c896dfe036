/// How contract fields become model features. Lives in the contract so it travels with the data.
public struct FeatureOptions: Sendable, Equatable, Codable {
    /// A picklist value needs at least this many training rows to get its own column; rarer values
    /// share the `Other` column.
    public var minCategoryCount: Int
    /// At most this many columns per picklist (the most frequent values win).
    public var maxCategories: Int
    /// Features describe a lead as of this many days after creation (the scoring moment); date
    /// values later than that are treated as not yet known, so no future timestamp reaches a model.
    public var observationDays: Int
    /// The field grouped by `leadSourceGroups` (usually `LeadSource`).
    public var leadSourceField: String?
    /// A taxonomy of lead sources, e.g. Referral: [Partner Referral, Employee Referral].
    public var leadSourceGroups: [SourceGroup]

    public init(minCategoryCount: Int = 20, maxCategories: Int = 30, observationDays: Int = 7,
                leadSourceField: String? = nil, leadSourceGroups: [SourceGroup] = []) {
        self.minCategoryCount = minCategoryCount
        self.maxCategories = maxCategories
        self.observationDays = observationDays
        self.leadSourceField = leadSourceField
        self.leadSourceGroups = leadSourceGroups
    }
}

/// One named group of a lead-source taxonomy.
public struct SourceGroup: Sendable, Equatable, Codable {
    public var name: String
    public var sources: [String]

    public init(name: String, sources: [String]) {
        self.name = name
        self.sources = sources
    }
}
