using System.Text.Json;
using Decisioning.Benchmarks.History;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;
using Decisioning.IntegrationTests.Reviews;

namespace Decisioning.IntegrationTests.Console;

/// <summary>
/// A platform with one tenant for the browser tests: 120 decisions over the last 20 days, plus decisions made through
/// the API (approved, declined and referred ones for the review queue). The browser tests get it as CONSOLE_SEED.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public Platform Platform { get; } = new();

    public string SeedJson { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await Platform.InitializeAsync();
        var tenant = await Platform.CreateTenantAsync();
        var now = DateTime.UtcNow;
        await HistorySeed.InsertAsync(Platform.DataSource, tenant.TenantId, 120, now.AddDays(-20), now.AddHours(-1));

        using var decider = Platform.Client(tenant.Decider);
        var approved = await DecideAsync(decider, Applications.LowRisk("LA-CONSOLE-APPROVED"));
        var declined = await DecideAsync(decider, Applications.HighRisk("LA-CONSOLE-DECLINED"));
        var referred = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            referred.Add(await decider.ReferAsync());
        }

        SeedJson = JsonSerializer.Serialize(new
        {
            tenantId = tenant.TenantId,
            keys = tenant.Keys,
            approved,
            declined,
            referred,
        });
    }

    public Task DisposeAsync() => Platform.DisposeAsync();

    private static async Task<Guid> DecideAsync(HttpClient decider, System.Text.Json.Nodes.JsonObject application)
    {
        using var response = await decider.PostDecisionAsync(application);
        response.EnsureSuccessStatusCode();
        return (await response.JsonAsync()).GetProperty("decisionId").GetGuid();
    }
}
