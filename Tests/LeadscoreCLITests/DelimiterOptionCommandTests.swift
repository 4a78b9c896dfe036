import Foundation
import Testing

/// `--delimiter` on `contract draft --from-csv` and `score`: a file whose first rows split as well on
/// commas as on semicolons stops with the fix, and the option then settles how the whole file is read.
struct DelimiterOptionCommandTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("leadscore-delimiter-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func run(_ arguments: [String]) throws -> CLITests.Outcome {
        try CLITests.run(arguments, environment: ["LEADSCORE_PII_SALT": "delimiter-test-salt-0123456789abcdef"], in: directory)
    }

    func write(_ text: String, to name: String) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
    }

    func exists(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path)
    }

    @Test func contractDraftReadsAnAmbiguousCSVWithTheGivenDelimiter() throws {
        // Semicolon-separated, but report labels and decimal commas put as many commas as semicolons on every line.
        try write("Company;Region, Country;Revenue, EUR\nAcme;West, France;1200,50\nGlobex;North, Germany;980,00\n"
            + "Initech;South, Spain;45,25\n", to: "accounts.csv")
        let detected = try run(["contract", "draft", "--from-csv", "accounts.csv", "--out", "contract.yaml"])
        #expect(detected.status != 0)
        #expect(detected.stderr.contains(
            "accounts.csv line 1: the header splits into 3 columns on comma and on semicolon, and the first 3 rows fit each of them equally"))
        #expect(detected.stderr.contains("Fix: pass --delimiter with the one that separates the values: ',' or ';'"))
        #expect(!exists("contract.yaml"))

        let given = try run(["contract", "draft", "--from-csv", "accounts.csv", "--delimiter", ";", "--out", "contract.yaml"])
        #expect(given.status == 0, "\(given.stderr)")
        #expect(given.stdout.contains("wrote contract.yaml with 3 fields"))
        #expect(given.stdout.contains("note: read accounts.csv as semicolon-separated (as given), LF line ends"))
        let yaml = try String(contentsOf: directory.appendingPathComponent("contract.yaml"), encoding: .utf8)
        #expect(yaml.contains("- name: \"Region_Country\"\n    label: \"Region, Country\""))
        #expect(yaml.contains("- name: \"Revenue_EUR\"\n    label: \"Revenue, EUR\""))

        // The same file split on commas has no column named Company: the option is what the drafter read with.
        let comma = try run(["contract", "draft", "--from-csv", "accounts.csv", "--delimiter", "comma", "--out", "comma.yaml"])
        #expect(comma.status == 0, "\(comma.stderr)")
        #expect(comma.stdout.contains("note: read accounts.csv as comma-separated (as given)"))
        let commaYAML = try String(contentsOf: directory.appendingPathComponent("comma.yaml"), encoding: .utf8)
        #expect(!commaYAML.contains("- name: \"Company\""))

        let describe = try run(["contract", "draft", "--from-describe", "describe.json", "--delimiter", ";", "--out", "d.yaml"])
        #expect(describe.status != 0)
        #expect(describe.stderr.contains("--delimiter is for --from-csv FILE"))
    }

    @Test func scoreReadsTheInputWithTheGivenDelimiter() throws {
        for arguments in [
            ["sample-org", "--leads", "3000", "--seed", "3", "--out", "org"],
            ["contract", "draft", "--from-describe", "org/describe.json", "--out", "contract.yaml"],
            ["snapshot", "create", "--source", "csv:org/Lead.csv", "--contract", "contract.yaml",
             "--from", "2023-07-01", "--to", "2025-07-01", "--out", "snap"],
            ["train", "snap", "--config", "leadscore.yaml", "--out", "model"],
        ] {
            if arguments[0] == "train" { try write("min_train_positives: 20\n", to: "leadscore.yaml") }
            let outcome = try run(arguments)
            try #require(outcome.status == 0, "\(arguments.prefix(2)): \(outcome.stderr)")
        }

        // The whole export with semicolons (every value is quoted, so the separators are exactly `","`)
        // scores exactly as the comma original does.
        let export = try String(contentsOf: directory.appendingPathComponent("org/Lead.csv"), encoding: .utf8)
        try write(export.replacingOccurrences(of: "\",\"", with: "\";\""), to: "semicolon.csv")
        let original = try run(["score", "--bundle", "model", "--in", "org/Lead.csv", "--out", "comma-scores.csv"])
        #expect(original.status == 0, "\(original.stderr)")
        let semicolon = try run(["score", "--bundle", "model", "--in", "semicolon.csv", "--delimiter", ";",
                                 "--out", "semicolon-scores.csv"])
        #expect(semicolon.status == 0, "\(semicolon.stderr)")
        #expect(semicolon.stdout.contains("reading semicolon.csv as semicolon-separated (as given)"))
        #expect(semicolon.stdout.contains("Scored 3000 of 3000 leads"))
        let commaScores = try Data(contentsOf: directory.appendingPathComponent("comma-scores.csv"))
        #expect(try Data(contentsOf: directory.appendingPathComponent("semicolon-scores.csv")) == commaScores)

        let wrong = try run(["score", "--bundle", "model", "--in", "semicolon.csv", "--delimiter", ",", "--out", "wrong.csv"])
        #expect(wrong.status != 0)
        #expect(wrong.stderr.contains("semicolon.csv line 1: the header is one column"))
        #expect(wrong.stderr.contains("it has no comma, the delimiter given. Fix: leave --delimiter out to detect it"))
        #expect(!exists("wrong.csv"))

        // Rep notes with as many commas as the line has semicolons: detection cannot choose, the option can,
        // and the scorer (which opens the file again) reads it the same way.
        let lines = export.split(whereSeparator: \.isNewline).prefix(4)
            .map { $0.dropFirst().dropLast().components(separatedBy: "\",\"") }
        let header = try #require(lines.first)
        let id = try #require(header.firstIndex(of: "Id")), created = try #require(header.firstIndex(of: "CreatedDate"))
        let notes = lines.dropFirst().map { "\($0[id]);\($0[created]);Anna, March, demo booked" }
        try write((["Id;CreatedDate;Notes (who, when, what)"] + notes).joined(separator: "\n") + "\n", to: "notes.csv")
        let undecided = try run(["score", "--bundle", "model", "--in", "notes.csv", "--out", "notes-scores.csv"])
        #expect(undecided.status != 0)
        #expect(undecided.stderr.contains("the header splits into 3 columns on comma and on semicolon"))
        let settled = try run(["score", "--bundle", "model", "--in", "notes.csv", "--delimiter", ";", "--out", "notes-scores.csv"])
        #expect(settled.status == 0, "\(settled.stderr)")
        #expect(settled.stdout.contains("Scored 3 of 3 leads"))
        let scored = try String(contentsOf: directory.appendingPathComponent("notes-scores.csv"), encoding: .utf8)
        for row in lines.dropFirst() { #expect(scored.contains("\n\(row[id]),")) }
    }
}
