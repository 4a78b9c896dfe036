import Foundation
import LeadscoreData
import LeadscoreDevSalesforce
import LeadscoreSalesforce
import Testing

/// The Salesforce route to a snapshot must give what the CSV route gives for the same org data: the same
/// rows, labels and splits, with field history applied the same way, whether the rows come through REST
/// query pages or a Bulk API 2.0 job, and whether or not the org answers with faults.
@Suite("Extract to snapshot") struct ExtractSnapshotTests {
    static let exportTime = SampleOrgGenerator.exportTime.timeIntervalSince1970

    @Test func restAndBulkExtractsEqualTheCSVRoute() async throws {
        try await DevOrgHarness.run(leads: 3_000) { org in
            let work = try Workspace()
            let contract = try work.contract(from: org.orgDirectory)
            let csv = try work.snapshot("csv", contract: contract, source: CSVFileSource(
                url: org.orgDirectory.appendingPathComponent("Lead.csv")),
                history: try FieldHistory.load(from: org.orgDirectory.appendingPathComponent("LeadHistory.csv")))

            // REST: the window is far below rest_max_rows; Bulk: every query goes through a job, in small pages.
            let rest = try await org.withClient { client in
                try await work.extractSnapshot("rest", contract: contract, client: client)
            }
            let bulk = try await org.withClient(restMaxRows: 1, bulkPageRecords: 700) { client in
                try await work.extractSnapshot("bulk", contract: contract, client: client)
            }
            #expect(rest.outcome.rows.method == .rest)
            #expect(rest.outcome.historyRows?.method == .rest)
            #expect(bulk.outcome.rows.method == .bulk)
            #expect(bulk.outcome.historyRows?.method == .bulk)
            #expect(rest.outcome.rows.rows == 3_000)

            let csvRows = try work.rows(of: "csv")
            #expect(csvRows.split(separator: "\n").count > 1_000)
            for extracted in [rest, bulk] {
                #expect(try work.rows(of: extracted.name) == csvRows)
                #expect(extracted.manifest.counts == csv.counts)
                #expect(extracted.manifest.split == csv.split)
                #expect(extracted.manifest.columns == csv.columns)
                #expect(extracted.manifest.history?.trackedFields == csv.history?.trackedFields)
                #expect(extracted.manifest.source.kind == "salesforce")
                #expect(extracted.manifest.source.query?.hasPrefix("SELECT Id, ") == true)
            }
            // History was applied (Status and Rating are tracked in the sample org), not merely carried.
            #expect(csv.history?.trackedFields.contains { $0.name == "Status" && $0.reconstructed } == true)
        }
    }

    /// Personal data the contract drops is never selected, so it never leaves the org.
    @Test func droppedPersonalDataIsNotSelected() async throws {
        try await DevOrgHarness.run(leads: 200) { org in
            let work = try Workspace()
            let contract = try work.contract(from: org.orgDirectory)
            let dropped = contract.contract.fields.filter { $0.pii && $0.piiAction == .drop && $0.derive.isEmpty }.map(\.name)
            #expect(!dropped.isEmpty)
            let extracted = try await org.withClient { try await work.extractSnapshot("rest", contract: contract, client: $0) }
            let query = try #require(extracted.manifest.source.query)
            let selected = Set(query.components(separatedBy: " FROM ")[0].dropFirst("SELECT ".count)
                .components(separatedBy: ", "))
            #expect(selected.contains("Id") && selected.contains("CreatedDate"))
            for field in dropped {
                #expect(!selected.contains(field), "\(field) was selected")
            }
            #expect(!extracted.manifest.warnings.contains { $0.contains("not in the source") })
        }
    }

    /// A contract field the integration user cannot read stops the extract before any row is read,
    /// naming the field and the permission set fix.
    @Test func hiddenFieldNamesThePermissionFix() async throws {
        var faults = FaultPlan()
        faults.hiddenFields = ["AnnualRevenue"]
        try await DevOrgHarness.run(leads: 50, faults: faults) { org in
            let work = try Workspace()
            let contract = try work.contract(from: org.orgDirectory)
            let error = await #expect(throws: InputError.self) {
                try await org.withClient { try await work.extractSnapshot("rest", contract: contract, client: $0) }
            }
            #expect(error?.field == "AnnualRevenue")
            #expect(error?.fix.contains("permission set") == true)
        }
    }
}

/// A temporary directory with the contract and snapshots of one test, removed with it.
final class Workspace: Sendable {
    let root: URL
    let salt: PIISalt

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("leadscore-extract-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        salt = try PIISalt(secret: "extract-tests-salt-0123456789abcdef")
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    struct Contract {
        let contract: DataContract
        let text: String
    }

    /// The contract `make demo` drafts: from the org's describe, defaults unchanged.
    func contract(from org: URL) throws -> Contract {
        let describe = try SalesforceDescribe.decode(try Data(contentsOf: org.appendingPathComponent("describe.json")),
                                                     source: "describe.json")
        let draft = ContractDrafter.draft(fromDescribe: describe, name: "extract-test")
        let text = ContractWriter.yaml(draft.contract, remarks: draft.remarks)
        return Contract(contract: try ContractLoader.parse(text), text: text)
    }

    func snapshot(_ name: String, contract: Contract, source: any RecordSource, history: FieldHistory?) throws -> SnapshotManifest {
        let time = ExtractSnapshotTests.exportTime
        return try SnapshotBuilder.build(SnapshotRequest(
            source: source, contract: contract.contract, contractText: contract.text, to: time, asOf: time, salt: salt,
            history: history), to: root.appendingPathComponent(name))
    }

    struct Extracted {
        let name: String
        let outcome: ExtractOutcome
        let manifest: SnapshotManifest
    }

    func extractSnapshot(_ name: String, contract: Contract, client: SalesforceClient) async throws -> Extracted {
        let staging = try StagingDirectory(beside: root.appendingPathComponent(name))
        defer { staging.remove() }
        let outcome = try await SalesforceExtractor(client: client).extract(
            contract: contract.contract, from: nil, to: ExtractSnapshotTests.exportTime, history: true, into: staging.url)
        return Extracted(name: name, outcome: outcome,
                         manifest: try snapshot(name, contract: contract, source: outcome.source, history: outcome.history))
    }

    /// The rows file of the snapshot called `name`: rows, labels and splits in order.
    func rows(of name: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(name).appendingPathComponent(SnapshotManifest.rowsFile),
                   encoding: .utf8)
    }
}
