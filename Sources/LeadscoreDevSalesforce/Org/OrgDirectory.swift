import Foundation
import LeadscoreData

/// Where an org's files live: what `leadscore sample-org` wrote (describes and CSV exports) and the
/// server's own state beside it in `.dev-salesforce/` (the SQLite org, the connected app's
/// credentials, the TLS certificates and Bulk job results).
///
/// Objects: `describe.json` (the sample org's Lead describe) and every `<Object>.describe.json`; the
/// records of object `X` come from `X.csv` when it exists. `LeadHistory` gets a built-in describe when
/// no file brings one.
public struct OrgDirectory: Sendable {
    public let url: URL

    public init(_ url: URL) {
        self.url = url.standardizedFileURL
    }

    public var stateDirectory: URL { url.appendingPathComponent(".dev-salesforce", isDirectory: true) }
    public var database: URL { stateDirectory.appendingPathComponent("org.sqlite") }
    public var credentials: URL { stateDirectory.appendingPathComponent("connected-app.json") }
    public var jwtPrivateKey: URL { stateDirectory.appendingPathComponent("jwt-private-key.pem") }
    public var certificateAuthority: URL { stateDirectory.appendingPathComponent("ca.pem") }
    public var certificateAuthorityKey: URL { stateDirectory.appendingPathComponent("ca-key.pem") }
    public var jobs: URL { stateDirectory.appendingPathComponent("jobs", isDirectory: true) }

    /// The CSV export of `object`, when the directory has one.
    public func records(of object: String) -> URL? {
        let file = url.appendingPathComponent("\(object).csv")
        return FileManager.default.fileExists(atPath: file.path) ? file : nil
    }

    /// Reads every describe in the directory, plus the built-in LeadHistory one when none is given.
    public func loadCatalog() throws -> OrgCatalog {
        let main = url.appendingPathComponent("describe.json")
        guard FileManager.default.fileExists(atPath: main.path) else {
            throw InputError(source: url.path, problem: "has no describe.json, so it is not an org directory",
                             fix: "write one with `leadscore sample-org --out \(url.path)` or point --org at one")
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        var files = [main]
        files += names.filter { $0.hasSuffix(".describe.json") }.sorted().map { url.appendingPathComponent($0) }
        var objects: [ObjectDescribe] = []
        for file in files {
            let data: Data
            do {
                data = try Data(contentsOf: file)
            } catch {
                throw InputError(source: file.path, problem: "cannot be read (\(error.localizedDescription))",
                                 fix: "check the file's permissions")
            }
            let describe = try ObjectDescribe.decode(data, source: file.lastPathComponent)
            if objects.contains(where: { $0.name.caseInsensitiveCompare(describe.name) == .orderedSame }) {
                throw InputError(source: file.lastPathComponent, field: "name",
                                 problem: "describes \(describe.name), which another describe file already describes",
                                 fix: "keep one describe file per object")
            }
            objects.append(describe)
        }
        if !objects.contains(where: { $0.name == "LeadHistory" }), let lead = objects.first(where: { $0.name == "Lead" }) {
            let tracked = lead.fields.filter { $0.isUpdateable }.map(\.name)
            let document = try LeadHistoryDescribe.document(trackedFields: tracked)
            objects.append(try ObjectDescribe.decode(document, source: "built-in LeadHistory describe"))
        }
        return OrgCatalog(objects: objects)
    }
}
