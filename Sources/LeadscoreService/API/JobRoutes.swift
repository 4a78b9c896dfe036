import Foundation
import Hummingbird

/// `POST /v1/jobs` (CSV or JSON lines, `?explain=true`), `GET /v1/jobs/{jobId}` and
/// `GET /v1/jobs/{jobId}/results`. A client sees only its own jobs.
struct JobRoutes {
    let runner: JobRunner
    let store: any ServiceStore
    let maxJobBytes: Int
    let maxJobLeads: Int

    struct JobInfo: Encodable {
        var id: String
        var status: String
        var total: Int
        var scored: Int
        var rejected: Int
        var createdAt: String
        var finishedAt: String?
        var failure: String?
        var resultsUrl: String?

        init(_ job: JobRecord) {
            id = job.id
            status = job.status.rawValue
            total = job.total
            scored = job.scored
            rejected = job.rejected
            createdAt = ScoreResponse.timestamp(job.createdAt)
            finishedAt = job.finishedAt.map(ScoreResponse.timestamp)
            failure = job.failure
            resultsUrl = job.status == .succeeded ? "/v1/jobs/\(job.id)/results" : nil
        }
    }

    func add(to group: RouterGroup<ServiceContext>) {
        group.post("jobs") { request, context in
            let identity = context.identity!
            let body = try await ScoreRoutes.body(request, limit: maxJobBytes, json: false)
            let contentType = request.headers[.contentType]?.lowercased() ?? ""
            let leads = try JobRunner.leads(from: body, contentType: contentType, limit: maxJobLeads)
            _ = try runner.scoring.servingSet()
            let job = JobRecord(id: "job_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""),
                                client: identity.client, status: .queued, createdAt: Date(), total: leads.count)
            try await store.insertJob(job)
            let explain = request.uri.queryParameters.get("explain") == "true"
            let source: LeadValidator.Source = contentType.contains("csv") ? .text : .json
            Task { await runner.run(job, leads: leads, source: source, identity: identity, explain: explain) }
            return RequestMiddleware.json(JobInfo(job), status: .accepted, headers: [.location: "/v1/jobs/\(job.id)"])
        }
        group.get("jobs/:jobId") { _, context in
            RequestMiddleware.json(JobInfo(try await ownJob(context)), status: .ok)
        }
        group.get("jobs/:jobId/results") { _, context in
            let job = try await ownJob(context)
            guard job.status == .succeeded, let results = job.results else {
                throw APIError(.conflict, code: "job_not_finished",
                               message: "job \(job.id) is \(job.status.rawValue); results are ready once it has succeeded")
            }
            return Response(status: .ok, headers: [.contentType: "application/x-ndjson"],
                            body: .init(byteBuffer: ByteBuffer(bytes: results)))
        }
    }

    private func ownJob(_ context: ServiceContext) async throws -> JobRecord {
        let id = context.parameters.get("jobId") ?? ""
        guard let job = try await store.job(id: id), job.client == context.identity?.client else {
            throw APIError.notFound("there is no job \(id.prefix(64)) for this client")
        }
        return job
    }
}
