using System.Diagnostics;

namespace Decisioning.ServiceDefaults.Metrics;

// One measurement a histogram bucket keeps as an example, with the span it was recorded in. Immutable, so a
// bucket replaces it with one reference write and a scrape reads a consistent one.
internal sealed class Exemplar(ActivityTraceId traceId, ActivitySpanId spanId, double value, long unixTimeMilliseconds)
{
    public ActivityTraceId TraceId { get; } = traceId;

    public ActivitySpanId SpanId { get; } = spanId;

    public double Value { get; } = value;

    public long UnixTimeMilliseconds { get; } = unixTimeMilliseconds;
}
