using System.Net;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Observability;

// Scrapes every service after real decisions: the series an SRE needs exist with the right counts, and
// Prometheus' own linter accepts every exposition.
public class MetricsTests(Platform platform) : IClassFixture<Platform>
{
    private const string Product = "personal_loan";

    [Fact]
    public async Task Every_service_exposes_red_and_decision_metrics_that_promtool_accepts()
    {
        var tenant = await platform.CreateTenantAsync();
        using var client = platform.Client(tenant.Decider);
        var before = await ScrapeAllAsync();

        var key = Guid.NewGuid().ToString();
        var lowRisk = Applications.LowRisk();
        using var approved = await client.PostDecisionAsync(lowRisk, key);
        using var declined = await client.PostDecisionAsync(Applications.HighRisk());
        using var referred = await client.PostDecisionAsync(Applications.MediumRisk());
        using var replayed = await client.PostDecisionAsync(lowRisk, key);
        var decisionId = (await approved.JsonAsync()).GetProperty("decisionId").GetGuid();
        using var read = await platform.Client(tenant.Analyst).GetAsync($"/v1/decisions/{decisionId}");
        using var unmatched = await client.GetAsync("/no/such/path");
        Assert.Equal(
            [HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound],
            new[] { approved, declined, referred, replayed, read, unmatched }.Select(r => r.StatusCode));

        var after = await ScrapeAllAsync();
        foreach (var scrape in after)
        {
            var (exitCode, complaints) = await Promtool.CheckMetricsAsync(scrape.Text);
            // Npgsql names its pool gauge db.client.connection.count, which the linter takes for a histogram's count.
            complaints = string.Join('\n', complaints.Split('\n').Where(c => c.Trim().Length > 0 && !c.Contains("npgsql_db_client_connection_count", StringComparison.Ordinal)));
            Assert.True(complaints.Length == 0, $"promtool check metrics: exit {exitCode}: {complaints}");
            AssertHistogramsAreConsistent(scrape);
            AssertProcessMetricsAreSane(scrape);
        }

        var (gateway, scoring, pricing) = (after[0], after[1], after[2]);
        var (gatewayBefore, scoringBefore, pricingBefore) = (before[0], before[1], before[2]);
        double Delta(Scrape now, Scrape then, string name, params (string, string)[] labels) => now.Sum(name, labels) - then.Sum(name, labels);

        // Gateway: outcomes, reasons, replays, latency, HTTP RED by route template, gRPC client RED.
        foreach (var outcome in new[] { "approve", "decline", "refer" })
        {
            Assert.Equal(1, Delta(gateway, gatewayBefore, "decisioning_decisions_total", ("outcome", outcome), ("policy_version", "policy-1"), ("product", Product)));
        }

        Assert.Equal(1, Delta(gateway, gatewayBefore, "decisioning_decision_reasons_total", ("reason", "POLICY_PD_ABOVE_DECLINE_CUTOFF"), ("outcome", "decline")));
        Assert.Equal(1, Delta(gateway, gatewayBefore, "decisioning_decision_reasons_total", ("reason", "POLICY_PD_REVIEW_BAND"), ("outcome", "refer")));
        Assert.Equal(1, Delta(gateway, gatewayBefore, "decisioning_idempotent_replays_total"));
        Assert.True(gateway.Has("decisioning_model_unavailable_total", ("model", "credit_scoring")));
        Assert.Equal(3, Delta(gateway, gatewayBefore, "decisioning_decision_duration_seconds_count", ("result", "created")));
        Assert.Equal(1, Delta(gateway, gatewayBefore, "decisioning_decision_duration_seconds_count", ("result", "replayed")));
        Assert.InRange(gateway.Sum("decisioning_decision_duration_seconds_sum", ("result", "created")), 1e-5, 30);

        // HTTP RED from ASP.NET Core's own meter: the route template, never the raw path; an empty route (to Prometheus,
        // no route) when nothing matched.
        const string requests = "http_server_request_duration_seconds_count";
        Assert.Equal(3, Delta(gateway, gatewayBefore, requests, ("http_request_method", "POST"), ("http_route", "/v1/decisions/"), ("http_response_status_code", "201")));
        Assert.Equal(1, Delta(gateway, gatewayBefore, requests, ("http_request_method", "POST"), ("http_route", "/v1/decisions/"), ("http_response_status_code", "200")));
        Assert.Equal(1, Delta(gateway, gatewayBefore, requests, ("http_request_method", "GET"), ("http_route", "/v1/decisions/{decisionId:guid}"), ("http_response_status_code", "200")));
        double Unmatched(Scrape scrape) => scrape.Matching(requests, ("http_request_method", "GET"), ("http_response_status_code", "404"))
            .Where(sample => sample.Labels.GetValueOrDefault("http_route", "") == "").Sum(sample => sample.Value);
        Assert.Equal(1, Unmatched(gateway) - Unmatched(gatewayBefore));

        foreach (var (service, method) in new[] { ("decisioning.scoring.v1.CreditScoring", "Score"), ("decisioning.pricing.v1.Pricing", "Quote") })
        {
            Assert.Equal(4, Delta(gateway, gatewayBefore, "grpc_client_handled_total", ("grpc_service", service), ("grpc_method", method), ("grpc_code", "OK")));
            Assert.Equal(4, Delta(gateway, gatewayBefore, "grpc_client_handling_seconds_count", ("grpc_service", service), ("grpc_method", method)));
        }

        // Database: each store operation timed by name, the pool's connections by state (Npgsql's meter), the health check published.
        Assert.Equal(4, Delta(gateway, gatewayBefore, "decisioning_db_query_seconds_count", ("operation", "decision_insert"))); // the replay tries its insert first
        Assert.Equal(1, Delta(gateway, gatewayBefore, "decisioning_db_query_seconds_count", ("operation", "decision_find")));
        Assert.True(gateway.Sum("npgsql_db_client_connection_count") >= 1);
        Assert.True(gateway.Has("npgsql_db_client_connection_count", ("db_client_connection_state", "used")));
        Assert.True(gateway.Sum("npgsql_db_client_connection_max") >= 1);
        var published = await Scrape.UntilAsync(platform.GatewayAddress, s => s.Has("decisioning_health_check_status", ("check", "database")));

        Assert.Equal(2, published.Sum("decisioning_health_check_status", ("check", "database")));
        // Model checks degrade rather than fail; another test of this class stops a model service, and the published
        // value lags it by up to a publishing period, so only their presence and range are certain here.
        Assert.InRange(published.Sum("decisioning_health_check_status", ("check", "pricing")), 1, 2);

        // CreditScoring: server RED, score latency, PD distribution, grades.
        const string modelVersion = "german-scorecard-1";
        Assert.Equal(4, Delta(scoring, scoringBefore, "grpc_server_handled_total", ("grpc_method", "Score"), ("grpc_code", "OK")));
        Assert.Equal(4, Delta(scoring, scoringBefore, "grpc_server_handling_seconds_count", ("grpc_method", "Score")));
        Assert.Equal(4, Delta(scoring, scoringBefore, "decisioning_model_score_seconds_count", ("model_version", modelVersion)));
        Assert.Equal(4, Delta(scoring, scoringBefore, "decisioning_model_pd_count", ("model_version", modelVersion)));
        Assert.Equal(4, Delta(scoring, scoringBefore, "decisioning_model_grade_total", ("model_version", modelVersion)));
        var meanPd = scoring.Sum("decisioning_model_pd_sum", ("model_version", modelVersion)) / scoring.Sum("decisioning_model_pd_count", ("model_version", modelVersion));
        Assert.InRange(meanPd, 0.001, 0.999);
        Assert.Equal(scoring.Sum("decisioning_model_pd_count"), scoring.Sum("decisioning_model_pd_bucket", ("le", "1")));

        // Pricing: server RED and quotes by product and pricing version.
        Assert.Equal(4, Delta(pricing, pricingBefore, "grpc_server_handled_total", ("grpc_method", "Quote"), ("grpc_code", "OK")));
        Assert.Equal(4, Delta(pricing, pricingBefore, "decisioning_pricing_quotes_total", ("product", Product), ("pricing_version", "pricing-2")));
    }

