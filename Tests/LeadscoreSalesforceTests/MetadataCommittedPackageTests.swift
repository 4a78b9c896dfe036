import Foundation
import LeadscoreData
import LeadscoreSalesforce
import Testing

/// The committed `salesforce/` folder is what the generator makes for the sample org today: same files,
/// same bytes. A change to a generator, the sample org's contract, the demo's tiers or the OpenAPI document
/// fails here until the folder is regenerated, so the deployed package never lags the code.
@Suite("Metadata committed package") struct MetadataCommittedPackageTests {
    static let regenerate = "regenerate it: LEADSCORE_REGENERATE_PACKAGE=1 swift test --filter MetadataCommittedPackage "
        + "(or make demo, then leadscore salesforce package --bundle var/demo/model "
        + "--service-url \(MetadataFixture.serviceURL) --schedule-start 2026-12-01 --out salesforce)"

    @Test func theCommittedFolderIsUpToDate() throws {
        let package = try SalesforcePackage.generate(MetadataFixture.input(contract: try MetadataFixture.contract()))
        let root = MetadataFixture.committedPackage
        // A developer's switch after changing a generator; never set in CI, where the comparison below decides.
        if ProcessInfo.processInfo.environment["LEADSCORE_REGENERATE_PACKAGE"] == "1" { try package.write(to: root) }
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        let committed = (enumerator?.allObjects as? [URL] ?? [])
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .map { String($0.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1)) }
        let expected = package.files.map(\.path)
        #expect(Set(committed) == Set(expected), "salesforce/ has other files than the generator writes; \(Self.regenerate)")
        let stale = package.files.filter { file in
            (try? Data(contentsOf: root.appendingPathComponent(file.path))) != file.contents
        }.map(\.path)
        #expect(stale.isEmpty, "out of date: \(stale.joined(separator: ", ")); \(Self.regenerate)")
    }

    /// The committed package's flows score through the sample contract's fields and the generated ones only.
    @Test func theCommittedFlowsReferenceOnlyExistingFields() throws {
        let checks = MetadataChecks(root: MetadataFixture.committedPackage, contract: try MetadataFixture.contract())
        for name in [PackageNames.scoreFlow, PackageNames.rescoreFlow] {
            let problems = try checks.referenceProblems(try checks.flow(name), service: PackageNames.externalService)
            #expect(problems.isEmpty, "\(name): \(problems)")
        }
    }
}
