using System.Diagnostics;
using System.Net;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Decisions;

// Stops real parts of a platform of its own and checks what a lending app would see.
public class ResilienceTests : IAsyncLifetime
{
    private readonly Platform _platform = new() { ModelBudgetMilliseconds = 3000 };

    public Task InitializeAsync() => _platform.InitializeAsync();

    public Task DisposeAsync() => _platform.DisposeAsync();

    [Fact]
    public async Task Scoring_down_refers_with_a_reason_and_recovers_when_it_returns()
    {
        var tenant = await _platform.CreateTenantAsync();
        using var client = _platform.Client(tenant.Decider);
        await _platform.StopCreditScoringAsync();

        using var response = await client.PostDecisionAsync(Applications.LowRisk());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var decision = await response.JsonAsync();
        Assert.Equal("refer", decision.GetProperty("outcome").GetString());
        Assert.Equal("SCORING_UNAVAILABLE", decision.GetProperty("reasons")[0].GetProperty("code").GetString());
        Assert.Equal(1, await _platform.DecisionCountAsync(tenant.TenantId));
        using var health = await _platform.Client(null).GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var report = await health.JsonAsync();
        Assert.Equal("Degraded", report.GetProperty("status").GetString());
        Assert.Equal("Degraded", report.GetProperty("checks").GetProperty("credit-scoring").GetString());

        // Healthy again (what StartCreditScoringAsync waits for) means the channel the decisions use is connected:
        // the very next decision is a whole one.
        await _platform.StartCreditScoringAsync();
        using var back = await client.PostDecisionAsync(Applications.LowRisk());
        Assert.Equal("approve", (await back.JsonAsync()).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Pricing_down_refers_an_approvable_application()
    {
        var tenant = await _platform.CreateTenantAsync();
        await _platform.StopPricingAsync();

        using var response = await _platform.Client(tenant.Decider).PostDecisionAsync(Applications.LowRisk());

        var decision = await response.JsonAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("refer", decision.GetProperty("outcome").GetString());
        Assert.Equal("PRICING_UNAVAILABLE", decision.GetProperty("reasons")[0].GetProperty("code").GetString());
        await _platform.StartPricingAsync();
    }

    [Fact]
    public async Task Database_down_is_a_prompt_503_and_decisions_resume_when_it_returns()
    {
        var tenant = await _platform.CreateTenantAsync();
        using var client = _platform.Client(tenant.Decider);
        using var warm = await client.PostDecisionAsync(Applications.LowRisk());
        Assert.Equal(HttpStatusCode.Created, warm.StatusCode);

        await _platform.Database.StopServerAsync();
        var clock = Stopwatch.StartNew();
        using var down = await client.PostDecisionAsync(Applications.LowRisk(), "while-down");
        clock.Stop();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(down.Headers.RetryAfter);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"503 took {clock.Elapsed}");
        using var health = await _platform.Client(null).GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);

        await _platform.Database.StartServerAsync();
        _platform.DataSource.Clear();
        HttpResponseMessage? retried = null;
        for (var attempt = 0; attempt < 20 && retried?.StatusCode != HttpStatusCode.Created; attempt++)
        {
            retried?.Dispose();
            retried = await client.PostDecisionAsync(Applications.LowRisk(), "while-down");
            if (retried.StatusCode != HttpStatusCode.Created)
            {
                await Task.Delay(250);
            }
        }

        Assert.Equal(HttpStatusCode.Created, retried!.StatusCode);
        retried.Dispose();
        Assert.Equal(2, await _platform.DecisionCountAsync(tenant.TenantId));
    }
}
