using System.Globalization;
using System.Net;
using Decisioning.IntegrationTests.Infrastructure;
using Decisioning.IntegrationTests.Observability;

namespace Decisioning.IntegrationTests.Decisions;

// Two CreditScoring and two Pricing processes behind a Gateway whose model addresses are static:/// lists: the
// Gateway balances its calls round-robin over both replicas of each, and when one replica of each is killed under
// load, decisions go on with a model's answer (a call the dead replica did not answer is sent to the other).
public sealed class ReplicaBalancingTests : IAsyncLifetime
{
    private const int Concurrency = 8;

    private readonly Platform _platform = new();
    private readonly int _gatewayPort = FreePort.Next();
    private readonly int _scoringPort = FreePort.Next();
    private readonly int _scoringAdminPort = FreePort.Next();
    private readonly int _pricingPort = FreePort.Next();
    private readonly int _pricingAdminPort = FreePort.Next();
    private ServiceProcess? _secondScoring;
    private ServiceProcess? _secondPricing;
    private ServiceProcess? _gateway;

    private Uri GatewayAddress => new($"http://127.0.0.1:{_gatewayPort}");

    public async Task InitializeAsync()
    {
        await _platform.InitializeAsync();
        _secondScoring = await _platform.StartModelServiceAsync("CreditScoring", _scoringPort, _scoringAdminPort);
        _secondPricing = await _platform.StartModelServiceAsync("Pricing", _pricingPort, _pricingAdminPort);
        _gateway = await ServiceProcess.StartAsync(
            "Gateway",
            new Dictionary<string, string>
            {
                ["Kestrel:Endpoints:Http:Url"] = GatewayAddress.ToString(),
                ["ConnectionStrings:Decisioning"] = _platform.ConnectionString,
                ["Models:CreditScoringAddress"] = "static:///credit-scoring",
                ["Models:PricingAddress"] = "static:///pricing",
                ["Models:Replicas:credit-scoring:0"] = _platform.CreditScoringGrpcAddress.Authority,
                ["Models:Replicas:credit-scoring:1"] = $"127.0.0.1:{_scoringPort}",
                ["Models:Replicas:pricing:0"] = _platform.PricingGrpcAddress.Authority,
                ["Models:Replicas:pricing:1"] = $"127.0.0.1:{_pricingPort}",
                ["Models:BudgetMilliseconds"] = _platform.ModelBudgetMilliseconds.ToString(CultureInfo.InvariantCulture),
            },
            new Uri(GatewayAddress, "/alive").ToString());
    }

    public async Task DisposeAsync()
    {
        foreach (var process in new[] { _gateway, _secondScoring, _secondPricing })
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
        }

        await _platform.DisposeAsync();
    }

    [Fact]
    public async Task Calls_spread_over_both_replicas_and_losing_one_of_each_under_load_costs_no_decision_beyond_those_in_flight()
    {
        var tenant = await _platform.CreateTenantAsync();
        using var client = new HttpClient { BaseAddress = GatewayAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tenant.Decider);
        Assert.Equal("approve", await client.ApproveWithinAsync(TimeSpan.FromSeconds(60)));

        var scored = await CountsAsync(ScoredCount);
        var quoted = await CountsAsync(QuotedCount);
        var spread = await DecideAsync(client, 40, afterDecisions: 0, then: () => Task.CompletedTask);
        Assert.Equal(0, spread.WithoutModel);
        AssertSpread("CreditScoring", scored, await CountsAsync(ScoredCount));
        AssertSpread("Pricing", quoted, await CountsAsync(QuotedCount));

        var killed = await DecideAsync(client, 200, afterDecisions: 50, then: async () =>
        {
            await _secondScoring!.DisposeAsync();
            await _secondPricing!.DisposeAsync();
            _secondScoring = _secondPricing = null;
        });

        Assert.True(killed.WithoutModel <= Concurrency, $"{killed.WithoutModel} of 200 decisions were made without a model's answer:\n{ModelFailures()}");
        Assert.True(killed.WithoutModelAfterLastKill == 0, $"{killed.WithoutModelAfterLastKill} decisions begun after the kills were made without a model's answer:\n{ModelFailures()}");
    }

    private string ModelFailures() =>
        string.Join('\n', _gateway!.Output.Split('\n').Where(line => line.Contains("call failed", StringComparison.Ordinal) || line.Contains("could not be reached", StringComparison.Ordinal) || line.Contains("suspended", StringComparison.Ordinal)));

    private static void AssertSpread(string service, (double First, double Second) before, (double First, double Second) after)
    {
        var first = after.First - before.First;
        var second = after.Second - before.Second;
        Assert.True(first >= (first + second) / 4 && second >= (first + second) / 4, $"{service}'s calls were not spread: {first} and {second}");
    }

    private async Task<(double First, double Second)> CountsAsync(Func<Scrape, double> count) =>
        (count(await Scrape.FetchAsync(First(count))), count(await Scrape.FetchAsync(Second(count))));

    private Uri First(Func<Scrape, double> count) => count == ScoredCount ? _platform.CreditScoringAdminAddress : _platform.PricingAdminAddress;

    private Uri Second(Func<Scrape, double> count) => new($"http://127.0.0.1:{(count == ScoredCount ? _scoringAdminPort : _pricingAdminPort)}");

    private static double ScoredCount(Scrape scrape) => scrape.Sum("decisioning_model_score_seconds_count");

    private static double QuotedCount(Scrape scrape) => scrape.Sum("decisioning_pricing_quotes_total");

    // Sends `total` decisions over `Concurrency` connections; after `afterDecisions` have been answered it runs `then`
    // while the others go on. Counts the decisions made without a model's answer, overall and once `then` finished.
    private static async Task<(int WithoutModel, int WithoutModelAfterLastKill)> DecideAsync(HttpClient client, int total, int afterDecisions, Func<Task> then)
    {
        var sent = 0;
        var answered = 0;
        var withoutModel = 0;
        var withoutModelAfter = 0;
        var thenDone = afterDecisions == 0;
        var thenTask = afterDecisions == 0 ? then() : null;
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref sent) <= total)
            {
                var startedAfter = Volatile.Read(ref thenDone);
                using var response = await client.PostDecisionAsync(Applications.LowRisk());
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                var reasons = (await response.JsonAsync()).GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ToList();
                if (reasons.Contains("SCORING_UNAVAILABLE") || reasons.Contains("PRICING_UNAVAILABLE"))
                {
                    Interlocked.Increment(ref withoutModel);
                    if (startedAfter)
                    {
                        Interlocked.Increment(ref withoutModelAfter);
                    }
                }

                if (Interlocked.Increment(ref answered) == afterDecisions)
                {
                    thenTask = Task.Run(async () =>
                    {
                        await then();
                        Volatile.Write(ref thenDone, true);
                    });
                }
            }
        }));
        await (thenTask ?? Task.CompletedTask);
        return (withoutModel, withoutModelAfter);
    }
}
