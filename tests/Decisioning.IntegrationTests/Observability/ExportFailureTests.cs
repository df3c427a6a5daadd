using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Observability;

// A collector that is down or never answers costs dropped telemetry, never a slow or failed decision, and each
// service says so once.
public class ExportFailureTests
{
    // The console logger's header line of the monitor's "export is failing" warning (event id 1).
    private const string FailingWarning = "warn: Decisioning.ServiceDefaults.OtlpExport[1]";

    [Fact]
    public async Task Decisions_keep_their_latency_and_each_service_warns_once_when_the_collector_is_down_or_silent()
    {
        // Logs go to a closed port (refused at once); traces to a port that accepts connections and never answers,
        // so each trace export waits for the exporter's own timeout: on the request path that would show at once.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var closedPort = FreePort.Next();
        await using var platform = new Platform
        {
            ServiceEnvironment = new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{closedPort}",
                ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}",
                ["OTEL_EXPORTER_OTLP_TIMEOUT"] = "5000",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
                ["OTEL_BLRP_SCHEDULE_DELAY"] = "100",
            },
        };
        await platform.InitializeAsync();
        var tenant = await platform.CreateTenantAsync();
        using var client = platform.Client(tenant.Decider);
        // The first decision pays for compilation and connections on a loaded machine; export is what is measured.
        using (var first = await client.PostDecisionAsync(Applications.MediumRisk()))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        var latencies = new List<TimeSpan>();
        var until = DateTime.UtcNow.AddSeconds(3);
        while (DateTime.UtcNow < until || latencies.Count < 20)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.PostDecisionAsync(Applications.MediumRisk());
            latencies.Add(Stopwatch.GetElapsedTime(started));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var services = new[] { platform.Gateway, platform.CreditScoring!, platform.Pricing! };
        var waitUntil = DateTime.UtcNow.AddSeconds(15);
        while (services.Any(s => !s.Output.Contains(FailingWarning, StringComparison.Ordinal)) && DateTime.UtcNow < waitUntil)
        {
            await Task.Delay(100);
        }

        // Dozens of failed batches later (100 ms schedule), still one warning per service.
        await Task.Delay(1000);
        foreach (var service in services)
        {
            Assert.True(Regex.Count(service.Output, Regex.Escape(FailingWarning)) == 1, $"{service.Name} did not warn exactly once:\n{service.Output}");
            Assert.Contains("OTLP export to", service.Output);
            Assert.DoesNotContain("fail: ", service.Output);
        }

        var ordered = latencies.Order().ToArray();
        Assert.True(ordered[ordered.Length / 2] < TimeSpan.FromMilliseconds(250), $"median {ordered[ordered.Length / 2].TotalMilliseconds} ms");
        Assert.True(ordered[^1] < TimeSpan.FromSeconds(3), $"slowest {ordered[^1].TotalMilliseconds} ms, the exporter timeout is 5 s");
        Assert.False(platform.Gateway.HasExited);
    }
}
