using System.Net;
using System.Text.Json;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Grpc;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Observability;

// Every service's /metrics, asked for OpenMetrics as Prometheus asks, is parsed by the reference parser (Debian's
// python3-prometheus-client; test.sh installs it), and the latency buckets carry exemplars of the decision's trace.
// Counters carry exemplars too (prometheus-net records one from the current span on every increment).
public class OpenMetricsTests(Platform platform) : IClassFixture<Platform>
{
    [Fact]
    public async Task Every_service_answers_openmetrics_that_the_reference_parser_accepts_with_exemplars_of_the_decision_trace()
    {
        var tenant = await platform.CreateTenantAsync();
        using var client = platform.Client(tenant.Decider);
        using var response = await client.PostDecisionAsync(Applications.LowRisk());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var traceId = (await response.JsonAsync()).GetProperty("traceId").GetString()!;

        var services = new (Uri Address, string Histogram, (string, string) Series)[]
        {
            (platform.GatewayAddress, "http_server_request_duration_seconds", ("http_route", "/v1/decisions/")),
            (platform.CreditScoringAdminAddress, "grpc_server_handling_seconds", ("grpc_method", "Score")),
            (platform.PricingAdminAddress, "grpc_server_handling_seconds", ("grpc_method", "Quote")),
        };
        foreach (var (address, histogram, (label, value)) in services)
        {
            var scrape = await ParseAsync(address);

            Assert.Equal("application/openmetrics-text; version=1.0.0; charset=utf-8", scrape.GetProperty("content_type").GetString());
            var families = scrape.GetProperty("families").EnumerateArray()
                .ToDictionary(f => f.GetProperty("name").GetString()!, f => (Type: f.GetProperty("type").GetString(), Unit: f.GetProperty("unit").GetString()));
            Assert.Equal("histogram", families[histogram].Type);
            Assert.Equal("counter", families["process_cpu_seconds"].Type);
            Assert.Equal("gauge", families["process_working_set_bytes"].Type);

            var exemplars = scrape.GetProperty("exemplars").EnumerateArray().ToList();
            Assert.NotEmpty(exemplars);
            Assert.All(exemplars, e =>
            {
                Assert.Matches("_(bucket|total)$", e.GetProperty("name").GetString());
                Assert.Matches("^[0-9a-f]{32}$", e.GetProperty("exemplar").GetProperty("labels").GetProperty("trace_id").GetString());
                Assert.Matches("^[0-9a-f]{16}$", e.GetProperty("exemplar").GetProperty("labels").GetProperty("span_id").GetString());
                Assert.InRange(
                    DateTimeOffset.FromUnixTimeMilliseconds((long)(e.GetProperty("exemplar").GetProperty("timestamp").GetDouble() * 1000)),
                    DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddSeconds(1));
                // An exemplar sits on the bucket its value was counted in: never above its bound.
                var le = e.GetProperty("labels").TryGetProperty("le", out var bound) ? bound.GetString()! : "+Inf";
                Assert.True(le == "+Inf" || e.GetProperty("exemplar").GetProperty("value").GetDouble() <= double.Parse(le, System.Globalization.CultureInfo.InvariantCulture), e.ToString());
            });
            Assert.Contains(exemplars, e =>
                e.GetProperty("name").GetString() == histogram + "_bucket"
                && e.GetProperty("labels").GetProperty(label).GetString() == value
                && e.GetProperty("exemplar").GetProperty("labels").GetProperty("trace_id").GetString() == traceId);
        }
    }

    private static async Task<JsonElement> ParseAsync(Uri serviceAddress)
    {
        await using var parser = ChildProcess.Start(
            PythonInterop.Python, Path.Combine(AppContext.BaseDirectory, "Observability", "openmetrics_scrape.py"), new Uri(serviceAddress, "/metrics").ToString());
        var (exitCode, output) = await parser.RunToEndAsync(PythonInterop.ProcessTimeout);
        Assert.True(exitCode == 0, $"openmetrics_scrape.py exited with {exitCode} (python3-prometheus-client installed? test.sh installs it):\n{parser.StandardError}");
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }
}
