import Foundation
import LeadscoreData

/// What the SFDX package is generated from: the data contract and tiers of the model in production,
/// the OpenAPI document the scoring service serves for it, and where the service is.
///
/// The module takes plain values, not a model bundle: the CLI reads the bundle (or a contract file) and
/// asks the service module for its document, so this module stays a Salesforce client that knows
/// nothing of the server.
public struct SalesforcePackageInput: Sendable {
    public var contract: DataContract
    /// Best tier first; the first is the one the hot-lead list view, report and event are about.
    public var tiers: [PackageTier]
    /// The bytes of the service's `GET /openapi.json`.
    public var openAPIDocument: Data
    /// The service's public base URL, e.g. `https://leadscore.example.com` (no path).
    public var serviceURL: String
    /// A lead scored longer ago than this is rescored by the daily Flow.
    public var staleAfterDays = 30
    /// At most this many leads are marked for rescoring per day.
    public var dailyRescoreLimit = 2_000
    /// `YYYY-MM-DD`: the first day of the daily rescore schedule (03:00 UTC).
    public var scheduleStartDate: String
    /// Deploy the Flows active. Off by default: the rollout starts in shadow mode (the batch sync scores
    /// without writing), and an admin activates the Flows when moving to recommend.
    public var activateFlows = false

    public init(contract: DataContract, tiers: [PackageTier], openAPIDocument: Data, serviceURL: String,
                scheduleStartDate: String) {
        self.contract = contract
        self.tiers = tiers
        self.openAPIDocument = openAPIDocument
        self.serviceURL = serviceURL
        self.scheduleStartDate = scheduleStartDate
    }

    /// The service URL without a trailing slash, as the credentials and the token URL use it.
    var baseURL: String {
        serviceURL.hasSuffix("/") ? String(serviceURL.dropLast()) : serviceURL
    }

    /// Every problem at once, each naming the option and the fix.
    func validate() throws {
        var problems: [InputError] = []
        let url = URLComponents(string: serviceURL)
        if url?.scheme.map({ ["http", "https"].contains($0.lowercased()) }) != true || (url?.host ?? "").isEmpty
            || !["", "/"].contains(url?.path ?? "") || url?.query != nil || url?.fragment != nil || url?.user != nil {
            problems.append(InputError(source: "--service-url", problem: "'\(serviceURL)' is not a base URL",
                                       fix: "give the service's public address without a path, e.g. https://leadscore.example.com"))
        }
        if tiers.isEmpty {
            problems.append(InputError(source: "tiers", problem: "there are none", fix: "pass a bundle trained with tiers"))
        }
        for tier in tiers where tier.name.isEmpty || tier.name.count > 40 || tier.name.contains(";") {
            problems.append(InputError(source: "tiers", field: tier.name,
                                       problem: "is not a tier name Salesforce can store (1-40 characters, no ;)",
                                       fix: "rename the tier in leadscore.yaml (tiers.levels) and retrain"))
        }
        if Set(tiers.map(\.name)).count != tiers.count {
            problems.append(InputError(source: "tiers", problem: "two tiers share a name", fix: "give each tier its own name"))
        }
        if !(1...365).contains(staleAfterDays) {
            problems.append(InputError(source: "--stale-days", problem: "is \(staleAfterDays)", fix: "use 1 to 365 days"))
        }
        // A Flow transaction may change at most 10,000 records.
        if !(1...10_000).contains(dailyRescoreLimit) {
            problems.append(InputError(source: "--rescore-limit", problem: "is \(dailyRescoreLimit)",
                                       fix: "use 1 to 10000 leads a day"))
        }
        if !Self.isDate(scheduleStartDate) {
            problems.append(InputError(source: "--schedule-start", problem: "'\(scheduleStartDate)' is not a date",
                                       fix: "write it as YYYY-MM-DD, e.g. 2026-01-05"))
        }
        if contract.object != "Lead" {
            problems.append(InputError(source: "contract", field: "object", problem: "is \(contract.object)",
                                       fix: "the package scores Leads: use a contract of the Lead object"))
        }
        if problems.count == 1 { throw problems[0] }
        if !problems.isEmpty { throw InputErrors(problems) }
    }

    private static func isDate(_ text: String) -> Bool {
        guard text.range(of: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", options: .regularExpression) != nil else { return false }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.date(from: text).map { formatter.string(from: $0) == text } ?? false
    }
}
