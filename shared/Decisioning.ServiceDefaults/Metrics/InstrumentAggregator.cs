using System.Collections.Concurrent;
using System.Text;

namespace Decisioning.ServiceDefaults.Metrics;

// Everything recorded into one Prometheus metric family. Counters and up-down counters add, gauges and
// observable instruments (which report totals) set, histograms count into buckets.
internal sealed class InstrumentAggregator(string name, string help, MetricKind kind, bool setsValue, bool observable, double[] bounds, int maxSeries)
{
    private const string OverflowLabels = "metric_overflow=\"true\"";

    private readonly ConcurrentDictionary<SeriesKey, Series> _series = new();
    private Series? _overflow;
    private int _seriesCount;

    public string Name { get; } = name;

    public string Help { get; } = help;

    public MetricKind Kind { get; } = kind;

    public bool IsObservable { get; } = observable;

    public double[] Bounds { get; } = bounds;

    public bool SetsValue { get; } = setsValue;

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = new SeriesKey(tags);
        if (!_series.TryGetValue(key, out var series))
        {
            series = AddSeries(key);
        }

        if (Kind == MetricKind.Histogram)
        {
            series.Observe(value, Bounds);
        }
        else if (SetsValue)
        {
            series.Set(value);
        }
        else
        {
            series.Add(value);
        }
    }

    /// <summary>Observable instruments report every series at each scrape; series no longer reported disappear.</summary>
    public void Clear()
    {
        _series.Clear();
        _overflow = null;
        Volatile.Write(ref _seriesCount, 0);
    }

    public void Write(StringBuilder output)
    {
        var snapshot = _series.Values.ToList();
        if (Volatile.Read(ref _overflow) is { } overflow)
        {
            snapshot.Add(overflow);
        }

        if (snapshot.Count == 0)
        {
            return;
        }

        snapshot.Sort(static (a, b) => string.CompareOrdinal(a.Labels, b.Labels));
        output.Append("# HELP ").Append(Name).Append(' ');
        PrometheusText.AppendHelp(output, Help);
        output.Append('\n');
        output.Append("# TYPE ").Append(Name).Append(' ').Append(Kind switch
        {
            MetricKind.Counter => "counter",
            MetricKind.Gauge => "gauge",
            _ => "histogram",
        }).Append('\n');

        foreach (var series in snapshot)
        {
            if (Kind == MetricKind.Histogram)
            {
                WriteHistogram(output, series);
            }
            else
            {
                WriteSample(output, Name, series.Labels, null, series.Value);
            }
        }
    }

    private Series AddSeries(SeriesKey key)
    {
        // A label with unbounded values must not exhaust memory: past the limit, measurements share one series.
        if (Interlocked.Increment(ref _seriesCount) > maxSeries)
        {
            Interlocked.Decrement(ref _seriesCount);
            return Volatile.Read(ref _overflow)
                ?? Interlocked.CompareExchange(ref _overflow, NewSeries(OverflowLabels), null)
                ?? _overflow!;
        }

        var created = NewSeries(PrometheusText.FormatLabels(key));
        var series = _series.GetOrAdd(key, created);
        if (!ReferenceEquals(series, created))
        {
            Interlocked.Decrement(ref _seriesCount);
        }

        return series;
    }

    private Series NewSeries(string labels) => new(labels, Kind == MetricKind.Histogram ? Bounds.Length + 1 : 0);

    private void WriteHistogram(StringBuilder output, Series series)
    {
        Span<long> cumulative = stackalloc long[Bounds.Length + 1];
        series.ReadBuckets(cumulative);
        var bucketName = Name + "_bucket";
        for (var i = 0; i < Bounds.Length; i++)
        {
            WriteSample(output, bucketName, series.Labels, PrometheusText.Number(Bounds[i]), cumulative[i]);
        }

        var count = cumulative[^1];
        WriteSample(output, bucketName, series.Labels, "+Inf", count);
        WriteSample(output, Name + "_sum", series.Labels, null, series.Value);
        WriteSample(output, Name + "_count", series.Labels, null, count);
    }

    private static void WriteSample(StringBuilder output, string name, string labels, string? le, double value)
    {
        output.Append(name);
        if (labels.Length > 0 || le is not null)
        {
            output.Append('{').Append(labels);
            if (le is not null)
            {
                output.Append(labels.Length > 0 ? ",le=\"" : "le=\"").Append(le).Append('"');
            }

            output.Append('}');
        }

        output.Append(' ').Append(PrometheusText.Number(value)).Append('\n');
    }
}
