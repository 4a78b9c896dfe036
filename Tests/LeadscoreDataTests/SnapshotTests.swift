import Foundation
import Testing
@testable import LeadscoreData

struct SnapshotTests {
    let directory: URL
    let csvURL: URL
    let contract: DataContract

    init() throws {
        directory = try makeTemporaryDirectory()
        csvURL = directory.appendingPathComponent("Lead.csv")
        contract = try ContractLoader.parse(smallContractYAML)
    }

    func request(csv: String? = nil, contract: DataContract? = nil, yaml: String = smallContractYAML,
                 to: Double? = nil, strict: Bool = false, split: SplitPlan = .standard) throws -> SnapshotRequest {
        try writeText(csv ?? smallLeadsCSV(), to: csvURL)
        return SnapshotRequest(source: CSVFileSource(url: csvURL), contract: contract ?? self.contract, contractText: yaml,
                               to: to ?? SalesforceDate.parse("2024-03-15"), split: split, salt: testSalt, strict: strict)
    }

    @Test func writesTypedPIISafeRowsAndAManifestThatVerifies() throws {
        let out = directory.appendingPathComponent("snap")
        let manifest = try SnapshotBuilder.build(try request(), to: out)
        let rows = try String(contentsOf: out.appendingPathComponent("leads.csv"), encoding: .utf8)
        let header = rows.split(separator: "\n").first.map(String.init)
        #expect(header == "Id,Email,Email.domain_class,Title.seniority,LeadSource,NumberOfEmployees,Product_Interest__c,"
            + "Demo_Requested__c,LastActivityDate,Rating,IsConverted,ConvertedDate,CreatedDate,_label,_split")
        // No raw personal data anywhere in the snapshot: neither emails nor titles.
        for file in try FileManager.default.contentsOfDirectory(atPath: out.path) {
            let text = try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("@"), "raw email in \(file)")
            #expect(!text.contains("VP, Sales"), "raw title in \(file)")
        }
        #expect(rows.contains(testSalt.hash("person1@acme1.com")))
        // HMAC-SHA256 as Python's hmac module computes it (hmac.new(salt, value, sha256).hexdigest()[:32]),
        // value after value from the one keyed HMAC, trimmed and lower-cased first.
        #expect(testSalt.hash("person1@acme1.com") == "a578343b961929faccc27be4bab06602")
        #expect(testSalt.hash("  Second@Example.ORG ") == "3a73e52c7d528a9a77ea17cd006b0050")
        #expect(testSalt.hash("person1@acme1.com") == "a578343b961929faccc27be4bab06602")
        #expect(rows.contains(",corporate,vp,"))
        #expect(manifest.snapshotId.hasPrefix("snap-"))
        #expect(manifest.privacy.hashed == ["Email"])
        #expect(manifest.privacy.dropped == ["Title"])
        #expect(manifest.privacy.saltFingerprint == testSalt.fingerprint)
        let opened = try Snapshot.open(out)
        #expect(opened.manifest == manifest)
        #expect(opened.table.rowCount == manifest.counts.rows)
    }

    @Test func sameInputsGiveTheSameIdAndOtherInputsAnother() throws {
        let first = try SnapshotBuilder.build(try request(), to: directory.appendingPathComponent("a"))
        let second = try SnapshotBuilder.build(try request(), to: directory.appendingPathComponent("b"))
        #expect(first.snapshotId == second.snapshotId)
        let third = try SnapshotBuilder.build(try request(to: SalesforceDate.parse("2024-03-10")), to: directory.appendingPathComponent("c"))
        #expect(third.snapshotId != first.snapshotId)
    }

    @Test func labelsUseTheWindowAndLeaveImmatureLeadsOut() throws {
        // Leads are created daily from 2024-01-01; the window is 30 days; data as of 2024-03-15.
        let manifest = try SnapshotBuilder.build(try request(), to: directory.appendingPathComponent("s"))
        let table = try Snapshot.open(directory.appendingPathComponent("s")).table
        // Mature: created (01:00) at least 30 days before 2024-03-15 00:00 → days 0…43 → 44 leads.
        #expect(manifest.counts.immature == 16)
        #expect(table.rowCount == 44)
        // Every third lead converts, after (index % 45) days: a positive needs index % 45 <= 30.
        let expectedPositives = (0..<44).filter { $0 % 3 == 0 && $0 % 45 <= 30 }.count
        #expect(manifest.counts.positives == expectedPositives)
        #expect(table.labels.filter { $0 == 1 }.count == expectedPositives)
    }

    @Test func temporalSplitPutsTheNewestLeadsInTest() throws {
        _ = try SnapshotBuilder.build(try request(), to: directory.appendingPathComponent("s"))
        let table = try Snapshot.open(directory.appendingPathComponent("s")).table
        guard case let .numeric(created)? = table.column("CreatedDate") else {
            Issue.record("no CreatedDate column")
            return
        }
        let newestTrain = table.rows(in: .train).map { created.values[$0] }.max() ?? 0
        let oldestValidation = table.rows(in: .validation).map { created.values[$0] }.min() ?? 0
        let newestValidation = table.rows(in: .validation).map { created.values[$0] }.max() ?? 0
        let oldestTest = table.rows(in: .test).map { created.values[$0] }.min() ?? 0
        #expect(newestTrain < oldestValidation)
        #expect(newestValidation < oldestTest)
        #expect(table.rows(in: .train).count == 31)  // round(44 × 0.7)
    }

    @Test func badRowsAreReportedByLineAndTheRestKept() throws {
        let csv = smallLeadsCSV(extraRows: [
            "\(SalesforceId.caseSafe("00Q000000000900")),x@y.com,,Web,lots,,false,,,false,,2024-01-05T00:00:00.000+0000",
            "short,row",
            "\(SalesforceId.caseSafe("00Q000000000901")),x@y.com,,Web,5,,false,,,true,,2024-01-06T00:00:00.000+0000",
        ])
        let out = directory.appendingPathComponent("s")
        let manifest = try SnapshotBuilder.build(try request(csv: csv), to: out)
        #expect(manifest.counts.rejected == 3)
        let rejects = try String(contentsOf: out.appendingPathComponent("rejects.csv"), encoding: .utf8)
        #expect(rejects.contains("62,NumberOfEmployees,\"'lots' is not a number"))
        #expect(rejects.contains("63,,has 2 values"))
        #expect(rejects.contains("64,ConvertedDate,\"IsConverted is true but the date is empty"))
        #expect(manifest.counts.rows == 44)
    }

    @Test func strictModeStopsAndWritesNothing() throws {
        let csv = smallLeadsCSV(extraRows: ["short,row"])
        let out = directory.appendingPathComponent("strict")
        let error = try #require(throws: InputError.self) { try SnapshotBuilder.build(try request(csv: csv, strict: true), to: out) }
        #expect(error.line == 62)
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains("tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func tooManyBadRowsStopTheRun() throws {
        let yaml = smallContractYAML.replacingOccurrences(of: "{name: Rating, type: picklist", with: "{name: Rating, type: number")
        let strictTypes = try ContractLoader.parse(yaml)
        let out = directory.appendingPathComponent("s")
        let error = try #require(throws: InputError.self) {
            try SnapshotBuilder.build(try request(contract: strictTypes, yaml: yaml), to: out)
        }
        #expect(error.problem.contains("60 of 60 rows were rejected"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func existingOutputIsRefusedAndHashingNeedsASalt() throws {
        let out = directory.appendingPathComponent("s")
        try SnapshotBuilder.build(try request(), to: out)
        #expect(throws: InputError.self) { try SnapshotBuilder.build(try request(), to: out) }
        var unsalted = try request()
        unsalted.salt = nil
        let error = try #require(throws: InputError.self) { try SnapshotBuilder.build(unsalted, to: directory.appendingPathComponent("t")) }
        #expect(error.fix.contains("LEADSCORE_PII_SALT"))
    }

    @Test func missingRequiredColumnIsNamed() throws {
        let csv = smallLeadsCSV().replacingOccurrences(of: ",CreatedDate\r\n", with: ",Created\r\n")
        let errors = try #require(throws: InputErrors.self) {
            try SnapshotBuilder.build(try request(csv: csv), to: directory.appendingPathComponent("s"))
        }.errors
        #expect(errors.map(\.field) == ["CreatedDate"])
    }

    @Test func reportHeadersMapOntoTheContract() throws {
        let csv = smallLeadsCSV().replacingOccurrences(of: "LeadSource,", with: "Lead Source,")
            .replacingOccurrences(of: ",CreatedDate\r\n", with: ",Created Date\r\n")
        let manifest = try SnapshotBuilder.build(try request(csv: csv), to: directory.appendingPathComponent("s"))
        #expect(manifest.counts.rows == 44)
        #expect(manifest.warnings.isEmpty)
    }

    @Test func tamperedSnapshotIsRefused() throws {
        let out = directory.appendingPathComponent("s")
        try SnapshotBuilder.build(try request(), to: out)
        let rows = out.appendingPathComponent("leads.csv")
        var text = try String(contentsOf: rows, encoding: .utf8)
        text = text.replacingOccurrences(of: ",train", with: ",test")
        try writeText(text, to: rows)
        let error = try #require(throws: InputError.self) { try Snapshot.open(out) }
        #expect(error.problem.contains("SHA-256"))
    }

    @Test func withoutACreationDateTheSplitIsStratifiedAndSaysSo() throws {
        let yaml = """
        version: 1
        name: flags
        label: {field: Won}
        fields:
          - {name: Score, type: number}
          - {name: Won, type: boolean, scoring: leakage}
        """
        var lines = ["Score,Won"]
        for index in 0..<200 { lines.append("\(index),\(index % 4 == 0 ? "Yes" : "No")") }
        let out = directory.appendingPathComponent("s")
        let manifest = try SnapshotBuilder.build(try request(csv: lines.joined(separator: "\n"),
                                                              contract: ContractLoader.parse(yaml), yaml: yaml), to: out)
        #expect(manifest.split.method == "stratified_random_v2")
        #expect(manifest.warnings.contains { $0.hasPrefix("NO CREATION DATE") })
        #expect(manifest.counts.positives == 50)
        #expect(manifest.counts.bySplit["train"] == .init(rows: 140, positives: 35))
        #expect(manifest.counts.bySplit["test"]?.positives == 7)  // 50 − 35 − round(7.5)
    }

    /// Rows are normalised on all cores a chunk at a time (`SnapshotBuilder.chunkRows`); across several
    /// chunks, kept rows and rejections must still come in source order, as one row at a time would give.
    @Test func rowsAndRejectionsKeepSourceOrderAcrossChunks() throws {
        let count = SnapshotBuilder.chunkRows * 2 + 1_234
        var lines = smallLeadsCSV(count: count).split(separator: "\r\n").map(String.init)
        var rejectedLines: [Int] = []
        var keptIds: [String] = []
        for index in 0..<count {
            var fields = lines[index + 1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if index % 1_499 == 11 {
                lines[index + 1] += ",one too many"
                rejectedLines.append(index + 2)
            } else if index % 997 == 5, !fields[4].isEmpty, !lines[index + 1].contains("\"") {
                fields[4] = "many"
                lines[index + 1] = fields.joined(separator: ",")
                rejectedLines.append(index + 2)
            } else {
                keptIds.append(fields[0])
            }
        }
        let out = directory.appendingPathComponent("chunks")
        let manifest = try SnapshotBuilder.build(
            try request(csv: lines.joined(separator: "\r\n") + "\r\n", to: SalesforceDate.parse("2090-01-01")), to: out)
        let rejects = try CSVReader(url: out.appendingPathComponent(SnapshotManifest.rejectsFile))
        var reported: [Int] = []
        while let record = try rejects.next() {
            if case let .row(row) = record { reported.append(Int(row.values[0]) ?? -1) }
        }
        #expect(reported == rejectedLines)
        #expect(manifest.counts.rejected == rejectedLines.count)
        let rows = try CSVReader(url: out.appendingPathComponent(SnapshotManifest.rowsFile))
        var ids: [String] = []
        while let record = try rows.next() {
            if case let .row(row) = record { ids.append(row.values[0]) }
        }
        #expect(ids == keptIds)
    }
}
