using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Decisioning.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;

namespace Decisioning.ServiceDefaults.UnitTests.Telemetry;

// One class, so its tests run one after another: a watcher hears every OTLP exporter in the process.
public class OtlpExportWatcherTests
{
    private const string Traces = "http://127.0.0.1:4318/v1/traces";
    private const string Logs = "http://127.0.0.1:4318/v1/logs";

    [Fact]
    public void Failing_exports_to_every_endpoint_log_one_warning_until_all_recover_and_warn_again_when_they_fail_again()
    {
        var logger = new RecordingLogger();
        using var watcher = new OtlpExportWatcher(logger);

        for (var i = 0; i < 50; i++)
        {
            watcher.OnExport(Traces, succeeded: false, "RequestTimedOut: timeout");
            watcher.OnExport(Logs, succeeded: false);
        }

        watcher.OnExport(Traces, succeeded: true);
        Assert.Single(logger.Entries);
        watcher.OnExport(Logs, succeeded: true);
        watcher.OnExport(Logs, succeeded: true);
        watcher.OnExport(Logs, succeeded: false, "FailedToReachCollector: connection refused");

        Assert.Equal([LogLevel.Warning, LogLevel.Information, LogLevel.Warning], logger.Entries.Select(e => e.Level));
        Assert.Contains($"OTLP export to {Traces} is failing (RequestTimedOut: timeout)", logger.Entries[0].Message);
        Assert.Contains("(FailedToReachCollector: connection refused)", logger.Entries[2].Message);
    }

    [Fact]
    public void Concurrent_failures_warn_exactly_once()
    {
        var logger = new RecordingLogger();
        using var watcher = new OtlpExportWatcher(logger);

        Parallel.For(0, 10_000, i => watcher.OnExport(i % 2 == 0 ? Traces : Logs, succeeded: false));

        Assert.Single(logger.Entries);
    }

    [Fact]
    public void The_exporter_of_the_sdk_failing_to_reach_its_collector_is_one_warning_naming_the_endpoint_and_the_cause()
    {
        var logger = new RecordingLogger();
        using var watcher = new OtlpExportWatcher(logger);
        var endpoint = $"http://127.0.0.1:{ClosedPort()}";
        using var source = new ActivitySource("Test." + Guid.NewGuid().ToString("N"));
        using (Sdk.CreateTracerProviderBuilder()
            .AddSource(source.Name)
            .AddOtlpExporter(o => (o.Endpoint, o.Protocol, o.ExportProcessorType) = (new Uri(endpoint + "/v1/traces"), OtlpExportProtocol.HttpProtobuf, ExportProcessorType.Simple))
            .Build())
        {
            for (var i = 0; i < 5; i++)
            {
                source.StartActivity("refused")?.Dispose();
            }
        }

        var warning = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains($"OTLP export to {endpoint}/v1/traces is failing (FailedToReachCollector: System.Net.Http.HttpRequestException", warning.Message);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
