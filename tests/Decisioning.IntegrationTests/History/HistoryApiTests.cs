using System.Net;
using System.Text.Json;
using Decisioning.Benchmarks.History;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.History;

public class HistoryApiTests(Platform platform) : IClassFixture<Platform>
{
    private static readonly DateTime Now = DateTime.UtcNow;

    [Fact]
    public async Task Pages_cover_every_decision_once_newest_first_even_while_new_ones_arrive()
    {
        var tenant = await platform.CreateTenantAsync();
        await HistorySeed.InsertAsync(platform.DataSource, tenant.TenantId, 95, Now.AddDays(-20), Now.AddDays(-1));
        using var client = platform.Client(tenant.Analyst);

        var seen = new List<(DateTime At, Guid Id)>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await GetJsonAsync(client, $"/v1/decisions?limit=10{(cursor is null ? "" : "&cursor=" + cursor)}");
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(d => (d.GetProperty("decidedAt").GetDateTime(), d.GetProperty("decisionId").GetGuid())));
            cursor = page.GetProperty("nextCursor").GetString();
            if (pages++ == 2)
            {
                // Newer decisions arriving mid-way must not shift the pages still to come.
                await HistorySeed.InsertAsync(platform.DataSource, tenant.TenantId, 5, Now.AddMinutes(-5), Now.AddMinutes(-1), offset: 1000);
            }
        }
        while (cursor is not null);

        Assert.Equal(10, pages);
        Assert.Equal(95, seen.Count);
        Assert.Equal(95, seen.Select(s => s.Id).Distinct().Count());
        Assert.Equal(seen.OrderByDescending(s => s.At).ThenByDescending(s => s.Id.ToString()).Select(s => s.At), seen.Select(s => s.At));
    }

    [Fact]
    public async Task Filters_narrow_the_history()
    {
        var tenant = await platform.CreateTenantAsync();
        await HistorySeed.InsertAsync(platform.DataSource, tenant.TenantId, 60, Now.AddDays(-10), Now.AddDays(-1));
        using var client = platform.Client(tenant.Analyst);

        var approved = Items(await GetJsonAsync(client, "/v1/decisions?outcome=approve&limit=500"));
        var lowRisk = Items(await GetJsonAsync(client, "/v1/decisions?minPd=0.05&maxPd=0.2&limit=500"));
        var gradeB = Items(await GetJsonAsync(client, "/v1/decisions?grade=B&limit=500"));
        var one = Items(await GetJsonAsync(client, "/v1/decisions?applicationId=LA-7"));
        var gbm = Items(await GetJsonAsync(client, "/v1/decisions?modelVersion=german-gbm-1&limit=500"));
        var lastDays = Items(await GetJsonAsync(client, $"/v1/decisions?from={Now.AddDays(-3):O}&limit=500"));

        Assert.Equal(20, approved.Count);
        Assert.All(approved, d => Assert.Equal("approve", d.GetProperty("outcome").GetString()));
        Assert.NotEmpty(lowRisk);
        Assert.All(lowRisk, d => Assert.InRange(d.GetProperty("score").GetProperty("pd").GetDouble(), 0.05, 0.2));
        Assert.All(gradeB, d => Assert.Equal("B", d.GetProperty("score").GetProperty("grade").GetString()));
        Assert.Equal("LA-7", Assert.Single(one).GetProperty("applicationId").GetString());
        Assert.Equal(15, gbm.Count);
        Assert.InRange(lastDays.Count, 1, 59);
        Assert.All(lastDays, d => Assert.True(d.GetProperty("decidedAt").GetDateTime().ToUniversalTime() >= Now.AddDays(-3).AddSeconds(-1)));
    }

    [Fact]
    public async Task Reason_filter_finds_decisions_made_through_the_api()
    {
        var tenant = await platform.CreateTenantAsync();
        using var decider = platform.Client(tenant.Decider);
        using var made = await decider.PostDecisionAsync(Applications.HighRisk());
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);

        var declined = Items(await GetJsonAsync(platform.Client(tenant.Analyst), "/v1/decisions?reason=POLICY_PD_ABOVE_DECLINE_CUTOFF"));

        Assert.Equal(JsonSerializer.Serialize(await made.JsonAsync()), JsonSerializer.Serialize(Assert.Single(declined)));
    }

    [Fact]
    public async Task Stats_group_counts_approval_rate_and_pd()
    {
        var tenant = await platform.CreateTenantAsync();
        await HistorySeed.InsertAsync(platform.DataSource, tenant.TenantId, 30, Now.AddDays(-5), Now.AddDays(-1));
        using var client = platform.Client(tenant.Analyst);

        var byOutcome = (await GetJsonAsync(client, "/v1/decisions/stats?groupBy=outcome")).GetProperty("groups").EnumerateArray().ToList();
        var byDay = (await GetJsonAsync(client, "/v1/decisions/stats?groupBy=day")).GetProperty("groups").EnumerateArray().ToList();
        var byReason = (await GetJsonAsync(client, "/v1/decisions/stats?groupBy=reason")).GetProperty("groups").EnumerateArray().ToList();

        Assert.Equal(["approve", "decline", "refer"], byOutcome.Select(g => g.GetProperty("key").GetString()));
        Assert.All(byOutcome, g => Assert.Equal(10, g.GetProperty("count").GetInt64()));
        Assert.Equal(1.0, byOutcome[0].GetProperty("approvalRate").GetDouble());
        Assert.Equal(0.0, byOutcome[1].GetProperty("approvalRate").GetDouble());
        Assert.InRange(byOutcome[0].GetProperty("meanPd").GetDouble(), 0.01, 0.98);
        Assert.Equal(30, byDay.Sum(g => g.GetProperty("count").GetInt64()));
        Assert.Equal(30, byReason.Sum(g => g.GetProperty("count").GetInt64()));
    }

    [Fact]
    public async Task Export_streams_every_matching_decision_as_csv()
    {
        var tenant = await platform.CreateTenantAsync();
        var other = await platform.CreateTenantAsync();
        await HistorySeed.InsertAsync(platform.DataSource, tenant.TenantId, 2500, Now.AddDays(-30), Now.AddDays(-1));
        await HistorySeed.InsertAsync(platform.DataSource, other.TenantId, 10, Now.AddDays(-30), Now.AddDays(-1));

        using var response = await platform.Client(tenant.Analyst).GetAsync($"/v1/decisions/export?from={Now.AddDays(-40):O}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("decision_id,decided_at,application_id,outcome", lines[0]);
        Assert.Equal(2501, lines.Length);
        Assert.Equal(2500, lines.Skip(1).Select(l => l.Split(',')[0]).Distinct().Count());
    }

    [Fact]
    public async Task A_tenant_sees_only_its_own_history()
    {
        var owner = await platform.CreateTenantAsync();
        var other = await platform.CreateTenantAsync();
        await HistorySeed.InsertAsync(platform.DataSource, owner.TenantId, 10, Now.AddDays(-5), Now.AddDays(-1));

        var theirs = Items(await GetJsonAsync(platform.Client(other.Analyst), "/v1/decisions"));
        var stats = (await GetJsonAsync(platform.Client(other.Analyst), "/v1/decisions/stats?groupBy=outcome")).GetProperty("groups");

        Assert.Empty(theirs);
        Assert.Equal(0, stats.GetArrayLength());
    }

    [Theory]
    [InlineData("decider")]
    [InlineData("reviewer")]
    public async Task Only_analysts_and_admins_read_history(string role)
    {
        var tenant = await platform.CreateTenantAsync();

        using var list = await platform.Client(tenant.Keys[role]).GetAsync("/v1/decisions");
        using var export = await platform.Client(tenant.Keys[role]).GetAsync("/v1/decisions/export");
        using var admin = await platform.Client(tenant.Admin).GetAsync("/v1/decisions");

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    public static TheoryData<string, string> BadQueries => new()
    {
        { "/v1/decisions?from=2026-11-10&to=2026-11-01", "from" },
        { "/v1/decisions?from=2020-01-01&to=2026-01-01", "to" },
        { "/v1/decisions?colour=blue", "colour" },
        { "/v1/decisions?limit=0", "limit" },
        { "/v1/decisions?limit=10000", "limit" },
        { "/v1/decisions?limit=ten", "limit" },
        { "/v1/decisions?grade=Z", "grade" },
        { "/v1/decisions?outcome=maybe", "outcome" },
        { "/v1/decisions?minPd=2", "minPd" },
        { "/v1/decisions?minPd=0.5&maxPd=0.1", "minPd" },
        { "/v1/decisions?from=yesterday", "from" },
        { "/v1/decisions?outcome=approve&outcome=decline", "outcome" },
        { "/v1/decisions?cursor=AAAA", "cursor" },
        { "/v1/decisions?cursor=a=b", "cursor" },
        { "/v1/decisions?cursor=%25", "cursor" },
        { "/v1/decisions?cursor=%3D%3D", "cursor" },
        { "/v1/decisions?cursor=ab%2Bcd%2F", "cursor" },
        { "/v1/decisions?cursor=%C3%A9t%C3%A9", "cursor" },
        { "/v1/decisions?cursor=AAAA%20AAAA", "cursor" },
        { "/v1/decisions/stats", "groupBy" },
        { "/v1/decisions/stats?groupBy=colour", "groupBy" },
        { "/v1/decisions/stats?limit=5&groupBy=day", "limit" },
        { "/v1/decisions/export?cursor=x", "cursor" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task Bad_queries_are_400_naming_the_parameter(string url, string parameter)
    {
        var tenant = await platform.CreateTenantAsync();

        using var response = await platform.Client(tenant.Analyst).GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(parameter, out _), url);
    }

    [Fact]
    public async Task An_edited_or_foreign_cursor_is_refused()
    {
        var tenant = await platform.CreateTenantAsync();
        var other = await platform.CreateTenantAsync();
        await HistorySeed.InsertAsync(platform.DataSource, tenant.TenantId, 5, Now.AddDays(-5), Now.AddDays(-1));
        using var client = platform.Client(tenant.Analyst);
        var cursor = (await GetJsonAsync(client, "/v1/decisions?limit=2")).GetProperty("nextCursor").GetString()!;
        var edited = cursor[..10] + (cursor[10] == 'A' ? 'B' : 'A') + cursor[11..];

        using var tampered = await client.GetAsync($"/v1/decisions?limit=2&cursor={edited}");
        using var otherFilter = await client.GetAsync($"/v1/decisions?limit=2&outcome=approve&cursor={cursor}");
        using var otherTenant = await platform.Client(other.Analyst).GetAsync($"/v1/decisions?limit=2&cursor={cursor}");
        using var same = await client.GetAsync($"/v1/decisions?limit=2&cursor={cursor}");

        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, otherFilter.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, otherTenant.StatusCode);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
    }

    private static List<JsonElement> Items(JsonElement page) => page.GetProperty("items").EnumerateArray().ToList();

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }
}
