namespace Decisioning.ServiceDefaults.Metrics;

/// <summary>The text formats <see cref="PrometheusCollector"/> writes.</summary>
public enum ExpositionFormat
{
    /// <summary>Prometheus text format 0.0.4 (<see cref="PrometheusCollector.ContentType"/>); carries no exemplars.</summary>
    PrometheusText,

    /// <summary>OpenMetrics 1.0 text (<see cref="PrometheusCollector.OpenMetricsContentType"/>), with exemplars on histogram buckets.</summary>
    OpenMetrics,
}
