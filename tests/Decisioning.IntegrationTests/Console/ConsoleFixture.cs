using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Decisioning.Benchmarks.History;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;
using Decisioning.IntegrationTests.Outcomes;
using Decisioning.IntegrationTests.Reviews;

namespace Decisioning.IntegrationTests.Console;

/// <summary>
/// A platform with one tenant for the browser tests: 120 decisions over the last 20 days, plus decisions made through
/// the API (approved, declined and referred ones for the review queue, each scored by the challenger too), loan
/// outcomes for the approved ones and a week of the champion's drift. The browser tests get it as CONSOLE_SEED.
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

        await ReportOutcomesAsync(tenant, approved);
        await InsertDriftAsync(tenant.TenantId, DateOnly.FromDateTime(now));
        await WaitForChallengerScoresAsync(tenant.TenantId, 2 + referred.Count);

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

    // The seeded decisions LA-0 to LA-119 are approved when i % 3 == 0; each of those defaults with about its PD's
    // chance (a fixed draw per loan), so the models' AUC is neither 0.5 nor 1.
    private async Task ReportOutcomesAsync(TestTenant tenant, Guid approved)
    {
        var rows = new List<JsonNode?> { OutcomeCalls.ForDecision(approved, "repaid") };
        for (var i = 0; i < 120; i += 3)
        {
            var pd = 0.01 + i % 97 / 100.0;
            var defaulted = i * 37 % 100 / 100.0 < pd;
            rows.Add(OutcomeCalls.ForApplication($"LA-{i}", defaulted ? (i % 2 == 0 ? "defaulted" : "charged_off") : "repaid"));
        }

        using var admin = Platform.Client(tenant.Admin);
        using var response = await admin.PostOutcomesAsync([.. rows]);
        response.EnsureSuccessStatusCode();
        var statuses = (await response.RowsAsync()).Select(r => r.Status).Distinct().ToList();
        if (statuses.Any(s => s is "invalid" or "not_found"))
        {
            throw new InvalidOperationException($"Not every outcome was recorded: {string.Join(", ", statuses)}.");
        }
    }

    // What the Worker's model-drift job would have stored for the last seven days; the age shifted two days ago.
    private async Task InsertDriftAsync(string tenantId, DateOnly today)
    {
        var rows = new List<object>();
        for (var back = 7; back >= 1; back--)
        {
            var day = today.AddDays(-back);
            var features = new Dictionary<string, double>
            {
                ["score"] = 0.02 + back / 100.0,
                ["age"] = back == 2 ? 0.31 : 0.04,
                ["amount"] = 0.06,
                ["termMonths"] = 0.03,
                ["purpose"] = 0.08,
            };
            rows.AddRange(features.Select(f => new { TenantId = tenantId, Day = day, Feature = f.Key, Psi = f.Value }));
        }

        await using var connection = await Platform.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "INSERT INTO model_drift (tenant_id, model_name, model_version, day, feature, psi, decisions) VALUES (@TenantId, 'german-scorecard', 'german-scorecard-1', @Day, @Feature, @Psi, 6)",
            rows);
    }

    // The challenger scores the API's decisions in the background; the comparison should show all of them.
    private async Task WaitForChallengerScoresAsync(string tenantId, int count)
    {
        await using var connection = await Platform.DataSource.OpenConnectionAsync();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM challenger_scores WHERE tenant_id = @TenantId", new { TenantId = tenantId }) >= count)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The challenger scored fewer than {count} of the tenant's decisions within 10 seconds.");
    }

    private static async Task<Guid> DecideAsync(HttpClient decider, System.Text.Json.Nodes.JsonObject application)
    {
        using var response = await decider.PostDecisionAsync(application);
        response.EnsureSuccessStatusCode();
        return (await response.JsonAsync()).GetProperty("decisionId").GetGuid();
    }
}
