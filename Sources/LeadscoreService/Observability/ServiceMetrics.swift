import NIOConcurrencyHelpers
import Prometheus

/// The service's Prometheus metrics, one registry per server (so tests can run several servers in
/// one process). `/metrics` prints `registry.emitToString()`.
public final class ServiceMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    private let activeGauges = NIOLockedValueBox<[Gauge]>([])
    private static let latencyBuckets: [Duration] = [
        .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .seconds(2.5), .seconds(5), .seconds(10),
    ]

    public init() {}

    /// One finished request: its route template (not the raw path, to bound label values) and status.
    public func request(route: String, status: Int, duration: Duration) {
        registry.makeCounter(descriptor: Self.descriptor("http_requests", "total", "HTTP requests by route and status"),
                             labels: [("route", route), ("status", String(status))]).increment()
        registry.makeDurationHistogram(
            descriptor: Self.descriptor("http_request_duration", "seconds", "HTTP request latency by route"),
            labels: [("route", route)], buckets: Self.latencyBuckets).recordNanoseconds(Int64(duration.nanoseconds))
    }

    public func scored(tier: String, model: String) {
        registry.makeCounter(descriptor: Self.descriptor("scores", "total", "Leads scored by tier and model version"),
                             labels: [("tier", tier), ("model", model)]).increment()
    }

    public func validationFailure(field: String) {
        registry.makeCounter(descriptor: Self.descriptor("validation_failures", "total", "Refused lead fields by field"),
                             labels: [("field", field)]).increment()
    }

    public func replay(kind: String) {
        registry.makeCounter(descriptor: Self.descriptor("replays", "total", "Responses served from idempotency records or the result cache"),
                             labels: [("kind", kind)]).increment()
    }

    /// A wrong credential (`kind`: bearer or oauth).
    public func authFailure(kind: String) {
        registry.makeCounter(descriptor: Self.descriptor("auth_failures", "total", "Failed authentications by kind"),
                             labels: [("kind", kind)]).increment()
    }

    /// An attempt refused by the authentication back-off before its credential was checked.
    public func authRefusedByBackoff() {
        registry.makeCounter(descriptor: Self.descriptor("auth_backoff_refusals", "total",
                                                         "Authentication attempts refused by the back-off")).increment()
    }

    /// A connection closed on arrival because the server had `max_connections` open.
    public func connectionRefused() {
        registry.makeCounter(descriptor: Self.descriptor("connections_refused", "total",
                                                         "Connections closed on arrival at the connection cap")).increment()
    }

    public func auditFailure() {
        registry.makeCounter(descriptor: Self.descriptor("audit_write_failures", "total", "Audit batches the store refused")).increment()
    }

    /// Replaces the `leadscore_active_model` gauges with the serving versions and their roles.
    public func activeModels(_ set: ServingSet) {
        let descriptor = Self.descriptor("active_model", "", "1 for each model version serving, by role")
        var roles: [(String, String)] = [(set.production.version, "production")]
        if let canary = set.canary { roles.append((canary.version, "canary")) }
        if let shadow = set.shadow { roles.append((shadow.version, "shadow")) }
        activeGauges.withLockedValue { gauges in
            for gauge in gauges { registry.unregisterGauge(gauge) }
            gauges = roles.map { version, role in
                let gauge = registry.makeGauge(descriptor: descriptor, labels: [("version", version), ("role", role)])
                gauge.set(to: 1.0)
                return gauge
            }
        }
    }

    private static func descriptor(_ name: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "leadscore", metricName: name, unitName: unit, helpText: help)
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
