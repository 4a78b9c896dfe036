import Foundation
import LeadscoreData

/// The scoring API's OpenAPI 3.0.3 document, served at `GET /openapi.json`.
///
/// It is generated from the data contract so that the `Lead` an admin maps in Flow is exactly what
/// the server validates: a field added to or marked leakage in `contract.yaml` shows up (or
/// disappears) here without anyone editing a spec by hand. It keeps to what Salesforce Flow's HTTP
/// Callout and External Services import: no `enum`, no `oneOf`/`anyOf`/`allOf`, no float/double/
/// int32/int64 formats, every request and response body a named schema, every operation an
/// `operationId`. `docs/flow-callout.md` shows an admin how to use it.
public enum OpenAPIDocument {
    public static let openAPIVersion = "3.0.3"

    /// - Parameters:
    ///   - maxBatchLeads: the most leads `POST /v1/score/batch` takes (the schema's `maxItems`).
    ///   - serverURL: the public base URL, e.g. `https://leadscore.example.com`; without one the
    ///     document has no `servers` and External Services uses the Named Credential's URL.
    /// - Returns: pretty-printed JSON with sorted keys: the same inputs give the same bytes.
    public static func make(contract: DataContract, maxBatchLeads: Int, serverURL: String?) -> Data {
        var document: [String: OpenAPINode] = [
            "openapi": .string(openAPIVersion),
            "info": [
                "title": "leadscore scoring API",
                "version": .string("\(contract.name) \(contract.revision)"),
                "description": .string(
                    "Predictive lead scoring for Salesforce: a calibrated 0-100 score, tier, route and reasons "
                        + "for one lead or a batch. Lead fields follow data contract \(contract.name) "
                        + "(revision \(contract.revision)). The /v1 endpoints need a bearer token."),
            ],
            "paths": .object(paths(maxBatchLeads: maxBatchLeads)),
            "components": [
                "schemas": .object(OpenAPIComponents.schemas(lead: LeadSchema.make(contract: contract),
                                                             maxBatchLeads: maxBatchLeads)),
                "securitySchemes": [
                    "bearerAuth": [
                        "type": "http",
                        "scheme": "bearer",
                        "description": "An access token from POST /oauth/token, or an API key (lsk_...) as the token itself.",
                    ],
                ],
            ],
        ]
        if let serverURL { document["servers"] = [["url": .string(serverURL)]] }
        return OpenAPINode.object(document).jsonData()
    }

    /// Each documented path template with its methods, upper-cased (the paths do not depend on the contract).
    public static let methods: [String: [String]] = paths(maxBatchLeads: 1).mapValues { operations in
        guard case let .object(byMethod) = operations else { return [] }
        return byMethod.keys.map { $0.uppercased() }.sorted()
    }

    // MARK: Paths

