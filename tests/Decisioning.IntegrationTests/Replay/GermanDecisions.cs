using System.Net;
using System.Text.Json;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Replay;

// A platform whose tenant has decided the 1,000 German credit rows through the Decision API, with rate limits a test
// that replays all of them does not run into.
public sealed class GermanDecisions : IAsyncLifetime
{
    public Platform Platform { get; } = new()
    {
        GatewaySettings = new Dictionary<string, string>
        {
            ["RateLimits:History:PerSecond"] = "10000",
            ["RateLimits:History:Burst"] = "10000",
        },
    };

    public TestTenant Tenant { get; private set; } = null!;

    /// <summary>The decision documents as first returned, in row order.</summary>
    public IReadOnlyList<JsonElement> Decisions { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await Platform.InitializeAsync();
        Tenant = await Platform.CreateTenantAsync();
        using var decider = Platform.Client(Tenant.Decider);
        var decisions = new JsonElement[1000];
        var applications = GermanApplications.All();
        await Parallel.ForAsync(0, applications.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            using var response = await decider.PostDecisionAsync(applications[i]);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"Row {i + 1}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            decisions[i] = await response.JsonAsync();
        });
        Decisions = decisions;
    }

    public Task DisposeAsync() => Platform.DisposeAsync();
}
