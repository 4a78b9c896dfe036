import Foundation
import Logging

/// Appends audit events and idempotency records with group commit: a request waits until its row
/// is committed, and rows that arrive while a transaction is running go together in the next one.
/// One row at a time when traffic is light, hundreds per transaction under load.
public actor AuditWriter {
    private struct Pending {
        var audit: [AuditEvent]
        var idempotency: [IdempotencyRecord]
        var continuation: CheckedContinuation<Void, any Error>
    }

    private let store: any ServiceStore
    private let logger: Logger
    private var pending: [Pending] = []
    private var writing = false

    public init(store: any ServiceStore, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    /// Returns once the rows are committed; throws when the store refused them.
    public func append(audit: [AuditEvent], idempotency: [IdempotencyRecord] = []) async throws {
        try await withCheckedThrowingContinuation { continuation in
            pending.append(Pending(audit: audit, idempotency: idempotency, continuation: continuation))
            if !writing {
                writing = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !pending.isEmpty {
            let batch = pending
            pending = []
            do {
                try await store.append(audit: batch.flatMap(\.audit), idempotency: batch.flatMap(\.idempotency))
                for item in batch { item.continuation.resume() }
            } catch {
                logger.error("audit write failed", metadata: ["rows": "\(batch.count)", "error": "\(error)"])
                for item in batch { item.continuation.resume(throwing: error) }
            }
        }
        writing = false
    }
}
