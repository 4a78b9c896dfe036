import Foundation
import Hummingbird

/// The discovery resources: `GET /services/data/` (Versions, no authentication, as documented),
/// `GET /services/data/vXX.X` (Resources by Version) and `GET /services/data/vXX.X/limits` (Limits,
/// with `DailyApiRequests` counted by ``APIUsage``).
struct VersionRoutes: Sendable {
    let usage: APIUsage
    let bulkJobs: BulkJobStore

    /// `GET /services/data` and `/services/data/`: `[{"label", "url", "version"}]`, oldest first.
    static func addVersions(to group: RouterGroup<DevRequestContext>) {
        group.get { _, _ in
            Response.json(.array(DevSalesforce.versions.map { version in
                .object([("label", .string(version.label)), ("url", .string("/services/data/v\(version.version)")),
                         ("version", .string(version.version))])
            }))
        }
    }

    func add(to group: RouterGroup<DevRequestContext>) {
        group.get { _, context in
            let base = "/services/data/v\(context.apiVersion)"
            let resources = ["sobjects", "query", "queryAll", "limits", "composite", "jobs"]
            return Response.json(.object(resources.map { ($0, .string("\(base)/\($0)")) }))
        }
        group.get("limits") { _, _ in
            let used = try await usage.used()
            let bulk = await bulkJobs.createdToday()
            return Response.json(.object([
                ("DailyApiRequests", Self.limit(max: usage.limit, remaining: usage.limit - used)),
                ("DailyBulkV2QueryJobs", Self.limit(max: BulkJobStore.dailyJobLimit,
                                                    remaining: BulkJobStore.dailyJobLimit - bulk)),
            ]))
        }
    }

    private static func limit(max: Int, remaining: Int) -> JSONValue {
        .object([("Max", .integer(Int64(max))), ("Remaining", .integer(Int64(Swift.max(0, remaining))))])
    }
}
