using System.Globalization;

namespace Gateway.Performance;

// The ?from&to of a performance query. A date means the whole day in UTC (so "to" includes it); a
// date-time with an offset is taken as it is, "to" exclusive.
public static class PerformanceRange
{
    /// <summary>Parses both ends; adds an error by parameter name for each that is malformed, or when from is after to.</summary>
    public static bool TryParseRange(string? from, string? to, Dictionary<string, string[]> errors, out DateTime? start, out DateTime? end)
    {
        if (!TryParse(from, isEnd: false, out start))
        {
            errors["from"] = ["'from' must be a date (YYYY-MM-DD) or a date-time with offset."];
        }

        if (!TryParse(to, isEnd: true, out end))
        {
            errors["to"] = ["'to' must be a date (YYYY-MM-DD) or a date-time with offset."];
        }

        if (errors.Count == 0 && start > end)
        {
            errors["from"] = ["'from' must not be after 'to'."];
        }

        return errors.Count == 0;
    }

    public static bool TryParse(string? value, bool isEnd, out DateTime? instant)
    {
        instant = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var day = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            // The day after the last representable one is past the calendar's end: the range runs to its end instead.
            instant = !isEnd ? day : date == DateOnly.MaxValue ? DateTime.MaxValue : day.AddDays(1);
            return true;
        }

        if (value.Contains('T') && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
        {
            instant = moment.UtcDateTime;
            return true;
        }

        return false;
    }
}
