namespace Decisioning.Webhooks;

// When a failed delivery is tried again. The first attempt is made at once; after attempt k fails (k = 1 ..
// delays.Count) the next waits delays[k - 1], moved by up to ±20% so that deliveries that failed together (one
// receiver down) do not all come back at the same moment. With N = 1 + delays.Count attempts made and the last
// failed, the delivery is dead: there is no next attempt. The default schedule spans about a day (5 s to 12 h,
// 9 attempts in all). The caller passes the random value in, so that the schedule is reproducible in tests.
public static class WebhookBackoff
{
    public const double Jitter = 0.2;

    public static readonly IReadOnlyList<TimeSpan> DefaultDelays =
    [
        TimeSpan.FromSeconds(5),
        TimeSpan.FromSeconds(30),
        TimeSpan.FromMinutes(2),
        TimeSpan.FromMinutes(10),
        TimeSpan.FromHours(1),
        TimeSpan.FromHours(3),
        TimeSpan.FromHours(6),
        TimeSpan.FromHours(12),
    ];

    /// <summary>
    /// The wait before the next attempt after <paramref name="attemptsMade"/> attempts (zero before the first), or
    /// null when they are exhausted. <paramref name="random"/> in [0, 1) places the wait between 80% (at 0) and 120%
    /// (towards 1) of the configured delay.
    /// </summary>
    public static TimeSpan? NextDelay(IReadOnlyList<TimeSpan> delays, int attemptsMade, double random)
    {
        ArgumentNullException.ThrowIfNull(delays);
        ArgumentOutOfRangeException.ThrowIfNegative(attemptsMade);
        if (!(random is >= 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(random), random, "The random value must be in [0, 1).");
        }

        if (attemptsMade == 0)
        {
            return TimeSpan.Zero;
        }

        if (attemptsMade > delays.Count)
        {
            return null;
        }

        return delays[attemptsMade - 1] * (1 + Jitter * (2 * random - 1));
    }
}
