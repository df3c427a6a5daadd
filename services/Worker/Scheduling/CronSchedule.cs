using Quartz;

namespace Worker.Scheduling;

// A job's effective schedule: its cron in UTC, read the way Quartz reads it.
public static class CronSchedule
{
    public static readonly TimeZoneInfo TimeZone = TimeZoneInfo.Utc;

    // The parsed expression, or null with Quartz's reason why it is not one.
    public static CronExpression? TryParse(string? expression, out string problem)
    {
        problem = "";
        if (string.IsNullOrWhiteSpace(expression))
        {
            problem = "it is empty";
            return null;
        }

        try
        {
            return new CronExpression(expression, TimeZone);
        }
        catch (FormatException ex)
        {
            problem = ex.Message;
            return null;
        }
    }

    // The longest wait between two occurrences over the next thousand (a weekday schedule waits over the weekend), so
    // that "no success for twice the period" does not fire between two runs that are on time.
    public static TimeSpan LongestGap(CronExpression cron, DateTimeOffset from)
    {
        var longest = TimeSpan.Zero;
        var previous = cron.GetNextValidTimeAfter(from);
        for (var i = 0; i < 1000 && previous is { } earlier; i++)
        {
            var next = cron.GetNextValidTimeAfter(earlier);
            if (next is { } later && later - earlier > longest)
            {
                longest = later - earlier;
            }

            previous = next;
        }

        return longest;
    }
}
