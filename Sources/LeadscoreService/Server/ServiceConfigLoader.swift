import Foundation
import LeadscoreData
import Yams

/// Reads the `service:` section of `leadscore.yaml` (the rest of the file is training config).
/// Every mistake is reported at once with its line, key and fix.
public enum ServiceConfigLoader {
    static let keys = ["host", "port", "store", "registry_poll_seconds", "limits", "validation", "cache", "audit", "auth"]

    public static func load(from url: URL) throws -> ServiceConfig {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw InputError(source: url.path, problem: "the file cannot be read as UTF-8 text", fix: "check the path passed to --config")
        }
        return try parse(text, source: url.lastPathComponent)
    }

    public static func parse(_ text: String, source: String = "leadscore.yaml") throws -> ServiceConfig {
        let root = try YAMLNodeReader.compose(text, source: source)
        let reader = YAMLNodeReader(source: source)
        var config = ServiceConfig()
        if let root, case let .mapping(top) = root, let node = top["service"],
           let service = reader.mapping(node, "service", allowed: keys) {
            read(service, into: &config, reader: reader)
        }
        if !reader.errors.isEmpty { throw InputErrors(reader.errors) }
        return config
    }

    private static func read(_ service: [String: Node], into config: inout ServiceConfig, reader: YAMLNodeReader) {
        config.host = reader.string(service["host"], "service.host") ?? config.host
        config.port = reader.int(service["port"], "service.port", range: 1...65_535) ?? config.port
        if let store = reader.mapping(service["store"], "service.store", allowed: ["url"]) {
            config.storeURL = reader.string(store["url"], "service.store.url", required: true) ?? config.storeURL
        }
        config.registryPollSeconds = reader.double(service["registry_poll_seconds"], "service.registry_poll_seconds",
                                                   range: 0.1...3_600) ?? config.registryPollSeconds
        if let limits = reader.mapping(service["limits"], "service.limits", allowed: [
            "max_body_bytes", "max_batch_leads", "max_job_leads", "max_job_bytes", "requests_per_second", "burst",
            "max_concurrent_requests", "request_timeout_seconds", "max_connections", "idle_timeout_seconds", "ready_timeout_seconds",
        ]) {
            let path = "service.limits."
            config.maxBodyBytes = reader.int(limits["max_body_bytes"], path + "max_body_bytes", range: 1_024...(64 << 20)) ?? config.maxBodyBytes
            config.maxBatchLeads = reader.int(limits["max_batch_leads"], path + "max_batch_leads", range: 1...10_000) ?? config.maxBatchLeads
            config.maxJobLeads = reader.int(limits["max_job_leads"], path + "max_job_leads", range: 1...10_000_000) ?? config.maxJobLeads
            config.maxJobBytes = reader.int(limits["max_job_bytes"], path + "max_job_bytes", range: 1_024...(1 << 30)) ?? config.maxJobBytes
            config.requestsPerSecond = reader.double(limits["requests_per_second"], path + "requests_per_second", range: 0...1_000_000)
                ?? config.requestsPerSecond
            config.burst = reader.double(limits["burst"], path + "burst", range: 1...1_000_000) ?? config.burst
            config.maxConcurrentRequests = reader.int(limits["max_concurrent_requests"], path + "max_concurrent_requests",
                                                      range: 1...100_000) ?? config.maxConcurrentRequests
            config.requestTimeoutSeconds = reader.double(limits["request_timeout_seconds"], path + "request_timeout_seconds",
                                                         range: 0.1...600) ?? config.requestTimeoutSeconds
            config.readyTimeoutSeconds = reader.double(limits["ready_timeout_seconds"], path + "ready_timeout_seconds",
                                                       range: 0.1...60) ?? config.readyTimeoutSeconds
            config.maxConnections = reader.int(limits["max_connections"], path + "max_connections", range: 1...1_000_000)
                ?? config.maxConnections
            config.idleTimeoutSeconds = reader.double(limits["idle_timeout_seconds"], path + "idle_timeout_seconds",
                                                      range: 0.1...3_600) ?? config.idleTimeoutSeconds
        }
        if let validation = reader.mapping(service["validation"], "service.validation",
                                           allowed: ["unknown_picklist_values", "unknown_fields", "out_of_range"]) {
            if let value = reader.enumeration(validation["out_of_range"], "service.validation.out_of_range",
                                              as: ValidationPolicy.OutOfRange.self) {
                config.validation.outOfRange = value
            }
            if let value = reader.enumeration(validation["unknown_picklist_values"], "service.validation.unknown_picklist_values",
                                              as: ValidationPolicy.UnknownPicklistValue.self) {
                config.validation.unknownPicklistValues = value
            }
            if let value = reader.enumeration(validation["unknown_fields"], "service.validation.unknown_fields",
                                              as: ValidationPolicy.UnknownField.self) {
                config.validation.unknownFields = value
            }
        }
        if let cache = reader.mapping(service["cache"], "service.cache", allowed: ["ttl_seconds", "max_entries"]) {
            config.cacheTTLSeconds = reader.double(cache["ttl_seconds"], "service.cache.ttl_seconds", range: 0...86_400) ?? config.cacheTTLSeconds
            config.cacheEntries = reader.int(cache["max_entries"], "service.cache.max_entries", range: 1...10_000_000) ?? config.cacheEntries
        }
        if let audit = reader.mapping(service["audit"], "service.audit", allowed: ["retention_days", "idempotency_hours"]) {
            config.auditRetentionDays = reader.int(audit["retention_days"], "service.audit.retention_days", range: 1...36_500)
                ?? config.auditRetentionDays
            config.idempotencyHours = reader.double(audit["idempotency_hours"], "service.audit.idempotency_hours", range: 0.01...8_760)
                ?? config.idempotencyHours
        }
        if let auth = reader.mapping(service["auth"], "service.auth", allowed: [
            "token_lifetime_seconds", "token_secret_file", "failures_per_source", "failures_per_client",
            "backoff_first_seconds", "backoff_max_seconds",
        ]) {
            let path = "service.auth."
            config.tokenLifetimeSeconds = reader.double(auth["token_lifetime_seconds"], path + "token_lifetime_seconds",
                                                        range: 60...86_400) ?? config.tokenLifetimeSeconds
            config.tokenSecretFile = reader.string(auth["token_secret_file"], path + "token_secret_file")
            config.authFailuresPerSource = reader.int(auth["failures_per_source"], path + "failures_per_source", range: 1...100_000)
                ?? config.authFailuresPerSource
            config.authFailuresPerClient = reader.int(auth["failures_per_client"], path + "failures_per_client", range: 1...100_000)
                ?? config.authFailuresPerClient
            config.authBackoffFirstSeconds = reader.double(auth["backoff_first_seconds"], path + "backoff_first_seconds",
                                                           range: 0.1...3_600) ?? config.authBackoffFirstSeconds
            config.authBackoffMaxSeconds = reader.double(auth["backoff_max_seconds"], path + "backoff_max_seconds",
                                                         range: 1...86_400) ?? config.authBackoffMaxSeconds
        }
    }
}
