using System.Diagnostics.Metrics;
using Prometheus;

namespace Decisioning.ServiceDefaults.Metrics;

// What the framework measures itself, published in this host's registry: ASP.NET Core's request duration (with
// route and status) and Npgsql's pool connections through prometheus-net's MeterAdapter, and prometheus-net's
// process metrics. Only the instruments the dashboards read are adapted: every adapted measurement costs a label
// lookup on the request path. Counter instruments stay out: the adapter publishes them as gauges, which rate()
// must not be given.
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

    private static readonly HashSet<(string Meter, string Instrument)> s_adapted =
    [
        ("Microsoft.AspNetCore.Hosting", "http.server.request.duration"),
        ("Npgsql", "db.client.connection.count"),
        ("Npgsql", "db.client.connection.max"),
    ];

    // Meters of this host's factory or process-wide ones (Npgsql's): several hosts in one process keep their metrics apart.
    private static bool IsAdapted(Instrument instrument, IMeterFactory meterFactory)
    {
        var meter = instrument.Meter;
        var kind = instrument.GetType().GetGenericTypeDefinition();
        return (meter.Scope is null || ReferenceEquals(meter.Scope, meterFactory))
            && s_adapted.Contains((meter.Name, instrument.Name))
            && kind != typeof(Counter<>) && kind != typeof(ObservableCounter<>);
    }
}
