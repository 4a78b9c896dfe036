import Foundation

/// The named schemas of the scoring API (`components/schemas`), apart from `Lead`, which comes from
/// the data contract.
///
/// Property names here are the wire format the server implements and Flow maps: renaming one breaks
/// every Flow built on it. Optional values are simply absent or null, so no schema lists a property
/// as required unless the server always needs it from the caller.
enum OpenAPIComponents {
    static func schemas(lead: OpenAPINode, maxBatchLeads: Int) -> [String: OpenAPINode] {
        var schemas = scoring(maxBatchLeads: maxBatchLeads)
        schemas.merge(errors(), uniquingKeysWith: { first, _ in first })
        schemas.merge(jobs(), uniquingKeysWith: { first, _ in first })
        schemas.merge(administration(), uniquingKeysWith: { first, _ in first })
        schemas.merge(operations(), uniquingKeysWith: { first, _ in first })
        schemas["Lead"] = lead
        return schemas
    }

    private typealias Schema = OpenAPISchema

    private static func scoring(maxBatchLeads: Int) -> [String: OpenAPINode] {
        let explain = Schema.boolean("Include reasons (reason codes and plain-language text). Optional; default false (also when null).")
            .adding(["nullable": true])
        let batchLeads = Schema.array(
            of: Schema.ref("Lead"), "The leads to score, at most \(maxBatchLeads); larger sets go to POST /v1/jobs.")
            .adding(["minItems": 1, "maxItems": .integer(maxBatchLeads)])
        return [
            "ScoreRequest": Schema.object("One lead to score.",
                                          properties: ["lead": Schema.ref("Lead"), "explain": explain], required: ["lead"]),
            "ScoreResponse": Schema.object("The score of one lead.", properties: [
                "leadId": Schema.string("The lead's Id as sent; null when the request had none."),
                "score": Schema.integer("0-100: round(100 x probability). Write to AI_Score__c.")
                    .adding(["minimum": 0, "maximum": 100]),
                "probability": Schema.number("Calibrated probability (0-1) of converting within the label window.")
                    .adding(["minimum": 0, "maximum": 1]),
                "tier": Schema.string("Tier name, e.g. A."),
                "tierLabel": Schema.string("Tier label for people, e.g. Hot."),
                "route": Schema.string("Where the lead should go, e.g. Sales_Hot; an override may choose it instead of the tier."),
                "confidence": Schema.string("One of: High, Medium, Low. From how complete the lead's data is, whether it has values "
                    + "the model never saw, and whether it sits on a tier edge."),
                "reviewNeeded": Schema.boolean(
                    "True for a top-tier lead with Low confidence: a person should look before acting on it."),
                "reasons": Schema.array(of: Schema.ref("Reason"), "Strongest reasons first; empty unless explain was true."),
                "reasonText": Schema.string("The reasons in one line of at most 255 characters, for a Text(255) field.")
                    .adding(["maxLength": 255]),
                "modelVersion": Schema.string("The model version that produced the score."),
                "dataVersion": Schema.string("The data contract and snapshot the model was trained on."),
                "scoredAt": Schema.dateTime("When the score was computed (UTC)."),
                "requestId": Schema.string("Identifies this request in the audit log and server logs."),
                "warnings": Schema.array(of: Schema.string("One warning."),
                                    "Problems that did not stop scoring, e.g. an unexpected picklist value."),
            ]),
            "Reason": Schema.object("One reason behind a score.", properties: [
                "code": Schema.string("Stable code for reports and Flow decisions, e.g. PRICING_PAGE_VISITS_UP."),
                "text": Schema.string("Plain-language reason, e.g. Visited the pricing page 3 times."),
                "impact": Schema.number("Signed effect on the score: above 0 raises it, below 0 lowers it."),
                "field": Schema.string("The input the reason is about: a Lead field, or a derived value such as Email.domain_class."),
            ]),
            "BatchScoreRequest": Schema.object("Several leads to score in one call.", properties: [
                "leads": batchLeads, "explain": explain,
            ], required: ["leads"]),
            "BatchScoreResponse": Schema.object("One result or error per lead, in request order.", properties: [
                "results": Schema.array(of: Schema.ref("BatchItem"), "One entry per lead, in request order."),
                "scored": Schema.integer("How many leads were scored."),
                "rejected": Schema.integer("How many leads were rejected (their entries carry an error)."),
                "requestId": Schema.string("Identifies this request in the audit log and server logs."),
            ]),
            "BatchItem": Schema.object("The outcome for one lead of a batch: result or error, never both.", properties: [
                "index": Schema.integer("The lead's position in the request, from 0."),
                "result": Schema.ref("ScoreResponse"),
                "error": Schema.ref("ErrorBody"),
            ]),
        ]
    }

