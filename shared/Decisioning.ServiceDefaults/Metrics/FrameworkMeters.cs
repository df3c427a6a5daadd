using System.Diagnostics.Metrics;
using Prometheus;

namespace Decisioning.ServiceDefaults.Metrics;

// What the framework measures itself, published in this host's registry: ASP.NET Core's and Kestrel's meters
// (http.server.request.duration with route and status, connections) and Npgsql's (pool connections) through
// prometheus-net's MeterAdapter, and prometheus-net's process metrics. Counter instruments stay out: the adapter
// publishes them as gauges, which rate() must not be given.
internal sealed class FrameworkMeters : IDisposable
{
    private readonly IDisposable _adapter;

    public FrameworkMeters(CollectorRegistry registry, IMetricFactory metrics, IMeterFactory meterFactory)
    {
        _adapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = registry,
            MetricFactory = metrics,
            InstrumentFilterPredicate = instrument => IsAdapted(instrument, meterFactory),
            ResolveHistogramBuckets = instrument => instrument.Unit == "s" ? [.. HistogramBuckets.Latency] : MeterAdapterOptions.DefaultHistogramBuckets,
        });
        DotNetStats.Register(registry);
    }

    public void Dispose() => _adapter.Dispose();

    // Meters of this host's factory or process-wide ones (Npgsql's): several hosts in one process keep their metrics apart.
    private static bool IsAdapted(Instrument instrument, IMeterFactory meterFactory)
    {
        var meter = instrument.Meter;
        var kind = instrument.GetType().GetGenericTypeDefinition();
        return (meter.Scope is null || ReferenceEquals(meter.Scope, meterFactory))
            && (meter.Name.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal) || meter.Name == "Npgsql")
            && kind != typeof(Counter<>) && kind != typeof(ObservableCounter<>);
    }
}
