import ArgumentParser
import Foundation
import LeadscoreData
import LeadscoreModels

/// `leadscore report BUNDLE --out DIR`
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a bundle's model card: self-contained model-card.html (inline charts) and model-card.md.",
        discussion: "Example: leadscore report var/demo/model --out var/demo/report")

    @Argument(help: "A model bundle written by `leadscore train`.") var bundle: String
    @Option(help: "Directory for model-card.html and model-card.md (created if needed).") var out: String

    func run() throws {
        let loaded = try ModelBundle.load(from: URL(fileURLWithPath: bundle))
        let paths = try writeModelCard(loaded, to: URL(fileURLWithPath: out))
        print("Model card → \(paths.html.path) (and \(paths.markdown.lastPathComponent))")
    }
}

/// Renders and writes the model card files; returns their paths.
func writeModelCard(_ bundle: ModelBundle, to directory: URL) throws -> (html: URL, markdown: URL) {
    let metadata = bundle.metadata
    let header = ModelCardHeader(
        modelName: metadata.name, modelVersion: metadata.modelVersion, createdAt: metadata.createdAt,
        libraryVersions: metadata.libraries,
        notes: ["Champion picked on the validation slice by \(bundle.evaluation.championMetric.rawValue); "
            + "the test slice was used once, for this card.",
                "Impacts are log-odds for the logistic and tree models and points for the rules baseline."])
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let html = directory.appendingPathComponent("model-card.html")
    let markdown = directory.appendingPathComponent("model-card.md")
    try Data(ModelCardHTML.render(bundle.evaluation, header: header).utf8).write(to: html, options: .atomic)
    try Data(ModelCardMarkdown.render(bundle.evaluation, header: header).utf8).write(to: markdown, options: .atomic)
    return (html, markdown)
}
