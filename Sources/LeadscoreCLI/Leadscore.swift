import ArgumentParser

/// `leadscore`: predictive lead scoring for Salesforce. Each subcommand is a thin face over the
/// library modules; run `leadscore help <command>` for details and examples.
@main
struct Leadscore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leadscore",
        abstract: "Predictive lead scoring for Salesforce.",
        discussion: """
            Start with `leadscore demo`: it generates a sample org, drafts a contract, snapshots and profiles it.
            With your own data: `contract draft` → edit → `contract check` → `snapshot create` → `profile`.
            """,
        subcommands: [
            DemoCommand.self, SampleOrgCommand.self, ContractCommand.self, SnapshotCommand.self, ProfileCommand.self,
            TrainCommand.self, ReportCommand.self, ScoreCommand.self, ServeCommand.self, ModelsCommand.self, KeysCommand.self,
            DevSalesforceCommand.self, SyncCommand.self, SalesforceCommand.self, MonitorCommand.self,
            OutcomesCommand.self, RetrainCommand.self,
        ])
}
