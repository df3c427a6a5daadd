using Gateway.History;
using Gateway.Performance;
using Gateway.Reports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Gateway.UnitTests;

// Dates at the calendar's ends are dates: a range that reaches them is answered, never a server error.
public class CalendarEdgeTests
{
    private static readonly DateTime Now = new(2026, 12, 6, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_performance_range_to_the_last_day_of_the_calendar_runs_to_its_end()
    {
        var errors = new Dictionary<string, string[]>();

        Assert.True(PerformanceRange.TryParseRange("2026-11-01", "9999-12-31", errors, out var start, out var end));
        Assert.Equal(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), start);
        Assert.Equal(DateTime.MaxValue, end);
    }

    [Fact]
    public void A_report_to_the_first_day_of_the_calendar_starts_with_it()
    {
        var errors = new Dictionary<string, string[]>();

        var range = ReportRange.Parse(null, "0001-01-01", Now, errors);

        Assert.Empty(errors);
        Assert.Equal((DateTime.MinValue, new DateTime(1, 1, 2, 0, 0, 0, DateTimeKind.Utc)), range);
    }

    [Fact]
    public void A_report_to_the_last_day_of_the_calendar_covers_its_last_thirty_days()
    {
        var errors = new Dictionary<string, string[]>();

        var range = ReportRange.Parse(null, "9999-12-31", Now, errors);

        Assert.Empty(errors);
        Assert.Equal(DateTime.MaxValue, range!.Value.To);
        Assert.Equal(DateTime.MaxValue.AddDays(-ReportRange.DefaultDays), range.Value.From);
    }

    [Theory]
    [InlineData(HistoryKind.List)]
    [InlineData(HistoryKind.Stats)]
    [InlineData(HistoryKind.Export)]
    public void A_history_query_to_the_calendar_s_first_days_starts_with_it(HistoryKind kind)
    {
        var errors = new Dictionary<string, string[]>();
        var query = new Dictionary<string, StringValues> { ["to"] = "0001-01-10" };
        if (kind == HistoryKind.Stats)
        {
            query["groupBy"] = "outcome";
        }

        var parsed = HistoryQuery.Parse(new QueryCollection(query), kind, new HistoryOptions(), Now, errors);

        Assert.Empty(errors);
        Assert.Equal(DateTime.MinValue, parsed!.Filter.From);
    }

    [Fact]
    public void A_history_query_to_the_calendar_s_first_instant_is_an_empty_range()
    {
        var errors = new Dictionary<string, string[]>();

        var parsed = HistoryQuery.Parse(new QueryCollection(new Dictionary<string, StringValues> { ["to"] = "0001-01-01" }), HistoryKind.List, new HistoryOptions(), Now, errors);

        Assert.Null(parsed);
        Assert.Equal(["'from' must be before 'to'."], errors["from"]);
    }
}
