/// How far a sync goes, set in `leadscore.yaml` (`sync.mode`): switching is a config change, no redeploy.
public enum SyncMode: String, Sendable, CaseIterable, Codable {
    /// Score and audit locally; write nothing to Salesforce.
    case shadow
    /// Write the `AI_*` fields and an audit event.
    case recommend
    /// Also assign leads still owned by the intake queue/user to their tier's owner.
    case route
}