    private static func errors() -> [String: OpenAPINode] {
        [
            "ErrorResponse": Schema.object("An error. 4xx: the request must change; 5xx: an outage, never bad input.", properties: [
                "error": Schema.ref("ErrorBody"),
                "requestId": Schema.string("Identifies this request in the audit log and server logs."),
            ]),
            "ErrorBody": Schema.object("What went wrong.", properties: [
                "code": Schema.string("Stable machine-readable code, e.g. validation_failed, rate_limited."),
                "message": Schema.string("What went wrong and how to fix it, for a person."),
                "details": Schema.array(of: Schema.ref("ErrorDetail"), "One entry per field at fault; empty when not about fields."),
            ]),
            "ErrorDetail": Schema.object("A problem with one field.", properties: [
                "field": Schema.string("The field's Salesforce API name, e.g. CreatedDate."),
                "code": Schema.string("Stable code, e.g. required, wrong_type."),
                "message": Schema.string("What is wrong with the value."),
            ]),
        ]
    }

    private static func jobs() -> [String: OpenAPINode] {
        [
            "Job": Schema.object("An asynchronous scoring job.", properties: [
                "id": Schema.string("The job id, for GET /v1/jobs/{jobId}."),
                "status": Schema.string("One of: queued, running, succeeded, failed."),
                "total": Schema.integer("Leads in the upload."),
                "scored": Schema.integer("Leads scored so far."),
                "rejected": Schema.integer("Leads rejected so far."),
                "createdAt": Schema.dateTime("When the job was accepted."),
                "finishedAt": Schema.dateTime("When the job succeeded or failed; null while it runs."),
                "failure": Schema.string("Why the job failed as a whole; null unless status is failed."),
                "resultsUrl": Schema.string("Path of the results, e.g. /v1/jobs/{jobId}/results; null until the job succeeded."),
            ]),
            // At least a header line and a data line.
            "LeadsCSV": Schema.string("Leads as CSV with a header row of Salesforce API names (as the data contract names them), "
                + "then one row per lead.").adding(["pattern": "[\\r\\n][^\\r\\n]"]),
            "LeadsNDJSON": Schema.string("Leads as JSON lines: one Lead object per line.").adding(["pattern": "^\\s*\\{"]),
            "JobResultsNDJSON": Schema.string("One JSON object per input lead, in input order: a BatchItem."),
        ]
    }

