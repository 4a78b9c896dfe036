import ArgumentParser
import Foundation
import LeadscoreData
import LeadscoreModels

/// `leadscore score --bundle BUNDLE --in leads.csv --out scored.csv [--explain] [--delimiter D]`
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score a CSV of leads with a model bundle (streaming, all cores).",
        discussion: """
            Bad rows are reported with their line numbers and skipped; the run goes on (exit status 3 when any row
            was skipped). The output appears only when the run completes.
            The input's delimiter (comma, semicolon, tab or |) is detected from its header and first rows;
            pass --delimiter when the file is ambiguous, e.g. --delimiter ';' or --delimiter tab.
            Example: leadscore score --bundle var/demo/model --in Lead.csv --out scored.csv --explain
            """)

    @Option(help: "A model bundle written by `leadscore train`.") var bundle: String
    @Option(name: .customLong("in"), help: "Leads as CSV (Data Loader API names or report labels).") var input: String
    @Option(help: "Where to write the scores as CSV.") var out: String
    @Flag(help: "Add reasons (exact contributions; slower for trees).") var explain = false
    @Option(help: "The input's delimiter; auto detects it from the header and first rows.")
    var delimiter: CSVDelimiterChoice = .detect

    func run() throws {
        AbandonedStaging.removeOnSignals() // interrupted: no half-written staging left behind
        let loaded = try ModelBundle.load(from: URL(fileURLWithPath: bundle))
        // Reading the header here stops a one-column file early and tells the user how the file was read.
        let reader = try CSVReader(url: URL(fileURLWithPath: input), delimiter: delimiter)
        try reader.requireSeveralColumns()
        print("reading \(reader.sourceName) as \(reader.dialect.summary)")
        let progress = ProgressLine(enabled: isatty(STDERR_FILENO) == 1)
        let started = Date()
        let summary = try BatchScorer(scorer: LeadScorer(bundle: loaded)).run(
            input: URL(fileURLWithPath: input), output: URL(fileURLWithPath: out), explain: explain, delimiter: delimiter
        ) { progress.update(rows: $0) }
        progress.finish()
        for error in summary.errors.prefix(20) { FileHandle.standardError.write(Data("  \(error)\n".utf8)) }
        if summary.errors.count > 20 {
            FileHandle.standardError.write(Data("  … and \(summary.errors.count - 20) more problems\n".utf8))
        }
        let seconds = Date().timeIntervalSince(started)
        print("Scored \(summary.scored) of \(summary.rows) leads with \(loaded.metadata.modelVersion) → \(out) "
            + "(\(Int(Double(summary.scored) / max(seconds, 0.001))) leads/s)")
        if !summary.errors.isEmpty { throw ExitCode(3) }
    }
}

/// A one-line progress counter on a terminal; silent when output is piped.
final class ProgressLine {
    private let enabled: Bool
    private let started = Date()

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func update(rows: Int) {
        guard enabled else { return }
        let rate = Double(rows) / max(Date().timeIntervalSince(started), 0.001)
        FileHandle.standardError.write(Data("\r  \(rows) rows · \(Int(rate)) rows/s   ".utf8))
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
