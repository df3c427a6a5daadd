using Gateway.Performance;

namespace Gateway.Reports;

// The days a report covers: 'from' and 'to' are dates (UTC), both included; the last 30 days by default, at most 366.
public static class ReportRange
{
    public const int MaxDays = 366;
    public const int DefaultDays = 30;

    public static (DateTime From, DateTime To)? Parse(string? from, string? to, DateTime now, Dictionary<string, string[]> errors)
    {
        if (!PerformanceRange.TryParseRange(from, to, errors, out var start, out var end))
        {
            return null;
        }

        var until = end ?? now.Date.AddDays(1);
        // Near the calendar's start the default range starts with it.
        var since = start ?? (until - DateTime.MinValue > TimeSpan.FromDays(DefaultDays) ? until.AddDays(-DefaultDays) : DateTime.MinValue);
        if (since >= until)
        {
            errors["from"] = ["'from' must be before 'to'."];
            return null;
        }

        if (until - since > TimeSpan.FromDays(MaxDays))
        {
            errors["to"] = [$"A report covers at most {MaxDays} days."];
            return null;
        }

        return (since, until);
    }
}
