namespace Decisioning.ServiceDefaults.Metrics;

internal sealed record InstrumentShape(MetricKind Kind, bool SetsValue, bool Observable, double[] Bounds);
