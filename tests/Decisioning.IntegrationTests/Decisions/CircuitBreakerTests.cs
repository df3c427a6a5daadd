using System.Diagnostics;
using System.Net;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Decisions;

// While CreditScoring hangs, the first decisions wait out the model deadline; then the Gateway's circuit breaker
// opens and decisions refer at once, and once CreditScoring answers again decisions approve again.
public sealed class CircuitBreakerTests : IAsyncLifetime
{
    private const int BudgetMilliseconds = 1500;

    private readonly Platform _platform = new()
    {
        ModelBudgetMilliseconds = BudgetMilliseconds,
        GatewaySettings = new Dictionary<string, string>
        {
            ["Models:CircuitBreaker:MinimumThroughput"] = "3",
            ["Models:CircuitBreaker:SamplingSeconds"] = "60",
            ["Models:CircuitBreaker:BreakSeconds"] = "2",
        },
    };

    public Task InitializeAsync() => _platform.InitializeAsync();

    public Task DisposeAsync() => _platform.DisposeAsync();

    [Fact]
    public async Task While_scoring_hangs_decisions_refer_at_once_and_approve_again_when_it_answers()
    {
        var tenant = await _platform.CreateTenantAsync();
        using var client = _platform.Client(tenant.Decider);
        Assert.Equal("approve", await client.ApproveWithinAsync(TimeSpan.FromSeconds(30)));

        await _platform.CreditScoring!.SignalAsync("STOP");
        try
        {
            var waited = new List<(string Outcome, string? Reason, TimeSpan Elapsed)>();
            while (waited.Count < 10 && (waited.Count == 0 || waited[^1].Elapsed > Fast))
            {
                waited.Add(await DecideAsync(client));
            }

            Assert.All(waited, d => Assert.Equal(("refer", "SCORING_UNAVAILABLE"), (d.Outcome, d.Reason)));
            Assert.True(waited[0].Elapsed >= TimeSpan.FromMilliseconds(BudgetMilliseconds * 0.9), $"the first referral took {waited[0].Elapsed}");
            Assert.True(waited[^1].Elapsed <= Fast, $"no decision came back fast: {string.Join(", ", waited.Select(d => d.Elapsed))}");
            for (var i = 0; i < 5; i++)
            {
                var open = await DecideAsync(client);
                Assert.Equal(("refer", "SCORING_UNAVAILABLE"), (open.Outcome, open.Reason));
                Assert.True(open.Elapsed <= Fast, $"a decision with the breaker open took {open.Elapsed}");
            }
        }
        finally
        {
            await _platform.CreditScoring.SignalAsync("CONT");
        }

        Assert.Equal("approve", await client.ApproveWithinAsync(TimeSpan.FromSeconds(30)));
    }

    // Well under the deadline: the breaker answers without calling CreditScoring.
    private static TimeSpan Fast => TimeSpan.FromMilliseconds(BudgetMilliseconds / 3);

    private static async Task<(string Outcome, string? Reason, TimeSpan Elapsed)> DecideAsync(HttpClient client)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.PostDecisionAsync(Applications.LowRisk());
        clock.Stop();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var decision = await response.JsonAsync();
        var reasons = decision.GetProperty("reasons");
        return (decision.GetProperty("outcome").GetString()!, reasons.GetArrayLength() > 0 ? reasons[0].GetProperty("code").GetString() : null, clock.Elapsed);
    }
}
