namespace Decisioning.ServiceDefaults.Metrics;

internal enum MetricKind
{
    Counter,
    Gauge,
    Histogram,
}
