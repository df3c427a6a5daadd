using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Decisioning.Contracts.Text;
using Decisioning.Data;

namespace Gateway.History;

// A validated history query string. Unknown parameters are errors, not silently ignored: a typo in
// a filter must not return unfiltered data.
public sealed record HistoryQuery(HistoryFilter Filter, int Limit, string? Cursor, string? GroupBy, string Selection)
{
    private static readonly string[] FilterNames = ["from", "to", "outcome", "product", "grade", "modelVersion", "policyVersion", "minPd", "maxPd", "applicationId", "reason"];
    private static readonly string[] Outcomes = ["approve", "decline", "refer"];
    private static readonly string[] Grades = ["A", "B", "C", "D", "E", "F", "G"];

    public static HistoryQuery? Parse(IQueryCollection query, HistoryKind kind, HistoryOptions options, DateTime now, Dictionary<string, string[]> errors)
    {
        var allowed = kind switch
        {
            HistoryKind.List => [.. FilterNames, "limit", "cursor"],
            HistoryKind.Stats => [.. FilterNames, "groupBy"],
            _ => FilterNames,
        };
        foreach (var (name, values) in query)
        {
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                errors[name] = [$"Unknown parameter '{EchoedInput.Shorten(name)}'; this endpoint accepts: {string.Join(", ", allowed)}."];
            }
            else if (values.Count > 1)
            {
                errors[name] = [$"'{name}' may be given once."];
            }
        }

        string? Text(string name, int maxLength = 100)
        {
            string? value = query[name];
            if (value is null)
            {
                return null;
            }

            if (value.Length == 0 || value.Length > maxLength || value.Any(char.IsControl))
            {
                errors[name] = [$"'{name}' must be 1 to {maxLength} printable characters."];
                return null;
            }

            return value;
        }

        string? OneOf(string name, string[] values)
        {
            var value = Text(name);
            if (value is not null && !values.Contains(value, StringComparer.Ordinal))
            {
                errors[name] = [$"'{name}' must be one of {string.Join(", ", values)}."];
                return null;
            }

            return value;
        }

        DateTime? Time(string name)
        {
            var value = Text(name, 40);
            if (value is null)
            {
                return null;
            }

            if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            {
                errors[name] = [$"'{name}' must be an ISO 8601 date or time, e.g. 2026-11-01 or 2026-11-01T12:00:00Z."];
                return null;
            }

            return time.UtcDateTime;
        }

        double? Probability(string name)
        {
            var value = Text(name, 30);
            if (value is null)
            {
                return null;
            }

            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var pd) || !(pd >= 0 && pd <= 1))
            {
                errors[name] = [$"'{name}' must be a probability between 0 and 1."];
                return null;
            }

            return pd;
        }

        var to = Time("to") ?? now;
        // Near the calendar's start the default range starts with it.
        var from = Time("from") ?? (to - DateTime.MinValue > TimeSpan.FromDays(30) ? to.AddDays(-30) : DateTime.MinValue);
        var maxDays = kind switch
        {
            HistoryKind.Export => options.MaxExportRangeDays,
            HistoryKind.Backtest => options.MaxBacktestRangeDays,
            _ => options.MaxRangeDays,
        };
        if (!errors.ContainsKey("from") && !errors.ContainsKey("to"))
        {
            if (from >= to)
            {
                errors["from"] = ["'from' must be before 'to'."];
            }
            else if (to - from > TimeSpan.FromDays(maxDays))
            {
                errors["to"] = [$"The range from 'from' to 'to' may span at most {maxDays} days."];
            }
        }

        var minPd = Probability("minPd");
        var maxPd = Probability("maxPd");
        if (minPd > maxPd)
        {
            errors["minPd"] = ["'minPd' must not exceed 'maxPd'."];
        }

        var limit = options.DefaultLimit;
        if (query.ContainsKey("limit") && (!int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 500))
        {
            errors["limit"] = ["'limit' must be a whole number from 1 to 500."];
        }

        string? groupBy = null;
        if (kind == HistoryKind.Stats)
        {
            groupBy = OneOf("groupBy", [.. DecisionHistoryStore.Groupings.Keys]);
            if (groupBy is null && !errors.ContainsKey("groupBy"))
            {
                errors["groupBy"] = [$"'groupBy' is required: one of {string.Join(", ", DecisionHistoryStore.Groupings.Keys)}."];
            }
        }

        var filter = new HistoryFilter(
            from,
            to,
            OneOf("outcome", Outcomes),
            Text("product", 50),
            OneOf("grade", Grades),
            Text("modelVersion"),
            Text("policyVersion"),
            minPd,
            maxPd,
            Text("applicationId"),
            Text("reason"));
        var cursor = kind == HistoryKind.List ? Text("cursor", 128) : null;
        // The filters as the caller wrote them: a cursor stays valid while they stay the same, even when
        // an open-ended range ("to" defaulting to now) moves on between pages.
        var selection = string.Join('\u001f', FilterNames.Select(name => $"{name}={query[name]}"));
        return errors.Count == 0 ? new HistoryQuery(filter, limit, cursor, groupBy, selection) : null;
    }

    /// <summary>A hash of what the query selects (not its paging), binding a cursor to its query and tenant.</summary>
    public byte[] Hash(string tenantId) => SHA256.HashData(Encoding.UTF8.GetBytes(tenantId + '\u001e' + Selection));
}
