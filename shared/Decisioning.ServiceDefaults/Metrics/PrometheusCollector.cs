using System.Diagnostics.Metrics;
using System.Text;

namespace Decisioning.ServiceDefaults.Metrics;

/// <summary>
/// Aggregates the measurements of <see cref="System.Diagnostics.Metrics"/> instruments (through a
/// <see cref="MeterListener"/>) and writes them in the Prometheus text exposition format 0.0.4 or in OpenMetrics
/// 1.0 text (see <see cref="ExpositionFormat"/>). A histogram measurement recorded while a sampled
/// <see cref="System.Diagnostics.Activity"/> is current becomes its bucket's exemplar (trace and span id), at most
/// once a second per bucket; only OpenMetrics carries exemplars. Recording is lock-free and allocation-free for up
/// to four tags (apart from that one exemplar a second); observable instruments are read at scrape time.
/// </summary>
public sealed class PrometheusCollector : IDisposable
{
    /// <summary>The content type of the Prometheus text format 0.0.4 (<see cref="ExpositionFormat.PrometheusText"/>).</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>The content type of OpenMetrics 1.0 text (<see cref="ExpositionFormat.OpenMetrics"/>).</summary>
    public const string OpenMetricsContentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    /// <summary>At most this many series per metric; later label sets are counted in one <c>metric_overflow="true"</c> series.</summary>
    public const int MaxSeriesPerMetric = 2000;

    private readonly MeterListener _listener = new();
    private readonly Func<Meter, bool> _meterFilter;
    private readonly Dictionary<string, InstrumentAggregator> _byName = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;

    /// <summary>
    /// Starts listening to the instruments of every meter, present and future, that <paramref name="meterFilter"/>
    /// accepts; <paramref name="clock"/> (the system clock by default) times exemplars.
    /// </summary>
    public PrometheusCollector(Func<Meter, bool> meterFilter, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(meterFilter);
        _meterFilter = meterFilter;
        _clock = clock ?? TimeProvider.System;
        _listener.InstrumentPublished = OnInstrumentPublished;
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record((double)value, tags));
        _listener.Start();
    }

    /// <summary>Reads the observable instruments and returns every metric family, sorted by name, in <paramref name="format"/>.</summary>
    public string Scrape(ExpositionFormat format = ExpositionFormat.PrometheusText)
    {
        var output = new StringBuilder(4096);
        WriteTo(output, format);
        return output.ToString();
    }

    /// <summary>
    /// Reads the observable instruments and appends every metric family, sorted by name, in <paramref name="format"/>
    /// to <paramref name="output"/> (OpenMetrics ends with <c># EOF</c>).
    /// </summary>
    public void WriteTo(StringBuilder output, ExpositionFormat format = ExpositionFormat.PrometheusText)
    {
        ArgumentNullException.ThrowIfNull(output);
        // Scrapes are serialised: observable series are cleared and re-read as one step.
        lock (_gate)
        {
            foreach (var aggregator in _byName.Values)
            {
                if (aggregator.IsObservable)
                {
                    aggregator.Clear();
                }
            }

            _listener.RecordObservableInstruments();
            foreach (var aggregator in _byName.Values.OrderBy(a => a.Name, StringComparer.Ordinal))
            {
                aggregator.Write(output, format);
            }
        }

        if (format == ExpositionFormat.OpenMetrics)
        {
            output.Append(OpenMetricsText.Eof);
        }
    }

    /// <summary>Stops listening.</summary>
    public void Dispose() => _listener.Dispose();

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!_meterFilter(instrument.Meter) || Describe(instrument) is not { } shape)
        {
            return;
        }

        var name = PrometheusText.MetricName(instrument.Name, instrument.Unit, shape.Kind == MetricKind.Counter);
        InstrumentAggregator aggregator;
        lock (_gate)
        {
            if (_byName.TryGetValue(name, out var existing))
            {
                // Two instruments with one Prometheus name (say, two meters of one name) share a family when they agree.
                if (existing.Kind != shape.Kind || existing.IsObservable != shape.Observable || !existing.Bounds.AsSpan().SequenceEqual(shape.Bounds))
                {
                    return;
                }

                aggregator = existing;
            }
            else
            {
                var help = string.IsNullOrWhiteSpace(instrument.Description) ? instrument.Name : instrument.Description;
                aggregator = new InstrumentAggregator(
                    name, help, PrometheusText.UnitSuffix(instrument.Unit), shape.Kind, shape.SetsValue, shape.Observable, shape.Bounds, MaxSeriesPerMetric, _clock);
                _byName.Add(name, aggregator);
            }
        }

        listener.EnableMeasurementEvents(instrument, aggregator);
    }

    private static InstrumentShape? Describe(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        if (definition == typeof(Counter<>))
        {
            return new InstrumentShape(MetricKind.Counter, SetsValue: false, Observable: false, []);
        }

        if (definition == typeof(ObservableCounter<>))
        {
            return new InstrumentShape(MetricKind.Counter, SetsValue: true, Observable: true, []);
        }

        if (definition == typeof(UpDownCounter<>))
        {
            return new InstrumentShape(MetricKind.Gauge, SetsValue: false, Observable: false, []);
        }

        if (definition == typeof(ObservableUpDownCounter<>) || definition == typeof(ObservableGauge<>))
        {
            return new InstrumentShape(MetricKind.Gauge, SetsValue: true, Observable: true, []);
        }

        if (definition == typeof(Gauge<>))
        {
            return new InstrumentShape(MetricKind.Gauge, SetsValue: true, Observable: false, []);
        }

        if (definition == typeof(Histogram<>))
        {
            return new InstrumentShape(MetricKind.Histogram, SetsValue: false, Observable: false, HistogramBounds(instrument));
        }

        return null;
    }

    private static double[] HistogramBounds(Instrument instrument)
    {
        var advised = instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries?.ToArray(),
            Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            _ => null,
        };
        if (advised is { Length: > 0 })
        {
            return advised;
        }

        return instrument.Unit == "s" ? [.. HistogramBuckets.Latency] : [.. HistogramBuckets.Default];
    }
}
