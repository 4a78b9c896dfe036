import Foundation
import LeadscoreData
import LeadscoreModels

/// The body of a successful `POST /v1/score`: the fields DESIGN.md's Score API fixes, flat, so Flow
/// can map each one onto a Lead field.
public struct ScoreResponse: Sendable, Codable, Equatable {
    public var leadId: String?
    public var score: Int
    public var probability: Double
    public var tier: String
    public var tierLabel: String
    public var route: String
    public var confidence: String
    public var reviewNeeded: Bool
    public var reasons: [Reason]
    public var reasonText: String
    public var modelVersion: String
    public var dataVersion: String
    public var scoredAt: String
    public var requestId: String
    public var warnings: [String]

    public init(_ score: LeadScore, leadId: String?, dataVersion: String, scoredAt: Date, requestId: String,
                warnings: [String]) {
        self.leadId = leadId
        self.score = score.score
        probability = (score.probability * 1_000_000).rounded() / 1_000_000
        tier = score.tier
        tierLabel = score.tierLabel
        route = score.route
        confidence = score.confidence.rawValue
        reviewNeeded = score.reviewNeeded
        reasons = score.reasons
        reasonText = score.reasonText
        modelVersion = score.modelVersion
        self.dataVersion = dataVersion
        self.scoredAt = Self.timestamp(scoredAt)
        self.requestId = requestId
        self.warnings = warnings + score.warnings
    }

    /// RFC 3339 with milliseconds in UTC (`2026-11-22T01:28:06.327Z`), which Flow reads as a datetime.
    /// Formatted by hand: Foundation's ISO 8601 style costs more than scoring a lead.
    static func timestamp(_ date: Date) -> String {
        String(SalesforceDate.formatSalesforceDateTime(date.timeIntervalSince1970).dropLast(5)) + "Z"
    }
}

/// The body of `POST /v1/score`.
struct ScoreRequest: Decodable {
    var lead: [String: JSONValue]
    var explain: Bool?
}

/// The body of `POST /v1/score/batch`.
struct BatchScoreRequest: Decodable {
    var leads: [[String: JSONValue]]
    var explain: Bool?
}
