namespace Decisioning.Grpc;

// grpc-timeout: at most 8 ASCII digits followed by a unit (H M S m u n).
internal static class GrpcTimeout
{
    private const long MaxValue = 99_999_999;

    public static bool TryParse(ReadOnlySpan<char> value, out TimeSpan timeout)
    {
        timeout = default;
        if (value.Length is < 2 or > 9)
        {
            return false;
        }

        long amount = 0;
        foreach (var c in value[..^1])
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            amount = (amount * 10) + (c - '0');
        }

        long? ticks = value[^1] switch
        {
            'H' => amount * TimeSpan.TicksPerHour,
            'M' => amount * TimeSpan.TicksPerMinute,
            'S' => amount * TimeSpan.TicksPerSecond,
            'm' => amount * TimeSpan.TicksPerMillisecond,
            'u' => amount * TimeSpan.TicksPerMicrosecond,
            'n' => (amount + 99) / 100,
            _ => null,
        };

        if (ticks is null)
        {
            return false;
        }

        timeout = TimeSpan.FromTicks(ticks.Value);
        return true;
    }

    // Picks the finest unit that fits in 8 digits and rounds up, so precision is kept for short timeouts.
    public static string Format(TimeSpan timeout)
    {
        var ticks = Math.Max(timeout.Ticks, 0);
        if (ticks <= MaxValue / 100)
        {
            return Create(ticks * 100, 'n');
        }

        var micros = CeilingDivide(ticks, TimeSpan.TicksPerMicrosecond);
        if (micros <= MaxValue)
        {
            return Create(micros, 'u');
        }

        var millis = CeilingDivide(ticks, TimeSpan.TicksPerMillisecond);
        if (millis <= MaxValue)
        {
            return Create(millis, 'm');
        }

        var seconds = CeilingDivide(ticks, TimeSpan.TicksPerSecond);
        if (seconds <= MaxValue)
        {
            return Create(seconds, 'S');
        }

        var minutes = CeilingDivide(ticks, TimeSpan.TicksPerMinute);
        if (minutes <= MaxValue)
        {
            return Create(minutes, 'M');
        }

        return Create(Math.Min(CeilingDivide(ticks, TimeSpan.TicksPerHour), MaxValue), 'H');
    }

    private static long CeilingDivide(long value, long divisor) => (value / divisor) + (value % divisor == 0 ? 0 : 1);

    private static string Create(long value, char unit) => string.Create(null, stackalloc char[16], $"{value}{unit}");
}
