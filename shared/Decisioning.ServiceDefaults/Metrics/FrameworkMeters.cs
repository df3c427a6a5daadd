using System.Diagnostics.Metrics;
using Prometheus;

namespace Decisioning.ServiceDefaults.Metrics;

// What the framework measures itself, published in this host's registry: ASP.NET Core's request duration (with
// route and status), Npgsql's pool connections through prometheus-net's MeterAdapter, and prometheus-net's process
// metrics. Only the instruments the dashboards read are taken: every measurement costs a label lookup on the request
// path. Counter instruments stay out of the adapter: it publishes them as gauges, which rate() must not be given.
internal sealed class FrameworkMeters : IDisposable
{
    private static readonly HashSet<(string Meter, string Instrument)> s_adapted =
    [
        ("Npgsql", "db.client.connection.count"),
        ("Npgsql", "db.client.connection.max"),
    ];

    private static readonly string[] s_statusCodes = [.. Enumerable.Range(0, 600).Select(code => code.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    private readonly IDisposable _adapter;
    private readonly MeterListener _requests = new();
    private readonly Histogram _requestDuration;

    public FrameworkMeters(CollectorRegistry registry, IMetricFactory metrics, IMeterFactory meterFactory)
    {
        _adapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = registry,
            MetricFactory = metrics,
            InstrumentFilterPredicate = instrument => IsOfThisHost(instrument, meterFactory) && s_adapted.Contains((instrument.Meter.Name, instrument.Name))
                && instrument.GetType().GetGenericTypeDefinition() is var kind && kind != typeof(Counter<>) && kind != typeof(ObservableCounter<>),
        });

        // The adapter would name it http_server_request_duration_seconds, without the unit
        // suffix Prometheus's conventions ask for; the same measurements go to a histogram named as they say.
        _requestDuration = metrics.CreateHistogram(
            "http_server_request_duration_seconds",
            "Duration of HTTP server requests as ASP.NET Core measures them, by method, route template (empty when no endpoint matched) and status code.",
            new HistogramConfiguration { LabelNames = ["http_request_method", "http_route", "http_response_status_code"], Buckets = [.. HistogramBuckets.Latency] });
        _requests.InstrumentPublished = (instrument, listener) =>
        {
            if (IsOfThisHost(instrument, meterFactory) && instrument is { Meter.Name: "Microsoft.AspNetCore.Hosting", Name: "http.server.request.duration" })
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _requests.SetMeasurementEventCallback<double>(OnRequestDuration);
        _requests.Start();
        DotNetStats.Register(registry);
    }

    public void Dispose()
    {
        _requests.Dispose();
        _adapter.Dispose();
    }

    // Meters of this host's factory or process-wide ones (Npgsql's): several hosts in one process keep their metrics apart.
    private static bool IsOfThisHost(Instrument instrument, IMeterFactory meterFactory) =>
        instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, meterFactory);

    private void OnRequestDuration(Instrument instrument, double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string method = "", route = "", status = "";
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case "http.request.method":
                    method = tag.Value as string ?? "";
                    break;
                case "http.route":
                    route = tag.Value as string ?? "";
                    break;
                case "http.response.status_code":
                    status = tag.Value is int code && code >= 0 && code < s_statusCodes.Length ? s_statusCodes[code] : tag.Value?.ToString() ?? "";
                    break;
            }
        }

        // Recorded while the request's span is current: it becomes the bucket's exemplar.
        _requestDuration.WithLabels(method, route, status).Observe(seconds);
    }
}
