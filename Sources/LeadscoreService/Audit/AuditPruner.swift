import Foundation
import Logging
import ServiceLifecycle

/// Deletes audit rows older than `audit.retention_days` and idempotency records past their TTL,
/// at start and then hourly.
struct AuditPruner: Service {
    let store: any ServiceStore
    let config: ServiceConfig
    let logger: Logger

    func run() async throws {
        try await cancelWhenGracefulShutdown { try await self.loop() }
    }

    private func loop() async throws {
        while !Task.isCancelled {
            let now = Date()
            do {
                let deleted = try await store.prune(
                    auditBefore: now.addingTimeInterval(-Double(config.auditRetentionDays) * 86_400),
                    idempotencyBefore: now.addingTimeInterval(-config.idempotencyHours * 3_600))
                if deleted > 0 { logger.info("pruned audit and idempotency rows", metadata: ["rows": "\(deleted)"]) }
            } catch {
                logger.error("pruning failed", metadata: ["error": "\(error)"])
            }
            // Cancelled on graceful shutdown: a normal end, not an error (serve would exit non-zero).
            do { try await Task.sleep(for: .seconds(3_600)) } catch { return }
        }
    }
}
