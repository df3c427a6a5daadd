using Dapper;
using Decisioning.Benchmarks.Fuzzing;

namespace Decisioning.IntegrationTests.Fuzzing;

// Ten thousand bad requests from a fixed seed to every route: each is refused with an RFC 9457 problem, none is a
// server error, none writes a row, and the Gateway stays healthy. The full run (100,000) is tests/Decisioning.Benchmarks/fuzz.sh.
public sealed class BadRequestTests(FuzzingPlatform fixture) : IClassFixture<FuzzingPlatform>
{
    private const int Seed = 13;
    private const int Requests = 10_000;

    // Every table a request to the Gateway can write.
    private static readonly string[] Tables =
        ["decisions", "idempotency_keys", "outbox", "review_cases", "loan_outcomes", "audit_log", "audit_chain_heads", "api_keys", "tenants",
         "webhook_endpoints", "webhook_deliveries", "backtests", "backtest_chunks", "challenger_scores"];

    [Fact]
    public async Task Ten_thousand_bad_requests_are_each_refused_with_a_problem_and_change_nothing()
    {
        var platform = fixture.Platform;
        var tenant = await platform.CreateTenantAsync();
        var keys = new FuzzKeys(tenant.Decider, tenant.Analyst, tenant.Reviewer, tenant.Admin);
        var before = await CountRowsAsync();

        var report = await new FuzzRunner(platform.GatewayAddress, concurrency: 8, TimeSpan.FromMinutes(3))
            .RunAsync(new BadRequestGenerator(keys, Seed).Generate(Requests));

        Assert.True(report.Failures == 0, report.ToString());
        Assert.False(report.TimedOut, report.ToString());
        Assert.True(report.HealthyAfterwards, report.ToString());
        Assert.Equal(Requests, report.Sent);
        // Most answers are the application's own problems, not the HTTP server's refusals.
        Assert.True(report.Count(FuzzVerdict.Refused) > Requests * 3 / 4, report.ToString());
        Assert.Equal(before, await CountRowsAsync());
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    [InlineData("/metrics")]
    public async Task The_open_endpoints_are_read_with_get_and_refuse_other_methods(string path)
    {
        using var client = fixture.Platform.Client(null);

        using var get = await client.GetAsync(path);
        using var post = await client.PostAsync(path, null);
        using var delete = await client.DeleteAsync(path);

        Assert.Equal(System.Net.HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.MethodNotAllowed, delete.StatusCode);
        Assert.Equal("application/problem+json", delete.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void The_same_seed_gives_the_same_requests_and_every_route_gets_some()
    {
        var keys = new FuzzKeys("d", "a", "r", "x");
        var first = new BadRequestGenerator(keys, Seed).Generate(2_000).Select(r => r.ToString()).ToList();
        var again = new BadRequestGenerator(keys, Seed).Generate(2_000).Select(r => r.ToString()).ToList();
        var other = new BadRequestGenerator(keys, Seed + 1).Generate(2_000).Select(r => r.ToString()).ToList();

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        var reached = new BadRequestGenerator(keys, Seed).Generate(2_000).Select(r => r.Endpoint).ToHashSet();
        Assert.Equal(FuzzEndpoints.All.Select(e => e.Name).ToHashSet(), reached);
    }

    private async Task<Dictionary<string, long>> CountRowsAsync()
    {
        await using var connection = await fixture.Platform.DataSource.OpenConnectionAsync();
        var counts = new Dictionary<string, long>();
        foreach (var table in Tables)
        {
            counts[table] = await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}");
        }

        return counts;
    }
}
