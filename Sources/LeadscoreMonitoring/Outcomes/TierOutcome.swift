/// One tier of a cohort (the tier of each lead's first scoring): how its leads converted and whether
/// anyone worked them. Worked means a Lead Status outside `monitoring.outcomes.unworked_statuses`; a
/// lead with no Status (or a source without the column) is unknown and left out of the rate.
public struct TierOutcome: Sendable, Codable, Equatable {
    public var tier: String
    public var leads: Int
    public var conversions: Int
    public var conversionRate: Double
    public var worked: Int
    public var unknownStatus: Int
    /// worked / (leads − unknownStatus); nil when no lead's status is known.
    public var workedRate: Double?

    /// Tiers in `order` first (the policies' order, best first), then any other tier by name.
    static func tiers(_ leads: [(tier: String, converted: Bool, status: String?)], order: [String],
                      unworked: Set<String>) -> [TierOutcome] {
        var byTier: [String: TierOutcome] = [:]
        for lead in leads {
            var entry = byTier[lead.tier] ?? TierOutcome(tier: lead.tier, leads: 0, conversions: 0, conversionRate: 0, worked: 0,
                                                         unknownStatus: 0, workedRate: nil)
            entry.leads += 1
            if lead.converted { entry.conversions += 1 }
            switch lead.status {
            case nil: entry.unknownStatus += 1
            case let status? where !unworked.contains(status): entry.worked += 1
            default: break
            }
            byTier[lead.tier] = entry
        }
        let names = order.filter { byTier[$0] != nil } + byTier.keys.filter { !order.contains($0) }.sorted()
        return names.map { name in
            var entry = byTier[name]!
            entry.conversionRate = Double(entry.conversions) / Double(entry.leads)
            let known = entry.leads - entry.unknownStatus
            entry.workedRate = known > 0 ? Double(entry.worked) / Double(known) : nil
            return entry
        }
    }
}