    private static func administration() -> [String: OpenAPINode] {
        [
            "ModelsResponse": Schema.object("The model registry and the current rollout.", properties: [
                "production": Schema.string("Version serving scores; null before the first promotion."),
                "canary": Schema.string("Version serving canaryPercent of scores; null when none."),
                "canaryPercent": Schema.integer("Share of scores the canary serves, 0-100.").adding(["minimum": 0, "maximum": 100]),
                "shadow": Schema.string("Version scored alongside production but never returned; null when none."),
                "models": Schema.array(of: Schema.ref("ModelInfo"), "Every registered model, oldest first."),
                "changed": Schema.boolean("After promote, shadow or rollback: false when the rollout was already as asked "
                    + "(nothing was added to the history); absent on GET /v1/models."),
            ]),
            "RolloutChange": Schema.object("A registry change and why.", properties: [
                "reason": Schema.string("Why: kept in the registry history forever."),
                "canaryPercent": Schema.integer("Promote only: serve this share of leads (1-99) as a canary.")
                    .adding(["minimum": 1, "maximum": 100]),
            ], required: ["reason"]),
            "ModelInfo": Schema.object("A registered model.", properties: [
                "version": Schema.string("The model version."),
                "kind": Schema.string("One of: rules, logistic, trees."),
                "registeredAt": Schema.dateTime("When it was registered."),
                "registeredBy": Schema.string("Who registered it."),
                "note": Schema.string("The registering admin's note."),
            ]),
            "AuditResponse": Schema.object("Audit events, newest first.", properties: [
                "events": Schema.array(of: Schema.ref("AuditEventInfo"), "Newest first."),
            ]),
            "AuditEventInfo": Schema.object("One scoring decision or refusal. Holds no raw personal data.", properties: [
                "requestId": Schema.string("The request that produced it."),
                "at": Schema.dateTime("When."),
                "client": Schema.string("The calling system, e.g. salesforce-flow."),
                "leadId": Schema.string("The lead's Id; null when none was sent."),
                "inputHash": Schema.string("Hash of the validated, PII-free inputs; equal hashes mean equal inputs."),
                "modelVersion": Schema.string("The model that scored; null for a refusal."),
                "shadowVersion": Schema.string("The shadow model scored alongside; null when none."),
                "shadowScore": Schema.integer("The shadow model's score (0-100); null when none."),
                "score": Schema.integer("The score returned (0-100); null for a refusal."),
                "tier": Schema.string("The tier returned; null for a refusal."),
                "reasonCodes": Schema.array(of: Schema.string("A reason code."), "Reason codes, strongest first."),
                "latencyMicroseconds": Schema.integer("Time spent scoring, in microseconds."),
                "outcome": Schema.string("One of: scored, rejected."),
            ]),
        ]
    }

    /// Authentication and the operational endpoints.
    private static func operations() -> [String: OpenAPINode] {
        [
            "TokenRequest": Schema.object(
                "Client credentials grant (RFC 6749 4.4). The client may send client_id and client_secret here "
                    + "or as HTTP Basic authentication instead.",
                properties: [
                    // A pattern, not an enum: External Services refuses enums.
                    "grant_type": Schema.string("Must be client_credentials.").adding(["pattern": "^client_credentials$"]),
                    "client_id": Schema.string("The API key id (lsk_...); omit when sent as HTTP Basic."),
                    "client_secret": Schema.string("The API key secret; omit when sent as HTTP Basic."),
                    "scope": Schema.string("Optional: scopes wanted, separated by spaces (score, admin); at most the key's own.")
                        .adding(["pattern": "^(score|admin)( (score|admin))*$"]),
                ], required: ["grant_type"]),
            "TokenResponse": Schema.object("A bearer token for the /v1 endpoints.", properties: [
                "access_token": Schema.string("Send as Authorization: Bearer <access_token>."),
                "token_type": Schema.string("Always Bearer."),
                "expires_in": Schema.integer("Seconds until the token expires."),
                "scope": Schema.string("Granted scopes separated by spaces: score, admin."),
            ]),
            "OAuthError": Schema.object("An OAuth 2.0 error (RFC 6749 5.2).", properties: [
                "error": Schema.string("e.g. invalid_client, invalid_request, invalid_scope, unsupported_grant_type."),
                "error_description": Schema.string("What went wrong, for a person."),
            ]),
            "Health": Schema.object("Liveness: the process answers.", properties: ["status": Schema.string("Always ok.")]),
            "Readiness": Schema.object("Whether the server can score.", properties: [
                "status": Schema.string("One of: ready, not_ready."),
                "store": Schema.string("One of: ok, unreachable."),
                "models": Schema.array(of: Schema.string("A model version."), "Model versions loaded and able to score."),
            ]),
            "PrometheusMetrics": Schema.string("Metrics in the Prometheus text exposition format."),
            "OpenAPIDocument": [
                "type": "object", "description": "This document: OpenAPI 3.0, importable as a Salesforce External Service.",
            ],
        ]
    }
}
