import CreditBankCore
import Foundation
import Metrics
import Prometheus

/// Prometheus metrics: the process-wide registry behind swift-metrics (bootstrapped once), request
/// counts and latencies from Hummingbird's MetricsMiddleware, and the bank's own counters.
public enum ServerMetrics {
    /// The registry `/metrics` emits; touching it bootstraps swift-metrics once per process.
    public static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    /// Counts a document stored in the registry.
    static func documentIssued(_ kind: DocumentKind) {
        _ = registry
        Counter(label: "creditbank_documents_issued_total", dimensions: [("kind", kind.rawValue)]).increment()
    }
}

/// The render port with a count and a latency histogram of every render.
public struct MeteredRenderer: DocumentRendering {
    let base: any DocumentRendering

    /// Wraps a renderer.
    public init(_ base: any DocumentRendering) {
        _ = ServerMetrics.registry
        self.base = base
    }

    public var coverage: GlyphCoverage { base.coverage }

    /// Renders through the wrapped renderer, counting and timing it.
    public func render(kind: DocumentKind, language: DocumentLanguage, snapshot: [UInt8]) async throws -> RenderedPDF {
        let start = DispatchTime.now().uptimeNanoseconds
        do {
            let pdf = try await base.render(kind: kind, language: language, snapshot: snapshot)
            Counter(label: "creditbank_renders_total", dimensions: [("kind", kind.rawValue), ("result", "ok")]).increment()
            Timer(label: "creditbank_render_duration_seconds", dimensions: [("kind", kind.rawValue)])
                .recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start))
            return pdf
        } catch {
            Counter(label: "creditbank_renders_total", dimensions: [("kind", kind.rawValue), ("result", "failed")]).increment()
            throw error
        }
    }
}
