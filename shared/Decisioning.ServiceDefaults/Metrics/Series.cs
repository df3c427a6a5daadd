using System.Diagnostics;

namespace Decisioning.ServiceDefaults.Metrics;

// One labelled series: a value (counter, gauge) or bucket counts, a sum and an exemplar per bucket (histogram).
// Updates are lock-free; a scrape reads buckets one by one and derives the count from them, so +Inf always
// equals _count.
internal sealed class Series(string labels, int bucketCount)
{
    private readonly long[]? _buckets = bucketCount > 0 ? new long[bucketCount] : null;
    private readonly Exemplar?[]? _exemplars = bucketCount > 0 ? new Exemplar?[bucketCount] : null;
    // Per bucket, the clock timestamp before which its exemplar is not replaced.
    private readonly long[]? _exemplarDue = bucketCount > 0 ? new long[bucketCount] : null;
    private double _value;

    /// <summary>Prometheus label pairs without braces, e.g. <c>method="GET",route="/x"</c>; formatted once.</summary>
    public string Labels { get; } = labels;

    public double Value => Volatile.Read(ref _value);

    public void Add(double increment)
    {
        var current = Volatile.Read(ref _value);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref _value, current + increment, current);
            if (BitConverter.DoubleToInt64Bits(seen) == BitConverter.DoubleToInt64Bits(current))
            {
                return;
            }

            current = seen;
        }
    }

    public void Set(double value) => Volatile.Write(ref _value, value);

    /// <summary>Counts <paramref name="value"/> into its bucket (the first bound it does not exceed, else +Inf); returns the bucket.</summary>
    public int Observe(double value, double[] bounds)
    {
        var i = 0;
        while (i < bounds.Length && value > bounds[i])
        {
            i++;
        }

        Interlocked.Increment(ref _buckets![i]);
        Add(value);
        return i;
    }

    /// <summary>
    /// Keeps <paramref name="value"/>, recorded in <paramref name="span"/>, as the exemplar of <paramref name="bucket"/>
    /// unless that bucket took one less than a second ago: at most one allocation per bucket and second.
    /// </summary>
    public void OfferExemplar(int bucket, double value, Activity span, TimeProvider clock)
    {
        var now = clock.GetTimestamp();
        var due = Volatile.Read(ref _exemplarDue![bucket]);
        // Of concurrent offers, the one that moves the due time on writes the exemplar.
        if (now < due || Interlocked.CompareExchange(ref _exemplarDue[bucket], now + clock.TimestampFrequency, due) != due)
        {
            return;
        }

        Volatile.Write(ref _exemplars![bucket], new Exemplar(span.TraceId, span.SpanId, value, clock.GetUtcNow().ToUnixTimeMilliseconds()));
    }

    public Exemplar? ExemplarOf(int bucket) => Volatile.Read(ref _exemplars![bucket]);

    /// <summary>Cumulative bucket counts (the last one is +Inf) into <paramref name="cumulative"/>.</summary>
    public void ReadBuckets(Span<long> cumulative)
    {
        long total = 0;
        for (var i = 0; i < cumulative.Length; i++)
        {
            total += Volatile.Read(ref _buckets![i]);
            cumulative[i] = total;
        }
    }
}
