import ArgumentParser
import Foundation
import LeadscoreData
import LeadscoreSalesforce

struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Create immutable, checksummed dataset snapshots.",
        subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Snapshot a source through a contract: typed, PII-safe, labelled and split.",
            discussion: """
                Examples:
                  leadscore snapshot create --source csv:Lead.csv --history csv:LeadHistory.csv --contract contract.yaml \\
                    --from 2024-01-01 --to 2025-01-01 --out snapshots/2025-01
                  leadscore snapshot create --source salesforce --config leadscore.yaml --contract contract.yaml \\
                    --from 2024-01-01 --to 2025-01-01 --out snapshots/2025-01
                With field history (a LeadHistory export, or read from the org), fields Salesforce tracks are taken as
                of creation + the contract's observation_days instead of today's value.
                Personal data marked pii_action: hash needs a salt in LEADSCORE_PII_SALT or LEADSCORE_PII_SALT_FILE.
                A CSV source's delimiter (comma, semicolon, tab or |) is detected from its header and first rows;
                pass --delimiter when the file is ambiguous, e.g. --delimiter ';' or --delimiter tab.
                """)

        @Option(help: "Where rows come from: csv:PATH, or salesforce (the org in --config).") var source: String
        @Option(help: "The data contract.") var contract: String
        @Option(help: "leadscore.yaml with a salesforce: section (for --source salesforce).") var config: String?
        @Option(help: "A LeadHistory export (csv:PATH) for point-in-time values (CSV sources).") var history: String?
        @Option(help: "The CSV source's delimiter; auto detects it from the header and first rows.")
        var delimiter: CSVDelimiterChoice = .detect
        @Flag(name: .customLong("no-history"), help: "Salesforce: keep today's values; do not read field history.")
        var noHistory = false
        @Option(help: "Keep leads created on or after this date.") var from: DateOption?
        @Option(help: "Keep leads created before this date.") var to: DateOption?
        @Option(name: .customLong("as-of"), help: "When the export was taken (default: --to, else the newest lead).")
        var asOf: DateOption?
        @Option(help: "Shares (0.7,0.15,0.15) or validation and test start dates (2024-10-01,2025-01-01).")
        var split: String = "0.7,0.15,0.15"
        @Flag(help: "Stop at the first bad row instead of reporting it and going on.") var strict = false
        @Option(name: .customLong("max-rejected"), help: "Give up if more than this share of rows is bad.")
        var maxRejected: Double = 0.2
        @Option(name: .customLong("pii-salt-file"), help: "File holding the PII salt (else the environment).")
        var piiSaltFile: String?
        @Option(help: "Output directory (must not exist).") var out: String

        func validate() throws {
            if let from, let to, from.seconds >= to.seconds {
                throw ValidationError("--from must be before --to")
            }
            guard (0...1).contains(maxRejected) else { throw ValidationError("--max-rejected must be between 0 and 1") }
            if source == "salesforce" {
                guard config != nil else { throw ValidationError("--source salesforce needs --config leadscore.yaml") }
                guard history == nil else {
                    throw ValidationError("--history is for CSV sources; from Salesforce the history is read from the org")
                }
                guard delimiter == .detect else { throw ValidationError("--delimiter is for CSV sources (--source csv:PATH)") }
            } else if noHistory {
                throw ValidationError("--no-history is for --source salesforce; leave out --history instead")
            }
        }

        func run() async throws {
            AbandonedStaging.removeOnSignals() // interrupted: no half-written staging left behind
            let contractURL = URL(fileURLWithPath: contract)
            let loaded = try ContractLoader.load(from: contractURL)
            let outURL = URL(fileURLWithPath: out)
            let rows: any RecordSource
            var fieldHistory: FieldHistory?
            var staging: StagingDirectory?
            defer { staging?.remove() }
            if source == "salesforce" {
                let directory = try StagingDirectory(beside: outURL)
                staging = directory
                let extract = try await OrgConnection.extract(
                    config: try SalesforceConfigLoader.load(from: URL(fileURLWithPath: config ?? "")), contract: loaded,
                    from: from?.seconds, to: to?.seconds, history: !noHistory, into: directory.url)
                rows = extract.source
                fieldHistory = extract.history
            } else {
                rows = try CSVFileSource(specification: source, delimiter: delimiter)
                fieldHistory = try history.map { try FieldHistory.load(from: try CSVFileSource(specification: $0).url) }
            }
            let manifest = try SnapshotBuilder.build(SnapshotRequest(
                source: rows, contract: loaded,
                contractText: try String(contentsOf: contractURL, encoding: .utf8),
                from: from?.seconds, to: to?.seconds, asOf: asOf?.seconds,
                split: try SplitPlan(argument: split),
                salt: try PIISalt.fromEnvironment(file: piiSaltFile),
                strict: strict, maxRejectedShare: maxRejected, history: fieldHistory), to: outURL)
            printSummary(manifest, at: out)
        }
    }
}

func printSummary(_ manifest: SnapshotManifest, at path: String) {
    let counts = manifest.counts
    print("snapshot \(manifest.snapshotId) → \(path)")
    if let dialect = manifest.source.dialect { print("  read \(manifest.source.location) as \(dialect.summary)") }
    print("  \(counts.rows) rows (\(counts.positives) positive) from \(counts.sourceRows) read: "
        + "\(counts.rejected) rejected, \(counts.outsideWindow) outside the window, \(counts.immature) too young to label")
    for split in DataSplit.allCases {
        if let part = counts.bySplit[split.rawValue] {
            print("  \(split.rawValue): \(part.rows) rows, \(part.positives) positive")
        }
    }
    for warning in manifest.warnings { print("  warning: \(warning)") }
}
