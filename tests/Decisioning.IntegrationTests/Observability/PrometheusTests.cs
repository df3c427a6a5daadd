using System.Net;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Decisioning.IntegrationTests.Observability;

// Debian's Prometheus scrapes every service while decisions flow (approvals, declines, refers, replays, a model
// outage, a database outage), then every query of every dashboard and rule must evaluate and return series.
public class PrometheusTests
{
    private static readonly string Observability = Path.Combine(RepositoryPaths.Root, "observability");

    [Fact]
    public async Task Every_dashboard_and_rule_query_returns_series_from_a_real_prometheus()
    {
        await using var platform = new Platform();
        await platform.InitializeAsync();
        // With a broker, so that the webhook consumer runs and reports its dead-letter queue.
        await using var broker = await RabbitMqServer.StartAsync();
        // The drift job every 2 s instead of hourly, so that its gauge has series once a tenant has enough decisions.
        await platform.StartWorkerAsync(new Dictionary<string, string>
        {
            ["Outbox:MonitorIntervalSeconds"] = "1",
            ["Outbox:RabbitMqUri"] = broker.AmqpUri.ToString(),
            ["Scheduler:Jobs:model-drift:Cron"] = "*/2 * * * * ?",
        });
        await using var prometheus = await PrometheusServer.StartAsync(
            [("gateway", platform.GatewayAddress), ("credit-scoring", platform.CreditScoringAdminAddress), ("pricing", platform.PricingAdminAddress), ("worker", platform.WorkerAdminAddress)],
            [Path.Combine(Observability, "prometheus", "rules", "*.yml")]);
        var tenant = await platform.CreateTenantAsync();
        using var client = platform.Client(tenant.Decider);
        using var analyst = platform.Client(tenant.Analyst);
        using var anonymous = platform.Client(null);

        await MakeDecisionsAsync(analyst, client, anonymous, TimeSpan.FromSeconds(3));
        await OutagesAsync(platform, client, anonymous);
        await MakeDecisionsAsync(analyst, client, anonymous, TimeSpan.FromSeconds(3));

        // The drift gauge counts a tenant-day from 100 decisions on.
        for (var i = 0; i < 110; i++)
        {
            using var more = await client.PostDecisionAsync(Applications.MediumRisk());
        }

        // Rates need two scrapes of a series; recording rules need an evaluation after that.
        await prometheus.WaitForSeriesAsync("decisioning:decisions:error_ratio_rate5m", TimeSpan.FromSeconds(30));
        await prometheus.WaitForSeriesAsync("decisioning:model_pd:mean7d", TimeSpan.FromSeconds(30));
        await prometheus.WaitForSeriesAsync("decisioning_webhook_dead_letter_messages", TimeSpan.FromSeconds(30));
        await prometheus.WaitForSeriesAsync("decisioning_model_drift_psi", TimeSpan.FromSeconds(60));
        await prometheus.WaitForSeriesAsync("rate(http_server_request_duration_seconds_count{http_response_status_code=\"503\",http_route=\"/health\"}[5m])", TimeSpan.FromSeconds(30));

        var queries = new List<(string Source, string Expr)>();
        foreach (var dashboard in Directory.GetFiles(Path.Combine(Observability, "grafana", "dashboards"), "*.json").Order())
        {
            queries.AddRange(PromQueries.Dashboard(await File.ReadAllTextAsync(dashboard)).Select(e => (Path.GetFileName(dashboard), e)));
        }

        foreach (var rules in Directory.GetFiles(Path.Combine(Observability, "prometheus", "rules"), "*.yml").Order())
        {
            queries.AddRange(PromQueries.Rules(await File.ReadAllTextAsync(rules))
                .Select(r => ($"{Path.GetFileName(rules)} {r.Name}", r.IsAlert ? PromQueries.WithBoolComparisons(r.Expr) : r.Expr)));
        }

        Assert.True(queries.Count > 60, $"only {queries.Count} queries found");
        var failures = new List<string>();
        foreach (var (source, expr) in queries)
        {
            var (series, error) = await prometheus.QueryAsync(expr);
            if (error is not null)
            {
                failures.Add($"{source}: {error}\n    {expr}");
            }
            else if (series == 0)
            {
                failures.Add($"{source}: no series\n    {expr}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {queries.Count} queries failed:\n" + string.Join("\n", failures));
    }

    private static async Task MakeDecisionsAsync(HttpClient analyst, HttpClient client, HttpClient anonymous, TimeSpan duration)
    {
        var until = DateTime.UtcNow + duration;
        do
        {
            var key = Guid.NewGuid().ToString();
            var lowRisk = Applications.LowRisk();
            using var approved = await client.PostDecisionAsync(lowRisk, key);
            using var declined = await client.PostDecisionAsync(Applications.HighRisk());
            using var referred = await client.PostDecisionAsync(Applications.MediumRisk());
            using var replayed = await client.PostDecisionAsync(lowRisk, key);
            var decisionId = (await approved.JsonAsync()).GetProperty("decisionId").GetString();
            using var read = await analyst.GetAsync($"/v1/decisions/{decisionId}");
            using var health = await anonymous.GetAsync("/health");
            Assert.Equal(
                [HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK],
                new[] { approved, declined, referred, replayed, read, health }.Select(r => r.StatusCode));
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < until);
    }

    // A model service down (the Gateway decides without it), the database down (503 on decisions and /health), and a
    // gRPC call that ends in a non-OK status on a model server: the failure series the dashboards and alerts read.
    private static async Task OutagesAsync(Platform platform, HttpClient client, HttpClient anonymous)
    {
        await platform.StopPricingAsync();
        try
        {
            using var withoutPricing = await client.PostDecisionAsync(Applications.LowRisk());
            Assert.Equal(HttpStatusCode.Created, withoutPricing.StatusCode);
        }
        finally
        {
            await platform.StartPricingAsync();
        }

        await platform.Database.StopServerAsync();
        try
        {
            using var withoutDatabase = await client.PostDecisionAsync(Applications.LowRisk());
            using var health = await anonymous.GetAsync("/health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, withoutDatabase.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        }
        finally
        {
            await platform.Database.StartServerAsync();
        }

        // The Gateway's pool finds the restarted database again within seconds.
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            using var health = await anonymous.GetAsync("/health");
            if (health.StatusCode == HttpStatusCode.OK || DateTime.UtcNow > until)
            {
                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
                break;
            }

            await Task.Delay(200);
        }

        using var channel = GrpcChannel.ForAddress(platform.CreditScoringGrpcAddress);
        var notFound = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = "decisioning.no.such.Service" }));
        Assert.Equal(StatusCode.NotFound, notFound.StatusCode);
    }
}