    private static func paths(maxBatchLeads: Int) -> [String: OpenAPINode] {
        let scoringErrors = errors([400, 401, 403, 409, 413, 415, 422, 429, 503], overrides: [
            409: "idempotency_key_reused: the Idempotency-Key was used with another body or endpoint; request_in_progress: the same request is still being answered, retry after Retry-After.",
            413: "The body is larger than the server's byte limit.",
            422: "A lead breaks the data contract, or a batch is empty or has more than \(maxBatchLeads) leads (too_many_leads).",
        ])
        let jobErrors = errors([401, 403, 404, 429, 503], overrides: [404: "No job with this id for this client."])
        let adminErrors = errors([401, 403, 429, 503], overrides: [403: "The token lacks the admin scope."])
        return [
            "/v1/score": ["post": operation(
                "scoreLead", summary: "Score one lead",
                description: "Scores one lead in real time. Needs the score scope. With the same Idempotency-Key "
                    + "and body, a retry returns the first response instead of scoring again.",
                secured: true, parameters: [idempotencyKey], body: jsonBody("ScoreRequest"),
                responses: ["200": response("The lead's score.", json: "ScoreResponse")].merging(scoringErrors) { $1 })],
            "/v1/score/batch": ["post": operation(
                "scoreLeadBatch", summary: "Score up to \(maxBatchLeads) leads",
                description: "Scores several leads in one call; a lead that fails validation gets an error entry "
                    + "and the others are still scored. Needs the score scope.",
                secured: true, parameters: [idempotencyKey], body: jsonBody("BatchScoreRequest"),
                responses: ["200": response("One result or error per lead.", json: "BatchScoreResponse")]
                    .merging(scoringErrors) { $1 })],
            "/v1/jobs": ["post": operation(
                "createScoringJob", summary: "Start an asynchronous scoring job",
                description: "Uploads leads as CSV or JSON lines to score in the background; poll "
                    + "GET /v1/jobs/{jobId}. Needs the score scope.",
                secured: true,
                body: ["required": true, "content": [
                    "text/csv": ["schema": OpenAPISchema.ref("LeadsCSV")],
                    "application/x-ndjson": ["schema": OpenAPISchema.ref("LeadsNDJSON")],
                ]],
                responses: ["202": response("The job was accepted.", json: "Job")].merging(
                    errors([400, 401, 403, 413, 415, 422, 429, 503])) { $1 })],
            "/v1/jobs/{jobId}": ["get": operation(
                "getScoringJob", summary: "Get a job's status", description: "Needs the score scope.",
                secured: true, parameters: [jobId],
                responses: ["200": response("The job.", json: "Job")].merging(jobErrors) { $1 })],
            "/v1/jobs/{jobId}/results": ["get": operation(
                "getScoringJobResults", summary: "Download a finished job's results",
                description: "One JSON line per input lead, in input order. Needs the score scope.",
                secured: true, parameters: [jobId],
                responses: ["200": response("The results.", content: "application/x-ndjson", schema: "JobResultsNDJSON")]
                    .merging(jobErrors) { $1 }
                    .merging(errors([409], overrides: [409: "The job has not succeeded (yet): check its status."])) { $1 })],
            "/v1/models": ["get": operation(
                "listModels", summary: "List registered models and the rollout", description: "Needs the admin scope.",
                secured: true,
                responses: ["200": response("The registry.", json: "ModelsResponse")].merging(adminErrors) { $1 })],
            "/v1/models/{version}/promote": ["post": operation(
                "promoteModel", summary: "Promote a version to production, or to a canary",
                description: "With canaryPercent (1-99) the version serves that share of leads, chosen by lead Id; "
                    + "without it, it becomes production. Kept in the registry history. Needs the admin scope.",
                secured: true, parameters: [version], body: jsonBody("RolloutChange"),
                responses: ["200": response("The registry after the change.", json: "ModelsResponse")]
                    .merging(adminErrors) { $1 }
                    .merging(errors([400, 409, 415, 422], overrides: [409: "Unknown version, or the change is not possible."])) { $1 })],
            "/v1/models/{version}/shadow": ["post": operation(
                "shadowModel", summary: "Score a version beside production without returning it",
                description: "The shadow's scores go to the audit log only. Needs the admin scope.",
                secured: true, parameters: [version], body: jsonBody("RolloutChange"),
                responses: ["200": response("The registry after the change.", json: "ModelsResponse")]
                    .merging(adminErrors) { $1 }
                    .merging(errors([400, 409, 415, 422], overrides: [409: "Unknown version, or it is production."])) { $1 })],
            "/v1/models/rollback": ["post": operation(
                "rollbackModel", summary: "End the canary, or return to the previous production version",
                description: "Kept in the registry history. Needs the admin scope.",
                secured: true, body: jsonBody("RolloutChange"),
                responses: ["200": response("The registry after the change.", json: "ModelsResponse")]
                    .merging(adminErrors) { $1 }
                    .merging(errors([400, 409, 415, 422], overrides: [409: "There is nothing to roll back to."])) { $1 })],
            "/v1/audit": ["get": operation(
                "listAuditEvents", summary: "Read the audit log", description: "Newest first. Needs the admin scope.",
                secured: true, parameters: [
                    queryParameter("leadId", OpenAPISchema.string("Only events about this lead Id.")),
                    queryParameter("limit", OpenAPISchema.integer("At most this many events (1-10000, default 100).")
                        .adding(["minimum": 1, "maximum": 10_000])),
                ],
                responses: ["200": response("Audit events.", json: "AuditResponse")]
                    .merging(adminErrors) { $1 }.merging(errors([400])) { $1 })],
            "/oauth/token": ["post": operation(
                "requestAccessToken", summary: "Get a bearer token (OAuth 2.0 client credentials)",
                description: "grant_type=client_credentials with the API key id as client_id and its secret as "
                    + "client_secret, in the form body or as HTTP Basic authentication (both are accepted, as "
                    + "Salesforce External Credentials offer both).",
                secured: false,
                body: ["required": true, "content": [
                    "application/x-www-form-urlencoded": ["schema": OpenAPISchema.ref("TokenRequest")],
                ]],
                responses: [
                    "200": response("A bearer token.", json: "TokenResponse"),
                    "400": response("Malformed request, unsupported grant type, or a scope the key does not hold.", json: "OAuthError"),
                    "401": response("Unknown or revoked client, or wrong secret.", json: "OAuthError"),
                ].merging(errors([413, 429])) { $1 })],
            "/health": ["get": operation(
                "getHealth", summary: "Liveness", description: "Answers while the process runs.", secured: false,
                responses: ["200": response("The process is alive.", json: "Health")])],
            "/ready": ["get": operation(
                "getReadiness", summary: "Readiness", description: "Ready when a model is loaded and the store answers.",
                secured: false, responses: [
                    "200": response("Ready to score.", json: "Readiness"),
                    "503": response("Not ready: no model loaded or the store is unreachable.", json: "Readiness"),
                ])],
            "/metrics": ["get": operation(
                "getMetrics", summary: "Prometheus metrics", description: "For a Prometheus-compatible scraper.",
                secured: false,
                responses: ["200": response("Metrics.", content: "text/plain", schema: "PrometheusMetrics")])],
            "/openapi.json": ["get": operation(
                "getOpenAPIDocument", summary: "This OpenAPI document",
                description: "Import it as a Salesforce External Service.", secured: false,
                responses: ["200": response("The document.", json: "OpenAPIDocument")])],
        ]
    }

