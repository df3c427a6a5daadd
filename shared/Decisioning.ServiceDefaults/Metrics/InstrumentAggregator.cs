using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Decisioning.ServiceDefaults.Metrics;

// Everything recorded into one Prometheus metric family. Counters and up-down counters add, gauges and
// observable instruments (which report totals) set, histograms count into buckets and keep, per bucket, an
// exemplar of a measurement recorded inside a sampled span.
internal sealed class InstrumentAggregator(
    string name, string help, string unitSuffix, MetricKind kind, bool setsValue, bool observable, double[] bounds, int maxSeries, TimeProvider clock)
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
            var bucket = series.Observe(value, Bounds);
            if (Activity.Current is { Recorded: true, IdFormat: ActivityIdFormat.W3C } span)
            {
                series.OfferExemplar(bucket, value, span, clock);
            }
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

    public void Write(StringBuilder output, ExpositionFormat format)
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
        var type = Kind switch
        {
            MetricKind.Counter => "counter",
            MetricKind.Gauge => "gauge",
            _ => "histogram",
        };
        if (format == ExpositionFormat.OpenMetrics)
        {
            var family = OpenMetricsText.FamilyName(Name, Kind);
            output.Append("# TYPE ").Append(family).Append(' ').Append(type).Append('\n');
            if (OpenMetricsText.Unit(family, unitSuffix) is { } unit)
            {
                output.Append("# UNIT ").Append(family).Append(' ').Append(unit).Append('\n');
            }

            output.Append("# HELP ").Append(family).Append(' ');
            OpenMetricsText.AppendHelp(output, Help);
            output.Append('\n');
        }
        else
        {
            output.Append("# HELP ").Append(Name).Append(' ');
            PrometheusText.AppendHelp(output, Help);
            output.Append('\n');
            output.Append("# TYPE ").Append(Name).Append(' ').Append(type).Append('\n');
        }

        foreach (var series in snapshot)
        {
            if (Kind != MetricKind.Histogram)
            {
                WriteSample(output, Name, series.Labels, null, Number(series.Value, format));
            }
            else if (format == ExpositionFormat.OpenMetrics)
            {
                WriteOpenMetricsHistogram(output, series);
            }
            else
            {
                WriteHistogram(output, series);
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
            WriteSample(output, bucketName, series.Labels, PrometheusText.Number(Bounds[i]), PrometheusText.Number(cumulative[i]));
        }

        var count = PrometheusText.Number(cumulative[^1]);
        WriteSample(output, bucketName, series.Labels, "+Inf", count);
        WriteSample(output, Name + "_sum", series.Labels, null, PrometheusText.Number(series.Value));
        WriteSample(output, Name + "_count", series.Labels, null, count);
    }

    // Buckets with their exemplars, then _count and _sum. OpenMetrics allows a sum only while it is a counter:
    // with a negative bound or a negative total, _sum (and _count, which needs it) are left out.
    private void WriteOpenMetricsHistogram(StringBuilder output, Series series)
    {
        Span<long> cumulative = stackalloc long[Bounds.Length + 1];
        series.ReadBuckets(cumulative);
        var bucketName = Name + "_bucket";
        for (var i = 0; i <= Bounds.Length; i++)
        {
            var le = i < Bounds.Length ? OpenMetricsText.Canonical(Bounds[i]) : "+Inf";
            WriteSample(output, bucketName, series.Labels, le, cumulative[i].ToString(CultureInfo.InvariantCulture), series.ExemplarOf(i));
        }

        var sum = series.Value;
        if ((Bounds.Length == 0 || Bounds[0] >= 0) && sum >= 0)
        {
            WriteSample(output, Name + "_count", series.Labels, null, cumulative[^1].ToString(CultureInfo.InvariantCulture));
            WriteSample(output, Name + "_sum", series.Labels, null, OpenMetricsText.Value(sum));
        }
    }

    private static string Number(double value, ExpositionFormat format) =>
        format == ExpositionFormat.OpenMetrics ? OpenMetricsText.Value(value) : PrometheusText.Number(value);

    private static void WriteSample(StringBuilder output, string name, string labels, string? le, string value, Exemplar? exemplar = null)
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

        output.Append(' ').Append(value);
        if (exemplar is not null)
        {
            OpenMetricsText.AppendExemplar(output, exemplar);
        }

        output.Append('\n');
    }
}
