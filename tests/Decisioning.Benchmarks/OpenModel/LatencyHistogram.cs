namespace Decisioning.Benchmarks.OpenModel;

// Log-linear buckets of microseconds, as HdrHistogram lays them out: exact below 256 µs, then 128 buckets per
// power of two (under 0.8 % error) up to 60 s. Recording is one Interlocked increment, so any thread may record.
public sealed class LatencyHistogram
{
    private const int SubBits = 8;
    private const int Half = 1 << (SubBits - 1);
    private const long MaxMicros = 60_000_000;
    private readonly long[] _counts = new long[IndexOf(MaxMicros) + 1];
    private long _count;
    private long _max;

    public long Count => Interlocked.Read(ref _count);

    public double MaxMs => Interlocked.Read(ref _max) / 1000.0;

    public void Record(TimeSpan latency, long times = 1)
    {
        var micros = Math.Clamp(latency.Ticks / 10, 1, MaxMicros);
        Interlocked.Add(ref _counts[IndexOf(micros)], times);
        Interlocked.Add(ref _count, times);
        for (var max = Interlocked.Read(ref _max); micros > max; max = Interlocked.Read(ref _max))
        {
            if (Interlocked.CompareExchange(ref _max, micros, max) == max)
            {
                break;
            }
        }
    }

    // The upper edge of the bucket holding the given percentile (HdrHistogram's highest equivalent value).
    public double PercentileMs(double percentile)
    {
        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100 * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return Math.Min(UpperEdge(i), Interlocked.Read(ref _max)) / 1000.0;
            }
        }

        return MaxMs;
    }

    private static int IndexOf(long micros)
    {
        if (micros < 2 * Half)
        {
            return (int)micros;
        }

        var shift = 63 - (int)long.LeadingZeroCount(micros) - (SubBits - 1);
        return 2 * Half + ((shift - 1) * Half) + (int)((micros >> shift) - Half);
    }

    private static long UpperEdge(int index)
    {
        if (index < 2 * Half)
        {
            return index;
        }

        var shift = ((index - (2 * Half)) / Half) + 1;
        var sub = ((index - (2 * Half)) % Half) + Half;
        return ((sub + 1L) << shift) - 1;
    }
}
