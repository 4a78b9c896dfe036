import Foundation
import LeadscoreService

/// Each lead's first scoring in the audit log, found by streaming the log page by page
/// (`ServiceStore.auditEvents(from:to:afterId:limit:)`): memory grows with the number of leads, never
/// with the number of rows, so months of rescoring cost nothing extra.
///
/// "First" is the earliest `at` (rows are paged by id, which a backfill or a clock step may order
/// differently). Refusals and rows without a lead id or score are not scorings. A lead's sync rows also
/// say whether the sync held it back as control (`sync:control`) or wrote it (`sync:write`).
struct FirstScoringScan {
    static let pageSize = 5_000

    /// The sync's audit details (LeadSync): a control lead keeps its owner; a written one could be routed.
    static let controlDetail = "sync:control"
    static let writeDetail = "sync:write"
    /// Audited by the sync for a lead that was already converted when it read it.
    static let convertedDetail = "sync:converted"

    struct Lead {
        /// The id as the audit log spells it.
        var leadId: String
        var at: Date
        /// The row id, which breaks ties between rows at the same instant.
        var rowId: Int64
        var score: Int
        var tier: String?
        var version: String
        /// The first row's detail: `sync:converted` says the lead had converted before it was first scored.
        var detail: String?
        /// Some sync run audited it as a control lead.
        var control = false
        /// Some sync run wrote its score (in route mode: routed unless it was control).
        var written = false
    }

    /// By ``LeadOutcome/key(for:)``.
    private(set) var leads: [String: Lead] = [:]
    private(set) var rows = 0

    /// Every row before `to`.
    static func run(store: any ServiceStore, to: Date) async throws -> FirstScoringScan {
        var scan = FirstScoringScan()
        var cursor: Int64 = 0
        let from = Date(timeIntervalSince1970: 0)
        while true {
            let page = try await store.auditEvents(from: from, to: to, afterId: cursor, limit: pageSize)
            for stored in page { scan.add(stored) }
            guard let last = page.last, page.count == pageSize else { break }
            cursor = last.id
        }
        return scan
    }

    mutating func add(_ stored: StoredAuditEvent) {
        rows += 1
        let event = stored.event
        guard event.outcome == .scored, let leadId = event.leadId, !leadId.isEmpty, let score = event.score,
              let version = event.modelVersion else { return }
        let key = LeadOutcome.key(for: leadId)
        var lead = leads[key]
        if lead == nil || (event.at, stored.id) < (lead!.at, lead!.rowId) {
            let (control, written) = (lead?.control ?? false, lead?.written ?? false)
            lead = Lead(leadId: leadId, at: event.at, rowId: stored.id, score: score, tier: event.tier, version: version,
                        detail: event.detail, control: control, written: written)
        }
        if event.detail == Self.controlDetail { lead!.control = true }
        if event.detail == Self.writeDetail { lead!.written = true }
        leads[key] = lead
    }
}
