using Gateway.GraphQl;
using Gateway.History;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Gateway.UnitTests;

public class HistoryArgumentsTests
{
    private static readonly HistoryOptions Options = new();
    private static readonly DateTime Now = new(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_filter_selects_what_the_same_REST_query_string_selects_under_the_same_cursor_hash()
    {
        var filter = new Dictionary<string, object?>
        {
            ["from"] = "2026-11-01", ["outcome"] = "approve", ["grade"] = "B", ["minPd"] = 0.05, ["maxPd"] = 0.2, ["reason"] = "INCOME_LOW", ["product"] = null,
        };
        var rest = HistoryQuery.Parse(
            new QueryCollection(new Dictionary<string, StringValues> { ["from"] = "2026-11-01", ["outcome"] = "approve", ["grade"] = "B", ["minPd"] = "0.05", ["maxPd"] = "0.2", ["reason"] = "INCOME_LOW", ["limit"] = "20" }),
            HistoryKind.List, Options, Now, []);

        var graphQl = HistoryArguments.Parse(filter, 20, null, null, HistoryKind.List, Options, Now, []);

        Assert.NotNull(rest);
        Assert.Equal(rest.Filter, graphQl!.Filter);
        Assert.Equal(rest.Limit, graphQl.Limit);
        Assert.Equal(rest.Hash("tenant-a"), graphQl.Hash("tenant-a"));
    }

    [Fact]
    public void Without_arguments_the_page_is_the_REST_default_over_the_last_30_days()
    {
        var query = HistoryArguments.Parse(null, null, null, null, HistoryKind.List, Options, Now, []);

        Assert.Equal(Options.DefaultLimit, query!.Limit);
        Assert.Equal(Now, query.Filter.To);
        Assert.Equal(Now.AddDays(-30), query.Filter.From);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    [InlineData(-3)]
    public void First_outside_1_to_500_is_refused_by_its_graphql_name(int first)
    {
        var errors = new Dictionary<string, string[]>();

        Assert.Null(HistoryArguments.Parse(null, first, null, null, HistoryKind.List, Options, Now, errors));
        Assert.Equal(["'first' must be a whole number from 1 to 500."], errors["first"]);
        Assert.False(errors.ContainsKey("limit"));
    }

    [Fact]
    public void An_unprintable_after_is_refused_by_its_graphql_name()
    {
        var errors = new Dictionary<string, string[]>();

        Assert.Null(HistoryArguments.Parse(null, null, "ab\ncd", null, HistoryKind.List, Options, Now, errors));
        Assert.StartsWith("'after'", Assert.Single(errors["after"]));
    }

    [Fact]
    public void Filter_mistakes_carry_the_REST_messages()
    {
        var errors = new Dictionary<string, string[]>();
        var filter = new Dictionary<string, object?> { ["from"] = "2026-11-10", ["to"] = "2026-11-01", ["grade"] = "Z", ["minPd"] = 2.0 };

        Assert.Null(HistoryArguments.Parse(filter, null, null, null, HistoryKind.List, Options, Now, errors));
        Assert.Equal(["'from' must be before 'to'."], errors["from"]);
        Assert.Equal(["'grade' must be one of A, B, C, D, E, F, G."], errors["grade"]);
        Assert.Equal(["'minPd' must be a probability between 0 and 1."], errors["minPd"]);
    }

    [Fact]
    public void Stats_take_the_grouping_and_no_paging()
    {
        var query = HistoryArguments.Parse(null, null, null, "modelVersion", HistoryKind.Stats, Options, Now, []);

        Assert.Equal("modelVersion", query!.GroupBy);
    }

    [Theory]
    [InlineData("day", "DAY")]
    [InlineData("modelVersion", "MODEL_VERSION")]
    [InlineData("reason", "REASON")]
    public void Groupings_are_enum_members_in_upper_snake_case(string key, string member)
    {
        Assert.Equal(member, StatsGroupingGraphType.MemberName(key));
    }
}
