import Foundation
import LeadscoreData

/// The share of leads route mode leaves out of routing (`sync.control_group`), so the cohort report can
/// measure what routing brings: a control lead still gets its score fields, but keeps its owner, gets no
/// follow-up Task and no hot-lead notice, and is audited `sync:control`.
///
/// Membership is a pure function of the lead id — the same lead gets the same answer on every run,
/// server and release — through a well-mixed hash (FNV-1a, a seed, the SplitMix64 finaliser, as
/// `SplitAssigner` hashes lead ids). Its seed differs from every other split's, so the control group is
/// independent of the canary split (SHA-256 buckets in `ServingSet`) and of training splits.
public struct ControlGroup: Sendable, Equatable {
    /// "controls" in ASCII: this hash's own seed.
    static let seed: UInt64 = 0x636f_6e74_726f_6c73

    /// 0 (no control group) up to 0.5.
    public var share: Double

    public init(share: Double = 0) {
        self.share = share
    }

    /// Whether the lead is held back from routing.
    public func contains(_ leadId: String) -> Bool {
        share > 0 && Self.position(of: leadId) < share
    }

    /// The lead's place in [0, 1), uniform over ids. A Salesforce Id is hashed by its 15-character form,
    /// so the 15- and 18-character spellings of a lead agree.
    public static func position(of leadId: String) -> Double {
        let key = SalesforceId.isValid(leadId) ? String(leadId.prefix(15)) : leadId
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        var mixed = (hash ^ seed) &+ 0x9e37_79b9_7f4a_7c15
        mixed = (mixed ^ (mixed >> 30)) &* 0xbf58_476d_1ce4_e5b9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94d0_49bb_1331_11eb
        mixed ^= mixed >> 31
        // The top 53 bits: every value a Double holds exactly, below 1.
        return Double(mixed >> 11) / Double(UInt64(1) << 53)
    }
}
