namespace Decisioning.ServiceDefaults.Metrics;

// One labelled series: a value (counter, gauge) or bucket counts and a sum (histogram). Updates are
// lock-free; a scrape reads buckets one by one and derives the count from them, so +Inf always equals _count.
internal sealed class Series(string labels, int bucketCount)
{
    private readonly long[]? _buckets = bucketCount > 0 ? new long[bucketCount] : null;
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

    public void Observe(double value, double[] bounds)
    {
        var i = 0;
        while (i < bounds.Length && value > bounds[i])
        {
            i++;
        }

        Interlocked.Increment(ref _buckets![i]);
        Add(value);
    }

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
