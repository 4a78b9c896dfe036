import ArgumentParser
import Foundation
import LeadscoreData

struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Profile a snapshot: null rates, top values, PSI, single-feature AUC, leakage suspects.",
        discussion: "Example: leadscore profile snapshots/2025-01 --format md --out profile.md")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case md, json
    }

    @Argument(help: "A snapshot directory.") var snapshot: String
    @Option(help: "md or json.") var format: Format = .md
    @Option(help: "Write here instead of standard output.") var out: String?

    func run() throws {
        let profile = DatasetProfiler.profile(try Snapshot.open(URL(fileURLWithPath: snapshot)))
        let text = format == .md
            ? ProfileMarkdown.render(profile)
            : String(decoding: try ProfileMarkdown.json(profile), as: UTF8.self) + "\n"
        if let out {
            try writeAtomically(text, to: out)
            print("wrote \(out): \(profile.fields.filter(\.leakageSuspect).count) leakage suspects")
        } else {
            print(text, terminator: "")
        }
    }
}
