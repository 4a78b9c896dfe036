import Foundation

/// How to run the dev server: which org, where to listen, what goes wrong on purpose.
public struct DevSalesforceConfiguration: Sendable {
    /// The org directory (`leadscore sample-org --out DIR`).
    public var orgDirectory: URL
    /// The port on 127.0.0.1; 0 lets the system pick a free one (the info file and
    /// ``DevSalesforceInfo`` say which).
    public var port: Int
    public var faults: FaultPlan
    /// Where the org's clock starts (`--now`); `nil` for the real time. See ``DevClock``.
    public var now: Date?
    /// Reload the org from its CSV exports, dropping writes made through the API.
    public var reset: Bool
    /// The daily API allowance (`M` of `Sforce-Limit-Info: api-usage=N/M`) unless the fault plan sets one.
    public var dailyAPILimit: Int
    /// Where to write the info file once the server listens (mode 0600: it holds the demo secrets).
    public var infoFile: URL?
    /// SFDX packages deployed into the org at start (`--package DIR`, in order): each an SFDX project
    /// root with `sfdx-project.json`, or a source folder such as `force-app/main/default`. Their custom
    /// fields, objects and platform events join the org; see ``PackageDeployer``.
    public var packageDirectories: [URL]

    public init(orgDirectory: URL, port: Int = 0, faults: FaultPlan = .none, now: Date? = nil, reset: Bool = false,
                dailyAPILimit: Int = 100_000, infoFile: URL? = nil, packageDirectories: [URL] = []) {
        self.orgDirectory = orgDirectory
        self.port = port
        self.faults = faults
        self.now = now
        self.reset = reset
        self.dailyAPILimit = dailyAPILimit
        self.infoFile = infoFile
        self.packageDirectories = packageDirectories
    }
}