    // MARK: Building blocks

    /// Every /v1 operation carries its own `security`, and there is no document-wide default, so the
    /// unauthenticated endpoints (health, readiness, metrics, this document, the token endpoint) need
    /// no override to opt out.
    private static func operation(_ id: String, summary: String, description: String, secured: Bool,
                                  parameters: [OpenAPINode] = [], body: OpenAPINode? = nil,
                                  responses: [String: OpenAPINode]) -> OpenAPINode {
        var members: [String: OpenAPINode] = [
            "operationId": .string(id), "summary": .string(summary), "description": .string(description),
            "responses": .object(responses),
        ]
        if secured { members["security"] = [["bearerAuth": []]] }
        if !parameters.isEmpty { members["parameters"] = .array(parameters) }
        if let body { members["requestBody"] = body }
        return .object(members)
    }

    private static func jsonBody(_ component: String) -> OpenAPINode {
        ["required": true, "content": ["application/json": ["schema": OpenAPISchema.ref(component)]]]
    }

    private static func response(_ description: String, json component: String) -> OpenAPINode {
        response(description, content: "application/json", schema: component)
    }

    private static func response(_ description: String, content mediaType: String, schema component: String) -> OpenAPINode {
        ["description": .string(description), "content": [mediaType: ["schema": OpenAPISchema.ref(component)]]]
    }

    /// `ErrorResponse` under each status, with the usual meaning unless `overrides` gives one.
    private static func errors(_ statuses: [Int], overrides: [Int: String] = [:]) -> [String: OpenAPINode] {
        let meanings: [Int: String] = [
            400: "The body or a parameter is malformed.",
            401: "Missing, invalid or expired bearer token.",
            403: "The token lacks the scope this endpoint needs.",
            404: "Not found.",
            409: "Conflicts with the current state.",
            413: "The body is too large.",
            415: "The Content-Type is not one this endpoint accepts.",
            422: "The input breaks the data contract; error.details names each field at fault.",
            429: "Rate limit reached, or too many failed authentications from this source: retry after the seconds in the Retry-After header.",
            503: "Temporarily unable to serve (no model loaded, store unreachable, overloaded): retry later; "
                + "Retry-After, when present, says when.",
        ]
        var responses: [String: OpenAPINode] = [:]
        for status in statuses {
            responses[String(status)] = response(overrides[status] ?? meanings[status]!, json: "ErrorResponse")
        }
        return responses
    }

    private static let idempotencyKey: OpenAPINode = [
        "name": "Idempotency-Key", "in": "header", "required": false,
        "description": .string("Optional. A retry with the same key and body returns the first response instead of "
            + "scoring again, for as long as the server keeps idempotency records."),
        "schema": ["type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[\\x21-\\x7E]+$"],
    ]

    private static let version: OpenAPINode = [
        "name": "version", "in": "path", "required": true, "description": "A registered model version.",
        "schema": ["type": "string"],
    ]

    private static let jobId: OpenAPINode = [
        "name": "jobId", "in": "path", "required": true, "description": "The id POST /v1/jobs returned.",
        "schema": ["type": "string"],
    ]

    private static func queryParameter(_ name: String, _ schema: OpenAPINode) -> OpenAPINode {
        ["name": .string(name), "in": "query", "required": false, "schema": schema]
    }
}
