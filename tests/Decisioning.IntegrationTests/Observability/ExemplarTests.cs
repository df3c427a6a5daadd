using System.Globalization;
using System.Net;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Observability;

// Debian's Prometheus, with exemplar storage on, scrapes the platform in OpenMetrics while decisions flow: the
// decision latency buckets it stores carry exemplars, and they lead to the traces the decisions answered with.
public class ExemplarTests
{
    private const string DecisionLatencyBuckets = "http_server_request_duration_seconds_bucket{http_route=\"/v1/decisions/\",http_request_method=\"POST\"}";

    [Fact]
    public async Task Prometheus_stores_decision_latency_exemplars_that_carry_a_decision_trace_id()
    {
        await using var platform = new Platform();
        await platform.InitializeAsync();
        await using var prometheus = await PrometheusServer.StartAsync(
            [("gateway", platform.GatewayAddress), ("credit-scoring", platform.CreditScoringAdminAddress), ("pricing", platform.PricingAdminAddress)],
            [],
            exemplarStorage: true);
        var tenant = await platform.CreateTenantAsync();
        using var client = platform.Client(tenant.Decider);
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);

        var traceIds = new HashSet<string>();
        foreach (var application in new[] { Applications.LowRisk(), Applications.HighRisk(), Applications.MediumRisk(), Applications.LowRisk() })
        {
            using var response = await client.PostDecisionAsync(application, Guid.NewGuid().ToString());
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            traceIds.Add((await response.JsonAsync()).GetProperty("traceId").GetString()!);
            await Task.Delay(300);
        }

        // Scraped every second: the exemplars arrive with the next scrape.
        IReadOnlyList<StoredExemplar> exemplars = [];
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!exemplars.Any(e => traceIds.Contains(e.Labels["trace_id"])) && DateTime.UtcNow < until)
        {
            await Task.Delay(500);
            exemplars = await prometheus.QueryExemplarsAsync(DecisionLatencyBuckets, start, DateTimeOffset.UtcNow.AddMinutes(1));
        }

        Assert.True(exemplars.Count > 0, $"Prometheus stored no exemplar for {DecisionLatencyBuckets}:\n{prometheus.Output}");
        Assert.Contains(exemplars, e => traceIds.Contains(e.Labels["trace_id"]));
        Assert.All(exemplars, e =>
        {
            Assert.Equal("gateway", e.SeriesLabels["job"]);
            Assert.Matches("^[0-9a-f]{32}$", e.Labels["trace_id"]);
            Assert.Matches("^[0-9a-f]{16}$", e.Labels["span_id"]);
            Assert.InRange(e.Timestamp, start, DateTimeOffset.UtcNow);
            var le = e.SeriesLabels["le"];
            Assert.True(le == "+Inf" || e.Value <= double.Parse(le, CultureInfo.InvariantCulture), $"exemplar {e.Value} above its bucket le=\"{le}\"");
        });
    }
}
