import ArgumentParser
import Foundation
import LeadscoreData

struct SampleOrgCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample-org",
        abstract: "Write a synthetic Salesforce org's Lead export (Lead.csv, truth.csv, describe.json, LeadHistory.csv).",
        discussion: "Example: leadscore sample-org --leads 100000 --seed 7 --out var/sample-org")

    @Option(help: "Number of leads.") var leads: Int = 50_000
    @Option(help: "Random seed; the same seed writes the same files.") var seed: UInt64 = 7
    @Option(help: "Output directory.") var out: String

    func validate() throws {
        guard leads >= 1 else { throw ValidationError("--leads must be at least 1") }
    }

    func run() throws {
        let summary = try SampleOrgGenerator(leads: leads, seed: seed).write(to: URL(fileURLWithPath: out))
        print("wrote \(summary.leads) leads (\(summary.converted) converted) to \(out): \(summary.files.joined(separator: ", "))")
    }
}
