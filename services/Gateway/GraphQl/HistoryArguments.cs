using System.Globalization;
using Gateway.History;
using Microsoft.Extensions.Primitives;

namespace Gateway.GraphQl;

// The arguments of the decisions and stats fields as the REST query string they stand for, validated by the same
// HistoryQuery.Parse: the same defaults, limits and messages, and the same cursors (a filter written the same way
// in either API selects the same decisions under the same cursor).
public static class HistoryArguments
{
    private static readonly Dictionary<string, string> Renamed = new() { ["limit"] = "first", ["cursor"] = "after" };

    /// <summary>
    /// The history query the GraphQL arguments ask for, or null with <paramref name="errors"/> naming the arguments
    /// that are wrong (by their GraphQL names: <c>first</c> and <c>after</c> for REST's <c>limit</c> and <c>cursor</c>).
    /// </summary>
    public static HistoryQuery? Parse(
        IReadOnlyDictionary<string, object?>? filter,
        int? first,
        string? after,
        string? groupBy,
        HistoryKind kind,
        HistoryOptions options,
        DateTime now,
        Dictionary<string, string[]> errors)
    {
        var query = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        foreach (var (name, value) in filter ?? new Dictionary<string, object?>())
        {
            if (value is not null)
            {
                query[name] = Text(value);
            }
        }

        if (first is { } limit)
        {
            query["limit"] = limit.ToString(CultureInfo.InvariantCulture);
        }

        if (after is not null)
        {
            query["cursor"] = after;
        }

        if (groupBy is not null)
        {
            query["groupBy"] = groupBy;
        }

        var parsed = HistoryQuery.Parse(new QueryCollection(query), kind, options, now, errors);
        foreach (var (rest, graphQl) in Renamed)
        {
            if (errors.Remove(rest, out var messages))
            {
                errors[graphQl] = [.. messages.Select(m => m.Replace($"'{rest}'", $"'{graphQl}'", StringComparison.Ordinal))];
            }
        }

        return errors.Count == 0 ? parsed : null;
    }

    // The filter's members are strings and floats; a float as the shortest text that reads back as the same value,
    // so that minPd: 0.05 is REST's minPd=0.05.
    private static string Text(object value) => value switch
    {
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
