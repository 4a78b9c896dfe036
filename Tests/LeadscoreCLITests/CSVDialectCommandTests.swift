import Foundation
import Testing

/// A semicolon-separated export (Excel in many locales) through the commands a new user runs:
/// the delimiter is detected and reported, `--delimiter` overrides it, and a wrong one is a clear error.
struct CSVDialectCommandTests {
    let directory: URL
    let export: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("leadscore-dialect-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // `shared` sits beside the package root, as in CI.
        let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/datasets/online-shoppers/online_shoppers_intention.csv")
        export = try #require(FileManager.default.fileExists(atPath: shared.path) ? shared : nil,
                              "expected the shared datasets beside the package: \(shared.path)")
    }

    func run(_ arguments: [String]) throws -> CLITests.Outcome {
        try CLITests.run(arguments, environment: ["LEADSCORE_PII_SALT": "dialect-test-salt-0123456789abcdef"], in: directory)
    }

    /// `contract draft` from the export, then the one edit a user makes: Revenue says whether the session bought.
    func draftContract() throws -> (draft: CLITests.Outcome, yaml: String) {
        let draft = try run(["contract", "draft", "--from-csv", export.path, "--out", "contract.yaml"])
        let contractURL = directory.appendingPathComponent("contract.yaml")
        let yaml = try String(contentsOf: contractURL, encoding: .utf8)
        try Data(yaml.replacingOccurrences(of: "field: \"CHANGE_ME\"", with: "field: \"Revenue\"").utf8).write(to: contractURL)
        return (draft, yaml)
    }

    @Test func semicolonExportIsDraftedAndSnapshottedAsATable() throws {
        let (draft, yaml) = try draftContract()
        #expect(draft.status == 0, "\(draft.stderr)")
        #expect(draft.stdout.contains("wrote contract.yaml with 18 fields"))
        #expect(draft.stdout.contains("note: read online_shoppers_intention.csv as semicolon-separated (detected), CRLF line ends"))
        #expect(yaml.contains("# NOTE: read online_shoppers_intention.csv as semicolon-separated (detected)"))
        #expect(yaml.contains("missing_values: [\"--None--\""))

        let snapshot = try run(["snapshot", "create", "--source", "csv:\(export.path)", "--contract", "contract.yaml", "--out", "snap"])
        #expect(snapshot.status == 0, "\(snapshot.stderr)")
        #expect(snapshot.stdout.contains("read online_shoppers_intention.csv as semicolon-separated (detected), CRLF line ends"))
        #expect(snapshot.stdout.contains("12330 rows (1908 positive) from 12330 read: 0 rejected"))
        let manifest = try String(contentsOf: directory.appendingPathComponent("snap/manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"delimiter\" : \";\""))
    }

    @Test func aWrongOrUnknownDelimiterIsAClearError() throws {
        let draft = try draftContract().draft
        #expect(draft.status == 0, "\(draft.stderr)")
        let forced = try run(["snapshot", "create", "--source", "csv:\(export.path)", "--delimiter", ",",
                              "--contract", "contract.yaml", "--out", "snap"])
        #expect(forced.status != 0)
        #expect(forced.stderr.contains("online_shoppers_intention.csv line 1: the header is one column ('Administrative;"))
        #expect(forced.stderr.contains("it has no comma, the delimiter given. Fix: leave --delimiter out to detect it"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("snap").path))
        let unknown = try run(["snapshot", "create", "--source", "csv:\(export.path)", "--delimiter", "colon",
                               "--contract", "contract.yaml", "--out", "snap"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("The value 'colon' is invalid for '--delimiter"))
        let fromOrg = try run(["snapshot", "create", "--source", "salesforce", "--config", "x.yaml", "--delimiter", ";",
                               "--contract", "contract.yaml", "--out", "snap"])
        #expect(fromOrg.status != 0)
        #expect(fromOrg.stderr.contains("--delimiter is for CSV sources"))
    }
}
