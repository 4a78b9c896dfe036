import ArgumentParser
import Foundation
import LeadscoreData
import LeadscoreModels

/// `leadscore train SNAPSHOT --config leadscore.yaml --out BUNDLE`
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train rules, logistic, gradient-boosted and blended models on a snapshot; write the champion as a bundle.",
        discussion: """
            The rules baseline, logistic regression, gradient-boosted trees and a blend of the last two are
            fitted on the snapshot's train slice, calibrated on validation, compared on
            validation (champion_metric, default PR AUC) and evaluated once on the test slice. The champion is
            then refitted on train + validation with the same settings (refit: false in leadscore.yaml turns
            this off); the model card keeps the honest test figures from before the refit.
            Example: leadscore train var/demo/snapshot --config leadscore.yaml --out var/demo/model
            """)

    @Argument(help: "A snapshot directory written by `leadscore snapshot create`.") var snapshot: String
    @Option(help: "leadscore.yaml (optional: defaults suit any contract).") var config: String?
    @Option(help: "Where to write the model bundle (must not exist).") var out: String

    func run() throws {
        AbandonedStaging.removeOnSignals() // interrupted: no half-written staging left behind
        let settings = try config.map { try TrainingConfigLoader.load(from: URL(fileURLWithPath: $0)) } ?? TrainingConfig()
        let opened = try Snapshot.open(URL(fileURLWithPath: snapshot))
        let started = Date()
        let bundle = try Trainer.train(snapshot: opened, config: settings) { print("  \($0)") }
        try bundle.write(to: URL(fileURLWithPath: out))
        printComparison(bundle.evaluation)
        if let refit = bundle.evaluation.refit {
            print("  after refit on train + validation (reported, chose nothing): \(refit.testChange)")
        }
        print("Model \(bundle.metadata.modelVersion) → \(out) (\(Int(Date().timeIntervalSince(started).rounded())) s)")
    }
}

/// The four models side by side on the test slice, champion marked.
func printComparison(_ evaluation: ModelEvaluation) {
    func format(_ value: Double?) -> String {
        guard let value else { return "   n/a" }
        let text = String((value * 1000).rounded() / 1000)
        return String(repeating: " ", count: max(0, 6 - text.count)) + text
    }
    print("  test slice          ROC AUC  PR AUC   Brier  top-10% lift")
    for model in evaluation.models {
        let marker = model.kind == evaluation.champion ? "*" : " "
        let name = model.kind.title.padding(toLength: 20, withPad: " ", startingAt: 0)
        let metrics = model.test
        print("\(marker) \(name)\(format(metrics.rocAUC))  \(format(metrics.prAUC))  \(format(metrics.brier))  \(format(metrics.topDecileLift))")
    }
}
