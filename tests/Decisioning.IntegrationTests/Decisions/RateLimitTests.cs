using System.Net;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Decisions;

public class RateLimitTests : IAsyncLifetime
{
    private readonly Platform _platform = new()
    {
        GatewaySettings = new Dictionary<string, string>
        {
            ["RateLimits:Decisions:PerSecond"] = "1",
            ["RateLimits:Decisions:Burst"] = "3",
            ["RateLimits:History:PerSecond"] = "1",
            ["RateLimits:History:Burst"] = "2",
        },
    };

    public Task InitializeAsync() => _platform.InitializeAsync();

    public Task DisposeAsync() => _platform.DisposeAsync();

    [Fact]
    public async Task A_tenant_over_its_budget_gets_429_with_retry_after_and_others_are_unaffected()
    {
        var busy = await _platform.CreateTenantAsync();
        var quiet = await _platform.CreateTenantAsync();
        using var client = _platform.Client(busy.Decider);

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            responses.Add(await client.PostDecisionAsync(Applications.LowRisk()));
        }

        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.All(limited, r => Assert.NotNull(r.Headers.RetryAfter));
        Assert.Equal("application/problem+json", limited[0].Content.Headers.ContentType?.MediaType);
        Assert.Equal(responses.Count(r => r.StatusCode == HttpStatusCode.Created), await _platform.DecisionCountAsync(busy.TenantId));
        using var other = await _platform.Client(quiet.Decider).PostDecisionAsync(Applications.LowRisk());
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        responses.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task History_has_its_own_budget()
    {
        var tenant = await _platform.CreateTenantAsync();
        using var client = _platform.Client(tenant.Analyst);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync("/v1/decisions");
            statuses.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }
}