    [Fact]
    public async Task No_scrape_carries_applicant_data_ids_or_raw_paths()
    {
        var tenant = await platform.CreateTenantAsync();
        using var client = platform.Client(tenant.Decider);
        const string applicationMarker = "LA-PRIVACY-MARKER-5e3b91";
        const string keyMarker = "idem-privacy-marker-0c77d2";
        var unknownDecision = Guid.NewGuid();

        using var created = await client.PostDecisionAsync(Applications.LowRisk(applicationMarker), keyMarker);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var decisionId = (await created.JsonAsync()).GetProperty("decisionId").GetString()!;
        using var read = await client.GetAsync($"/v1/decisions/{decisionId}");
        using var missing = await client.GetAsync($"/v1/decisions/{unknownDecision}");
        using var unmatched = await client.GetAsync($"/v1/{applicationMarker}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        foreach (var scrape in await ScrapeAllAsync())
        {
            foreach (var secret in new[] { applicationMarker, keyMarker, tenant.TenantId, tenant.Decider, decisionId, unknownDecision.ToString() })
            {
                Assert.DoesNotContain(secret, scrape.Text, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public async Task A_model_service_outage_is_counted_for_that_model()
    {
        var tenant = await platform.CreateTenantAsync();
        using var client = platform.Client(tenant.Decider);
        var before = await Scrape.FetchAsync(platform.GatewayAddress);

        await platform.StopPricingAsync();
        try
        {
            using var response = await client.PostDecisionAsync(Applications.LowRisk());
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        finally
        {
            await platform.StartPricingAsync();
        }

        var after = await Scrape.FetchAsync(platform.GatewayAddress);
        Assert.Equal(1, after.Sum("decisioning_model_unavailable_total", ("model", "pricing")) - before.Sum("decisioning_model_unavailable_total", ("model", "pricing")));
        Assert.Equal(0, after.Sum("decisioning_model_unavailable_total", ("model", "credit_scoring")) - before.Sum("decisioning_model_unavailable_total", ("model", "credit_scoring")));
        Assert.Equal(1, after.Sum("grpc_client_handled_total", ("grpc_method", "Quote"), ("grpc_code", "Unavailable"))
            - before.Sum("grpc_client_handled_total", ("grpc_method", "Quote"), ("grpc_code", "Unavailable")));
    }

    private async Task<Scrape[]> ScrapeAllAsync() => await Task.WhenAll(
        Scrape.FetchAsync(platform.GatewayAddress),
        Scrape.FetchAsync(platform.CreditScoringAdminAddress),
        Scrape.FetchAsync(platform.PricingAdminAddress));

    // Cumulative buckets never decrease, and +Inf equals _count, for every histogram series.
    private static void AssertHistogramsAreConsistent(Scrape scrape)
    {
        var series = scrape.Samples
            .Where(s => s.Name.EndsWith("_bucket", StringComparison.Ordinal))
            .GroupBy(s => s.Name[..^"_bucket".Length] + "{" + string.Join(",", s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key).Select(l => $"{l.Key}={l.Value}")) + "}");
        Assert.NotEmpty(series);
        foreach (var buckets in series)
        {
            var counts = buckets.Select(b => b.Value).ToList();
            Assert.Equal(counts.Order(), counts);
            Assert.Equal("+Inf", buckets.Last().Labels["le"]);
            var baseName = buckets.First().Name[..^"_bucket".Length];
            var labels = buckets.First().Labels.Where(l => l.Key != "le").Select(l => (l.Key, l.Value)).ToArray();
            Assert.Equal(counts[^1], scrape.Matching(baseName + "_count", labels).Single(s => s.Labels.Count == labels.Length).Value);
        }
    }

    private static void AssertProcessMetricsAreSane(Scrape scrape)
    {
        Assert.InRange(scrape.Sum("process_cpu_seconds_total"), 0.01, 3600);
        Assert.InRange(scrape.Sum("process_working_set_bytes"), 10e6, 4e9);
        Assert.InRange(scrape.Sum("dotnet_total_memory_bytes"), 1e5, 4e9);
        var started = DateTimeOffset.FromUnixTimeMilliseconds((long)(scrape.Sum("process_start_time_seconds") * 1000));
        Assert.InRange(started, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow);
    }
}
