using Decisioning.Webhooks;

namespace Worker.Webhooks;

// What an attempt's result makes of a delivery: a 2xx delivers it; 410 Gone makes it dead and disables the endpoint;
// anything else (another status, a timeout, a refused connection) is retried after the backoff's next wait, and is
// dead once the schedule is exhausted.
public static class DeliveryRules
{
    public static DeliveryOutcome After(ClaimedDelivery delivery, int? statusCode, string? error, IReadOnlyList<TimeSpan> delays, double random, DateTime now)
    {
        if (statusCode is >= 200 and < 300)
        {
            return new DeliveryOutcome("delivered", Attempted: true, statusCode, Error: null, NextAttemptAt: null);
        }

        if (statusCode == 410)
        {
            return new DeliveryOutcome("dead", Attempted: true, statusCode, error ?? "The endpoint answered 410 Gone and is disabled.", NextAttemptAt: null);
        }

        return WebhookBackoff.NextDelay(delays, delivery.ScheduleAttempts + 1, random) is { } wait
            ? new DeliveryOutcome("failed", Attempted: true, statusCode, error, now + wait)
            : new DeliveryOutcome("dead", Attempted: true, statusCode, error, NextAttemptAt: null);
    }
}
