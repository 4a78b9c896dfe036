import Foundation
import LeadscoreData
import LeadscoreModels

/// Coalesces concurrent single-lead requests for one model into one scoring call. XGBoost's
/// per-call cost (walking and copying every tree for SHAP) dwarfs the per-lead cost, so leads that
/// arrive while a call runs are scored together in the next one: one lead per call when traffic is
/// light, dozens under load. Leads wanting reasons and leads that do not are scored in separate calls.
public actor ScoreBatcher {
    private struct Pending {
        var record: LeadRecord
        var leadId: String?
        var explain: Bool
        var continuation: CheckedContinuation<LeadScore, any Error>
    }

    private let scorer: LeadScorer
    private let transformer: FeatureTransformer
    private var pending: [Pending] = []
    private var running = false

    public init(scorer: LeadScorer, transformer: FeatureTransformer) {
        self.scorer = scorer
        self.transformer = transformer
    }

    /// The score of one lead, computed in a shared call with the leads queued beside it.
    public func score(_ record: LeadRecord, leadId: String?, explain: Bool) async throws -> LeadScore {
        try await withCheckedThrowingContinuation { continuation in
            pending.append(Pending(record: record, leadId: leadId, explain: explain, continuation: continuation))
            if !running {
                running = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !pending.isEmpty {
            let batch = pending
            pending = []
            await Self.run(batch, scorer: scorer, transformer: transformer)
        }
        running = false
    }

    /// Runs off the actor, so new leads queue up while this batch is scored.
    private nonisolated static func run(_ batch: [Pending], scorer: LeadScorer, transformer: FeatureTransformer) async {
        let now = Date().timeIntervalSince1970
        for explain in [true, false] {
            let group = batch.filter { $0.explain == explain }
            guard !group.isEmpty else { continue }
            do {
                let inputs = ScoringInputs(records: group.map(\.record), transformer: transformer, dataAsOf: now)
                let scores = try scorer.score(inputs, leadIds: group.map(\.leadId), explain: explain)
                for (item, score) in zip(group, scores) { item.continuation.resume(returning: score) }
            } catch {
                for item in group { item.continuation.resume(throwing: error) }
            }
        }
    }
}
