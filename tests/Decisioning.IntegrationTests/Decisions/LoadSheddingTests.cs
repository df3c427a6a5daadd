using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dapper;
using Decisioning.IntegrationTests.Infrastructure;
using Decisioning.IntegrationTests.Observability;

namespace Decisioning.IntegrationTests.Decisions;

public class LoadSheddingTests : IAsyncLifetime
{
    private const int BurstSize = 48;
    private const int MaxBursts = 5;

    // One decision in flight at a time: any overlap in a burst of 48 is shed.
    private readonly Platform _platform = new()
    {
        GatewaySettings = new Dictionary<string, string> { ["LoadShedding:MaxConcurrentDecisions"] = "1" },
    };

    public Task InitializeAsync() => _platform.InitializeAsync();

    public Task DisposeAsync() => _platform.DisposeAsync();

    [Fact]
    public async Task Decisions_over_the_in_flight_limit_are_shed_with_503_store_nothing_and_succeed_when_sent_again()
    {
        var tenant = await _platform.CreateTenantAsync();
        using var client = _platform.Client(tenant.Decider);
        var created = new List<Attempt>();
        var shed = new List<Attempt>();

        // A burst that happens to overlap nowhere sheds nothing; bursts repeat, a bounded number of times, until one does.
        for (var burst = 0; burst < MaxBursts && shed.Count == 0; burst++)
        {
            var attempts = Enumerable.Range(0, BurstSize).Select(_ => Attempt.New()).ToArray();
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var sending = attempts.Select(async attempt =>
            {
                await go.Task;
                return await client.PostRawAsync(attempt.Body, attempt.Key);
            }).ToArray();
            go.SetResult();
            var responses = await Task.WhenAll(sending);

            for (var i = 0; i < attempts.Length; i++)
            {
                using var response = responses[i];
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    await AssertOverloadedAsync(response);
                    shed.Add(attempts[i]);
                }
                else
                {
                    Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                    created.Add(attempts[i]);
                }
            }
        }

        Assert.True(shed.Count > 0, $"{MaxBursts} bursts of {BurstSize} concurrent decisions with one slot shed nothing.");
        Assert.NotEmpty(created);
        Assert.Equal(created.Select(a => a.ApplicationId).Order(), await StoredApplicationIdsAsync(tenant.TenantId));

        // Sent again one by one over one connection (so the previous request has left the Gateway), each shed
        // request is decided for the first time: its Idempotency-Key was not used up.
        using var patient = OneConnectionClient(tenant.Decider);
        foreach (var attempt in shed)
        {
            using var response = await patient.PostRawAsync(attempt.Body, attempt.Key);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.False(response.Headers.Contains("Idempotent-Replayed"));
        }

        Assert.Equal(created.Concat(shed).Select(a => a.ApplicationId).Order(), await StoredApplicationIdsAsync(tenant.TenantId));
        var metrics = await Scrape.FetchAsync(_platform.GatewayAddress);
        Assert.Equal(shed.Count, metrics.Sum("decisioning_requests_shed_total", ("endpoint", "Decisions")));
        Assert.True(metrics.Has("decisioning_requests_shed_total", ("endpoint", "History")));
        Assert.Equal(0, metrics.Sum("decisioning_requests_shed_total", ("endpoint", "History")));
    }

    private static async Task AssertOverloadedAsync(HttpResponseMessage response)
    {
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("type").GetString()));
        Assert.Equal("Service overloaded", problem.GetProperty("title").GetString());
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Contains("retry", problem.GetProperty("detail").GetString()!, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<IEnumerable<string>> StoredApplicationIdsAsync(string tenantId)
    {
        await using var connection = await _platform.DataSource.OpenConnectionAsync();
        var ids = await connection.QueryAsync<string>("SELECT application_id FROM decisions WHERE tenant_id = @tenantId", new { tenantId });
        return ids.Order();
    }

    private HttpClient OneConnectionClient(string apiKey)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = _platform.GatewayAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    private sealed record Attempt(string Key, string ApplicationId, byte[] Body)
    {
        public static Attempt New()
        {
            var application = Applications.LowRisk();
            var applicationId = application["applicationId"]!.GetValue<string>();
            return new Attempt(Guid.NewGuid().ToString(), applicationId, Encoding.UTF8.GetBytes(application.ToJsonString()));
        }
    }
}
